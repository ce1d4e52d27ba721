#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Threads that start each job at once: an idle one takes it, or a new one starts, so no job
/// waits behind another that blocks (a long write, a delay on purpose).
/// Dispatch's global queue, by contrast, keeps about one thread per core and adds more only
/// after a blocked one has held a job up for a while. A thread idle for `idleSeconds` ends.
public final class ElasticThreads: @unchecked Sendable {
    private let condition = Condition()
    private let idleSeconds: Double
    // Guarded by `condition`.
    private var jobs: [@Sendable () -> Void] = []
    /// Threads waiting for a job that no queued job has claimed yet.
    private var unclaimedIdle = 0

    public init(idleSeconds: Double = 10) { self.idleSeconds = idleSeconds }

    /// Starts `job` now; `false` only when no thread was idle and the system would make no more.
    @discardableResult
    public func run(_ job: @escaping @Sendable () -> Void) -> Bool {
        let woken = condition.withLock { () -> Bool in
            guard unclaimedIdle > 0 else { return false }
            unclaimedIdle -= 1
            jobs.append(job)
            condition.broadcast()
            return true
        }
        return woken || Self.startDetached { [self] in work(from: job) }
    }

    private func work(from first: @escaping @Sendable () -> Void) {
        var next: (@Sendable () -> Void)? = first
        while let job = next {
            job()
            next = condition.withLock { () -> (@Sendable () -> Void)? in
                unclaimedIdle += 1
                var remaining = idleSeconds
                while jobs.isEmpty {
                    if remaining <= 0 {
                        unclaimedIdle -= 1
                        return nil
                    }
                    let started = WorkerThread.monotonicSeconds()
                    condition.wait(seconds: remaining)
                    remaining -= WorkerThread.monotonicSeconds() - started
                }
                // Whoever queued it counted this thread as claimed.
                return jobs.removeFirst()
            }
        }
    }

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// A thread nobody joins: its resources go back when it returns.
    private static func startDetached(_ body: @escaping @Sendable () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, context)
        if status != 0 { Unmanaged<Body>.fromOpaque(context).release() }
        return status == 0
    }
}
