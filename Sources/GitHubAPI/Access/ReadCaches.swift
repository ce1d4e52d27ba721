import Store

/// The lookups every API request repeats (its token, the path's repository), answered from
/// memory until the next write to the store.
public final class ReadCaches: Sendable {
    private let store: Store
    private let tokens = GenerationCache<String, TokenRecord?>()
    private let repositories = GenerationCache<RepositoryName, RepositoryRecord?>()

    private struct RepositoryName: Hashable, Sendable {
        let owner: String
        let name: String
    }

    public init(store: Store) { self.store = store }

    /// The token a client presented, whatever its state (revoked and expired ones included).
    public func token(_ presented: String) throws(APIError) -> TokenRecord? {
        try cached(tokens, presented) { try $0.token(presented) }
    }

    public func repository(owner: String, name: String) throws(APIError) -> RepositoryRecord? {
        try cached(repositories, RepositoryName(owner: owner, name: name)) { try $0.repository(owner: owner, name: name) }
    }

    private func cached<Key, Value>(_ cache: GenerationCache<Key, Value>, _ key: Key,
                                    _ read: (StoreReader) throws -> Value) throws(APIError) -> Value {
        try storeAnswer { try store.read(cache, key: key, read) }
    }
}
