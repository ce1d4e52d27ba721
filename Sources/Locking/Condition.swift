#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A mutex with a condition variable: threads wait under the lock until another changes what
/// they wait for and broadcasts (the webhook senders, the scheduler's timer).
public final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    public func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits for a broadcast; only while holding the lock (inside `withLock`).
    public func wait() { pthread_cond_wait(changed, mutex) }

    /// Waits for a broadcast or `seconds`, whichever comes first; only while holding the lock.
    public func wait(seconds: Double) {
        guard seconds > 0 else { return }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let total = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9 + min(seconds, 86_400)
        var deadline = timespec()
        deadline.tv_sec = Int(total)
        deadline.tv_nsec = Int((total - Double(Int(total))) * 1e9)
        pthread_cond_timedwait(changed, mutex, &deadline)
    }

    /// Runs `body` with the lock released, then takes it again; only while holding the lock.
    public func withoutLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_unlock(mutex)
        defer { pthread_mutex_lock(mutex) }
        return try body()
    }

    /// Wakes every waiting thread.
    public func broadcast() { pthread_cond_broadcast(changed) }
}
