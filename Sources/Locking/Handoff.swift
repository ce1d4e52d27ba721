#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Passes batches from one producing thread to one consuming thread, at most `capacity`
/// batches ahead, so the two work at once (a large seed is parsed on one core while the other
/// writes it). Either side can stop the other: the producer by finishing (with an error or
/// not), the consumer by cancelling.
public final class Handoff<Element: Sendable>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let capacity: Int
    private var batches: [[Element]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    /// The producer's next batch, waiting while `capacity` are pending; `false` once the
    /// consumer cancelled (the producer should stop).
    public func send(_ batch: [Element]) -> Bool {
        locked {
            while batches.count >= capacity && !cancelled { pthread_cond_wait(changed, mutex) }
            guard !cancelled else { return false }
            batches.append(batch)
            pthread_cond_broadcast(changed)
            return true
        }
    }

    /// The producer is done: after the pending batches the consumer gets `error`, or the end.
    public func finish(throwing error: (any Error)? = nil) {
        locked {
            finished = true
            failure = error
            pthread_cond_broadcast(changed)
        }
    }

    /// The next batch in order, waiting for the producer; `nil` at the end. Throws what the
    /// producer finished with, once every batch sent before it was received.
    public func receive() throws -> [Element]? {
        let (batch, error): ([Element]?, (any Error)?) = locked {
            while batches.isEmpty && !finished { pthread_cond_wait(changed, mutex) }
            if !batches.isEmpty {
                let batch = batches.removeFirst()
                pthread_cond_broadcast(changed)
                return (batch, nil)
            }
            return (nil, failure)
        }
        if let error { throw error }
        return batch
    }

    /// The consumer stops: pending batches are dropped and the producer's `send` answers `false`.
    public func cancel() {
        locked {
            cancelled = true
            batches.removeAll()
            pthread_cond_broadcast(changed)
        }
    }

    private func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}

/// A thread running one closure, to be joined.
public final class WorkerThread: @unchecked Sendable {
    private var thread = pthread_t()
    private var joined = false

    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Starts `body` on a new thread; `nil` when the system makes no more threads.
    public init?(_ body: @escaping @Sendable () -> Void) {
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        let status = pthread_create(&thread, nil, { raw in
            Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, work)
        guard status == 0 else {
            Unmanaged<Work>.fromOpaque(work).release()
            return nil
        }
    }

    /// Seconds on a clock that never jumps, for measuring intervals.
    public static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Suspends the calling thread for `seconds`.
    public static func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    /// Waits for the closure to return.
    public func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }
}
