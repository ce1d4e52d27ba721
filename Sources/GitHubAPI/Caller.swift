import Store

/// Who is making a request, as far as authorization is concerned.
public enum Caller: Sendable, Equatable {
    case anonymous
    case token(TokenRecord)
}

/// GitHub's visibility rules: which repositories a caller may see, and with what answer when not.
public enum Access {
    /// The repository named in the path, if the caller may read its Actions data; otherwise the
    /// error GitHub gives (404 for anything the caller may not know exists).
    public static func repository(_ context: APIContext, reader: StoreReader) throws -> RepositoryRecord {
        guard let owner = context.parameters["owner"], let name = context.parameters["repo"],
              let repository = try reader.repository(owner: owner, name: name)
        else { throw APIError.notFound(context.documentationURL) }
        switch context.caller {
        case .anonymous:
            guard repository.visibility == .public else { throw APIError.notFound(context.documentationURL) }
        case .token:
            break
        }
        return repository
    }
}
