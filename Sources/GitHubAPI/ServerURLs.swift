/// The URLs the emulator writes into resources, built from its base URL the way GitHub
/// Enterprise Server builds them: API URLs under `/api/v3`, web URLs at the root.
public struct ServerURLs: Sendable, Equatable {
    /// `scheme://host[:port]` without a trailing slash or `/api/v3`.
    public let root: String

    /// Accepts `http://host:port`, with or without a trailing `/` or `/api/v3`.
    public init(baseURL: String) {
        var root = baseURL
        while root.hasSuffix("/") { root.removeLast() }
        if root.hasSuffix("/api/v3") { root.removeLast("/api/v3".count) }
        self.root = root
    }

    public var api: String { root + "/api/v3" }

    public func repository(_ owner: String, _ name: String) -> String { "\(api)/repos/\(owner)/\(name)" }
    public func run(_ owner: String, _ name: String, run: Int64) -> String {
        "\(repository(owner, name))/actions/runs/\(run)"
    }
    public func job(_ owner: String, _ name: String, job: Int64) -> String {
        "\(repository(owner, name))/actions/jobs/\(job)"
    }
    public func checkRun(_ owner: String, _ name: String, job: Int64) -> String {
        "\(repository(owner, name))/check-runs/\(job)"
    }
    /// The job's page in the web UI.
    public func jobPage(_ owner: String, _ name: String, run: Int64, job: Int64) -> String {
        "\(root)/\(owner)/\(name)/actions/runs/\(run)/job/\(job)"
    }
}
