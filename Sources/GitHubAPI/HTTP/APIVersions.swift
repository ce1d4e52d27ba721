/// A GitHub Enterprise Server release, e.g. `3.21.0`: it decides which REST API versions the
/// emulated server accepts and what `/meta` reports as `installed_version`.
public struct GHESRelease: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int

    /// The release emulated unless configured otherwise.
    public static let `default` = GHESRelease(major: 3, minor: 21, patch: 0)
    /// The first release with a versioned REST API (`X-GitHub-Api-Version`).
    public static let earliest = GHESRelease(major: 3, minor: 9, patch: 0)
    /// The first release whose published API descriptions carry `2026-03-10`.
    static let firstWith20260310 = GHESRelease(major: 3, minor: 21, patch: 0)

    public init(major: Int, minor: Int, patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Why a release string is refused.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case tooOld(GHESRelease)

        public var description: String {
            switch self {
            case .malformed(let text):
                "expected a GitHub Enterprise Server release such as 3.21.0, found \"\(text)\""
            case .tooOld(let release):
                "\(release) is older than \(GHESRelease.earliest), the first release with a versioned REST API"
            }
        }
    }

    /// Parses `3.21` or `3.21.0`; releases before 3.9 are refused.
    public static func parse(_ text: String) throws(ParseError) -> GHESRelease {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let major = Int(parts[0]), let minor = Int(parts[1])
        else { throw .malformed(text) }
        let release = GHESRelease(major: major, minor: minor, patch: parts.count == 3 ? Int(parts[2]) ?? 0 : 0)
        guard release >= earliest else { throw .tooOld(release) }
        return release
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: GHESRelease, rhs: GHESRelease) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    /// REST API versions this release accepts, oldest (the default) first.
    public var apiVersions: APIVersions {
        APIVersions(supported: self >= Self.firstWith20260310 ? ["2022-11-28", "2026-03-10"] : ["2022-11-28"])
    }
}

/// The `X-GitHub-Api-Version` values a server accepts, and GitHub's 400 for any other.
public struct APIVersions: Sendable, Equatable {
    /// Oldest first; the first is what a request without the header gets.
    public let supported: [String]

    public var `default`: String { supported[0] }

    /// The version a request selects; `nil` when it names one this server does not support.
    public func selected(by requested: String?) -> String? {
        guard let requested else { return self.default }
        return supported.contains(requested) ? requested : nil
    }

    /// The version the client asked for, or the 400 GitHub answers for an unsupported one.
    public func validate(_ requested: String?) throws(APIError) -> String {
        if let version = selected(by: requested) { return version }
        // Newest first, marked as GitHub marks it.
        let list = supported.reversed().enumerated().map { index, version in
            index == 0 ? "\"\(version)\" (most recent)" : "\"\(version)\""
        }
        throw APIError(
            status: 400,
            message: "The version you specified in the \"X-GitHub-API-Version\" request header, \"\(requested ?? "")\", "
                + "is not a supported version. The following versions are currently supported: "
                + list.joined(separator: ", ") + ".",
            documentationURL: Docs.apiVersions
        )
    }
}
