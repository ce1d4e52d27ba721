#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A pthread mutex, with try-lock. The emulator locks with this rather than Synchronization's
/// `Mutex`: on Linux ThreadSanitizer cannot see that one's lock (it lives in an uninstrumented
/// library) and reports races it prevents, and `make sanitize` runs ThreadSanitizer.
public final class Lock: @unchecked Sendable {
    // A pthread mutex must not move: it lives in its own allocation.
    @usableFromInline let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    public init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inlinable public func lock() { pthread_mutex_lock(mutex) }
    @inlinable public func unlock() { pthread_mutex_unlock(mutex) }
    /// Takes the lock only if it is free.
    @inlinable public func `try`() -> Bool { pthread_mutex_trylock(mutex) == 0 }

    @inlinable
    public func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock()
        defer { unlock() }
        return try body()
    }
}

/// A value only reached under its lock. Inlinable, so generic callers get it specialized.
public final class Locked<Value>: @unchecked Sendable {
    @usableFromInline let lock = Lock()
    @usableFromInline var value: Value

    public init(_ value: Value) { self.value = value }

    @inlinable
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        try lock.withLock { try body(&value) }
    }
}
