import JSON
import SystemIO

/// Where a seed document's bytes come from: a file, read in pieces on each pass, or bytes held
/// whole (a body posted to the control API).
public enum SeedSource: Sendable, Equatable {
    case file(String)
    case bytes([UInt8], name: String)

    /// What errors cite: the file's path, or a name such as `request body`.
    public var name: String {
        switch self {
        case .file(let path): path
        case .bytes(_, let name): name
        }
    }

    /// Runs `body` with a reader at the document's start; a file that cannot be read is the
    /// seed error naming it.
    func read(_ body: (inout JSONReader) throws(SeedError) -> Void) throws(SeedError) {
        switch self {
        case .bytes(let bytes, _):
            var reader = JSONReader(bytes: bytes)
            try body(&reader)
        case .file(let path):
            let input: FileInput
            do {
                input = try FileInput(path: path)
            } catch {
                throw SeedError(source: path, path: "$", reason: "cannot read the file: \(error)")
            }
            var reader = JSONReader(pieces: { input.nextPiece() })
            do {
                try body(&reader)
            } catch {
                // A read that failed looks like a truncated document: say what really happened.
                if let failure = input.failure { throw SeedError(source: path, path: "$", reason: "cannot read the file: \(failure)") }
                throw error
            }
            if let failure = input.failure { throw SeedError(source: path, path: "$", reason: "cannot read the file: \(failure)") }
        }
    }
}
