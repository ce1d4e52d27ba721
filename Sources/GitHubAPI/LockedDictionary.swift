import Locking

/// A dictionary behind a lock, updated in place.
final class LockedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let storage = Locked<[Key: Value]>([:])

    func update<R: Sendable>(_ key: Key, _ body: (inout Value?) -> R) -> R {
        storage.withLock { body(&$0[key]) }
    }

    func removeAll() {
        storage.withLock { $0.removeAll() }
    }
}
