/// Why a seed was refused: the file (or other source), the JSON path inside it, and the reason.
public struct SeedError: Error, Equatable, CustomStringConvertible {
    /// The file path, or a name such as `request body` for seeds that did not come from a file.
    public var source: String
    /// Where in the document, e.g. `$.jobs[3].status`; `$` for the whole document.
    public var path: String
    public var reason: String

    public init(source: String, path: String, reason: String) {
        self.source = source
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(source): \(path): \(reason)" }
}
