/// Who may see a repository without being one of its readers.
public enum Visibility: String, Sendable, CaseIterable {
    case `public`, `private`, `internal`
}

/// A repository as seeded: owner/name (case-insensitive), visibility, the users who can read
/// and write it.
public struct RepositoryRecord: Sendable, Equatable {
    public var id: Int64
    public var owner: String
    public var name: String
    public var visibility: Visibility
    /// Logins that can read it besides the owner.
    public var readers: [String]
    /// Logins that can also write it (dispatch, re-run, cancel) besides the owner.
    public var writers: [String]
    /// Logins with admin rights besides the owner (who may write too).
    public var admins: [String]
    /// The GITHUB_TOKEN default when a workflow declares no `permissions`: `write` (GitHub's
    /// permissive default) or `read`.
    public var defaultWorkflowPermissions: String

    public init(id: Int64, owner: String, name: String, visibility: Visibility, readers: [String] = [],
                writers: [String] = [], admins: [String] = [], defaultWorkflowPermissions: String = "write") {
        self.id = id
        self.owner = owner
        self.name = name
        self.visibility = visibility
        self.readers = readers
        self.writers = writers
        self.admins = admins
        self.defaultWorkflowPermissions = defaultWorkflowPermissions
    }

    /// The role a member row stores; the highest one wins when a login is listed twice.
    public enum Role: String, Sendable, Comparable {
        case read, write, admin
        public static func < (lhs: Role, rhs: Role) -> Bool { lhs.order < rhs.order }
        private var order: Int { self == .read ? 0 : self == .write ? 1 : 2 }
    }

    /// `owner/name` as seeded.
    public var fullName: String { "\(owner)/\(name)" }
}

/// The kinds of token GitHub issues, each with its own authorization rules.
public enum TokenKind: String, Sendable, CaseIterable {
    case classic, oauth, fineGrained = "fine_grained", installation, appUser = "app_user"
}

/// Which repositories a fine-grained or App token was granted.
public enum RepositorySelection: Sendable, Equatable {
    case all
    /// `owner/name` pairs, compared case-insensitively.
    case selected([String])

    /// Whether the selection names `repository` (`.all` names every one).
    public func includes(_ repository: RepositoryRecord) -> Bool {
        switch self {
        case .all: true
        case .selected(let names): names.contains { $0.lowercased() == repository.fullName.lowercased() }
        }
    }
}

/// A GitHub permission's levels, each covering the ones below it: read, write, admin.
public enum PermissionLevel {
    static let order = ["read", "write", "admin"]

    /// Whether `granted` covers `requested`; an unknown level covers, and is covered by, nothing.
    public static func covers(_ granted: String?, _ requested: String) -> Bool {
        guard let granted, let have = order.firstIndex(of: granted), let want = order.firstIndex(of: requested) else { return false }
        return have >= want
    }
}

/// A token with what it grants: seeded, or issued to an App installation or a job.
public struct TokenRecord: Sendable, Equatable {
    /// The secret as seeded; for an issued token only `sha256:` and its digest, never the secret.
    public var token: String
    public var kind: TokenKind
    public var user: String?
    /// Classic and OAuth scopes, e.g. `repo`.
    public var scopes: [String]
    public var repositories: RepositorySelection
    /// Fine-grained permissions, e.g. `actions: read`.
    public var permissions: [String: String]
    /// RFC 3339 expiry as seeded, if any.
    public var expiresAt: String?
    /// Revoked, or (for a job's GITHUB_TOKEN) its job has completed.
    public var revoked: Bool
    /// The App installation an installation token was issued to.
    public var installationID: Int64?
    /// The account whose repositories `.all` means, for an installation's token; `nil`: any.
    public var account: String?
    /// The job a GITHUB_TOKEN belongs to: it lives as long as the job runs.
    public var jobID: Int64?

    public init(token: String, kind: TokenKind, user: String? = nil, scopes: [String] = [],
                repositories: RepositorySelection = .all, permissions: [String: String] = [:],
                expiresAt: String? = nil, revoked: Bool = false,
                installationID: Int64? = nil, account: String? = nil, jobID: Int64? = nil) {
        self.token = token
        self.kind = kind
        self.user = user
        self.scopes = scopes
        self.repositories = repositories
        self.permissions = permissions
        self.expiresAt = expiresAt
        self.revoked = revoked
        self.installationID = installationID
        self.account = account
        self.jobID = jobID
    }
}

/// A value that is either given by the seed (possibly as an explicit `null`) or derived when served.
public enum Derivable<Value: Sendable & Equatable>: Sendable, Equatable {
    case derived
    case given(Value?)
}

/// A workflow job. Optional URL fields are `nil` when the seed left them to be derived from the
/// server's base URL; everything else is stored exactly as seeded, timestamps included.
public struct JobRecord: Sendable, Equatable {
    public var id: Int64
    public var runID: Int64
    public var runAttempt: Int
    public var repositoryID: Int64
    public var name: String
    public var status: String
    public var conclusion: String?
    public var headSHA: String
    public var createdAt: String
    public var startedAt: String
    public var completedAt: String?
    public var runURL: String?
    public var nodeID: String?
    public var url: String?
    public var htmlURL: Derivable<String>
    public var checkRunURL: String?
    public var labels: [String]
    public var runnerID: Int64?
    public var runnerName: String?
    public var runnerGroupID: Int64?
    public var runnerGroupName: String?
    public var workflowName: String?
    public var headBranch: String?
    public var steps: [StepRecord]
    /// The log text a seed gives, when writing. Reads leave it `nil` and set `hasSeededLog`;
    /// the text itself is read in pieces with `StoreReader.logBytes`.
    public var log: String?
    /// Whether the store holds a seeded log for this job (otherwise one is generated).
    public var hasSeededLog: Bool
    /// Whether the job follows a schedule (a run started by `runs` or the control API): its
    /// state comes from the clock, and its log exists once it has completed.
    public var isScheduled = false
    /// Set once `DELETE .../logs` removed its run's logs: the log routes answer 404.
    public var logDeleted = false

    public init(id: Int64, runID: Int64, runAttempt: Int = 1, repositoryID: Int64, name: String,
                status: String, conclusion: String? = nil, headSHA: String, createdAt: String,
                startedAt: String, completedAt: String? = nil, runURL: String? = nil, nodeID: String? = nil,
                url: String? = nil, htmlURL: Derivable<String> = .derived, checkRunURL: String? = nil,
                labels: [String] = [], runnerID: Int64? = nil, runnerName: String? = nil,
                runnerGroupID: Int64? = nil, runnerGroupName: String? = nil, workflowName: String? = nil,
                headBranch: String? = nil, steps: [StepRecord] = [], log: String? = nil) {
        self.id = id
        self.runID = runID
        self.runAttempt = runAttempt
        self.repositoryID = repositoryID
        self.name = name
        self.status = status
        self.conclusion = conclusion
        self.headSHA = headSHA
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.runURL = runURL
        self.nodeID = nodeID
        self.url = url
        self.htmlURL = htmlURL
        self.checkRunURL = checkRunURL
        self.labels = labels
        self.runnerID = runnerID
        self.runnerName = runnerName
        self.runnerGroupID = runnerGroupID
        self.runnerGroupName = runnerGroupName
        self.workflowName = workflowName
        self.headBranch = headBranch
        self.steps = steps
        self.log = log
        self.hasSeededLog = log != nil
    }
}

/// One step of a job, as seeded.
public struct StepRecord: Sendable, Equatable {
    public var name: String
    public var status: String
    public var conclusion: String?
    public var number: Int64
    public var startedAt: String?
    public var completedAt: String?
    /// What the step printed, for scheduled jobs' logs (not part of the job object).
    public var log: String?

    public init(name: String, status: String, conclusion: String? = nil, number: Int64,
                startedAt: String? = nil, completedAt: String? = nil, log: String? = nil) {
        self.name = name
        self.status = status
        self.conclusion = conclusion
        self.number = number
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.log = log
    }
}

/// How many rows of each kind the store holds.
public struct StoreCounts: Sendable, Equatable {
    public var repositories: Int
    public var tokens: Int
    public var runs: Int
    public var jobs: Int
    public var steps: Int

    public init(repositories: Int, tokens: Int, runs: Int, jobs: Int, steps: Int) {
        self.repositories = repositories
        self.tokens = tokens
        self.runs = runs
        self.jobs = jobs
        self.steps = steps
    }
}
