import HTTPServer
import Store

/// GitHub's visibility rules for the Actions endpoints: who may read a repository's jobs, and
/// what they are told when not (404 for anything they may not know exists, 403 when a
/// fine-grained token sees the repository but lacks the `actions` permission).
public enum Access {
    /// The repository named in the path, if the caller may read its Actions data.
    public static func repository(_ context: APIContext) throws(APIError) -> RepositoryRecord {
        guard let owner = context.parameters["owner"], let name = context.parameters["repo"],
              let repository = try context.caches.repository(owner: owner, name: name)
        else { throw APIError.notFound(context.documentationURL) }
        try check(context.caller, canRead: repository, documentationURL: context.documentationURL)
        return repository
    }

    /// Throws the answer GitHub gives when `caller` may not read `repository`'s Actions data.
    public static func check(_ caller: Caller, canRead repository: RepositoryRecord, documentationURL: String) throws(APIError) {
        // Public resources need neither a token nor any scope or permission.
        if repository.visibility == .public { return }
        guard case .token(let token) = caller else { throw APIError.notFound(documentationURL) }
        switch token.kind {
        case .classic, .oauth:
            guard userCanRead(token.user, repository), token.scopes.contains("repo") else {
                throw APIError.notFound(documentationURL)
            }
        case .fineGrained, .appUser, .installation:
            guard selects(token, repository), token.kind == .installation || userCanRead(token.user, repository) else {
                throw APIError.notFound(documentationURL)
            }
            guard ["read", "write", "admin"].contains(token.permissions["actions"] ?? "") else {
                let holder = token.kind == .fineGrained ? "personal access token" : "integration"
                throw APIError(status: 403, message: "Resource not accessible by \(holder)",
                               documentationURL: documentationURL,
                               headers: [("X-Accepted-GitHub-Permissions", "actions=read")])
            }
        }
    }

    /// The repository named in the path, if the caller may write its Actions data (dispatch,
    /// re-run, cancel, delete, enable, disable): actions-write.md's table.
    public static func writableRepository(_ context: APIContext) throws(APIError) -> RepositoryRecord {
        guard let owner = context.parameters["owner"], let name = context.parameters["repo"],
              let repository = try context.caches.repository(owner: owner, name: name)
        else { throw APIError.notFound(context.documentationURL) }
        try check(context.caller, canWrite: repository, documentationURL: context.documentationURL)
        return repository
    }

    /// Throws the answer GitHub gives when `caller` may not write `repository`'s Actions data:
    /// on a private or internal repository exactly the 404 of a missing one, on a public one
    /// 403 `Must have admin rights to Repository.`, and 403 with `X-Accepted-GitHub-Permissions:
    /// actions=write` for a token that reaches the repository without `actions: write`.
    public static func check(_ caller: Caller, canWrite repository: RepositoryRecord, documentationURL: String) throws(APIError) {
        let refusal = repository.visibility == .public
            ? APIError(status: 403, message: "Must have admin rights to Repository.", documentationURL: documentationURL)
            : APIError.notFound(documentationURL)
        guard case .token(let token) = caller else { throw refusal }
        switch token.kind {
        case .classic, .oauth:
            guard userCanWrite(token.user, repository), token.scopes.contains("repo") else { throw refusal }
        case .fineGrained, .appUser, .installation:
            guard selects(token, repository), token.kind == .installation || userCanWrite(token.user, repository) else {
                throw refusal
            }
            guard ["write", "admin"].contains(token.permissions["actions"] ?? "") else {
                let holder = token.kind == .fineGrained ? "personal access token" : "integration"
                throw APIError(status: 403, message: "Resource not accessible by \(holder)",
                               documentationURL: documentationURL,
                               headers: [("X-Accepted-GitHub-Permissions", "actions=write")])
            }
        }
    }

    /// The owner, writers and admins write a repository; readers (and, on an internal one,
    /// every other user) only read it.
    static func userCanWrite(_ user: String?, _ repository: RepositoryRecord) -> Bool {
        // Logins are ASCII: compared as HTTP compares field names, with no lowercased copies.
        guard let user else { return false }
        return user.caseInsensitiveEquals(repository.owner)
            || repository.writers.contains { $0.caseInsensitiveEquals(user) }
            || repository.admins.contains { $0.caseInsensitiveEquals(user) }
    }

    /// Owners, writers, admins and listed readers read a repository; an internal one is readable by every user
    /// of the instance (every user a seed names, which includes every token's user).
    static func userCanRead(_ user: String?, _ repository: RepositoryRecord) -> Bool {
        guard let user else { return false }
        if repository.visibility == .internal { return true }
        return userCanWrite(user, repository) || repository.readers.contains { $0.caseInsensitiveEquals(user) }
    }

    static func selects(_ token: TokenRecord, _ repository: RepositoryRecord) -> Bool {
        // An installation's "all" is all of its account's repositories.
        if case .all = token.repositories, let account = token.account { return account.caseInsensitiveEquals(repository.owner) }
        return token.repositories.includes(repository)
    }
}
