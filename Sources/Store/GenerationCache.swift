import Locking

/// Values derived from the store, kept until the next write commits: the store's generation
/// changes with every write, and a value read at an older generation is never handed out.
///
/// Inlinable so that callers in other modules get it specialized: unspecialized generic calls
/// cost more than the lookups they cache.
public final class GenerationCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    @usableFromInline
    struct Entries {
        @usableFromInline var generation: UInt64
        @usableFromInline var values: [Key: Value]
        @usableFromInline init(generation: UInt64) {
            self.generation = generation
            values = [:]
        }
    }

    @usableFromInline let entries = Locked(Entries(generation: 0))
    /// Bounds memory when clients send endless distinct keys (random tokens, ids).
    @usableFromInline let capacity: Int

    public init(capacity: Int = 4096) { self.capacity = capacity }

    /// The value cached for `key` at `generation`, if any.
    @inlinable
    public func value(for key: Key, at generation: UInt64) -> Value? {
        entries.withLock { $0.generation == generation ? $0.values[key] : nil }
    }

    /// Keeps `value`, read at `generation`, unless a newer generation has been seen.
    @inlinable
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
    @inlinable
    public func read<Key, Value>(_ cache: GenerationCache<Key, Value>, key: Key,
                                 _ read: (StoreReader) throws -> Value) throws -> Value {
        let generation = self.generation
        if let cached = cache.value(for: key, at: generation) { return cached }
        let value = try self.read(read)
        cache.insert(value, for: key, at: generation)
        return value
    }
}
