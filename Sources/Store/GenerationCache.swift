import Synchronization

/// Values derived from the store, kept until the next write commits: the store's generation
/// changes with every write, and a value read at an older generation is never handed out.
public final class GenerationCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entries {
        var generation: UInt64 = 0
        var values: [Key: Value] = [:]
    }

    private let entries = Mutex(Entries())
    /// Bounds memory when clients send endless distinct keys (random tokens, ids).
    private let capacity: Int

    public init(capacity: Int = 4096) { self.capacity = capacity }

    /// The value cached for `key` at `generation`, if any.
    public func value(for key: Key, at generation: UInt64) -> Value? {
        entries.withLock { $0.generation == generation ? $0.values[key] : nil }
    }

    /// Keeps `value`, read at `generation`, unless a newer generation has been seen.
    public func insert(_ value: Value, for key: Key, at generation: UInt64) {
        entries.withLock { entries in
            if generation > entries.generation {
                entries = Entries(generation: generation)
            } else if generation < entries.generation {
                return
            }
            if entries.values.count >= capacity { entries.values.removeAll(keepingCapacity: true) }
            entries.values[key] = value
        }
    }
}

extension Store {
    /// `cache`'s value for `key`, or what `read` makes of one read transaction, cached. The
    /// generation is taken before the read, so a write that commits during it makes the value
    /// stale at once, never wrongly fresh.
    public func read<Key, Value>(_ cache: GenerationCache<Key, Value>, key: Key,
                                 _ read: (StoreReader) throws -> Value) throws -> Value {
        let generation = self.generation
        if let cached = cache.value(for: key, at: generation) { return cached }
        let value = try self.read(read)
        cache.insert(value, for: key, at: generation)
        return value
    }
}
