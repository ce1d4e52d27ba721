import Clock
import FoundationEssentials
import Locking
import OutboundHTTP
import Store
import Synchronization

/// Sends recorded deliveries on threads of its own, never on a request's: each hook's in the
/// order recorded, one at a time per hook, so a receiver that hangs holds up only its own
/// hook's deliveries (and one sender thread) for at most the timeout. The store is the queue:
/// a delivery is recorded with the change that caused it, marked `sending` before it goes and
/// `done` after, and one a stopped process was sending counts as failed on the next start —
/// none lost, none sent twice.
public final class WebhookSender: Sendable {
    /// How deliveries go out.
    public struct Settings: Sendable {
        /// Seconds a receiver has to answer (GHES: 30).
        public var timeout: Double = 30
        /// Threads sending at once: how many hanging receivers it takes to delay the others.
        public var threads = 8
        /// Deliveries kept per hook (the newest).
        public var keepPerHook = 1000
        public var message: DeliveryMessage.Sender

        public init(message: DeliveryMessage.Sender) { self.message = message }
    }

    /// Faults for receivers under test (webhooks.md): every delivery delayed, sent twice (the
    /// same GUID), or sent in a random order within a window of a hook's waiting deliveries.
    public struct Faults: Sendable, Equatable {
        public var delaySeconds: Double = 0
        public var duplicate = false
        /// 0 or 1: in order.
        public var shuffleWindow = 0

        public init(delaySeconds: Double = 0, duplicate: Bool = false, shuffleWindow: Int = 0) {
            self.delaySeconds = delaySeconds
            self.duplicate = duplicate
            self.shuffleWindow = shuffleWindow
        }
    }

    private let store: Store
    private let clock: EmulatorClock
    private let settings: Settings
    private let condition = Condition()
    private let state = UnsafeState()
    private let faultSettings = Locked(Faults())
    private let threads = Locked<[WorkerThread]>([])
    /// Set by `stop()`; read by a delivery in flight, which then gives up rather than hold the
    /// process for the rest of its timeout.
    private let stopRequested = Atomic<Bool>(false)

    /// What the senders share; touched only under `condition`'s lock.
    private final class UnsafeState: @unchecked Sendable {
        var queue = DeliveryQueue(perHook: WebhookSender.heldPerHook, inTotal: WebhookSender.heldInTotal)
        var needsLoad = true
        /// One thread reads the store at a time, so the queue's marks stay in order.
        var loading = false
        var stopping = false
        /// Deliveries sent since start, for tests and benchmarks.
        var sent = 0
    }

    /// The most deliveries held in memory for one hook (a payload is a few KB); the rest wait in the store.
    static let heldPerHook = 500
    /// The most held for all hooks together (tens of MB).
    static let heldInTotal = 10_000
    /// Deliveries read from the store at once.
    static let batch = 1_000

    public init(store: Store, clock: EmulatorClock, settings: Settings) {
        self.store = store
        self.clock = clock
        self.settings = settings
    }

    /// Settles what a stopped process left mid-send, then starts the sender threads.
    public func start() throws {
        _ = try store.write(recordingMoves: false) { try $0.interruptSendingDeliveries() }
        var started: [WorkerThread] = []
        for _ in 0..<max(1, settings.threads) {
            if let thread = WorkerThread({ [self] in run() }) { started.append(thread) }
        }
        threads.withLock { $0 = started }
    }

    /// Stops the threads once their current deliveries end (at most the timeout).
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
        condition.withLock {
            state.stopping = true
            condition.broadcast()
        }
        for thread in threads.withLock({ $0 }) { thread.join() }
    }

    /// New deliveries were committed: look for them.
    public func wake() {
        condition.withLock {
            state.needsLoad = true
            condition.broadcast()
        }
    }

    public var faults: Faults {
        get { faultSettings.withLock { $0 } }
        set { faultSettings.withLock { $0 = newValue } }
    }

    /// How many deliveries were sent since start (a receiver answered or not).
    public var sentCount: Int { condition.withLock { state.sent } }

    // MARK: sender threads

    private func run() {
        let session = HTTPSession()
        while let delivery = next() {
            if let session { send(delivery, with: session) }
            // No wake-up: the hook this frees is this thread's to take as it loops, and waking
            // the other senders on every delivery (8 threads, 1 500 a second) cost the API
            // thousands of futile context switches a second on the same cores.
            condition.withLock {
                state.queue.finished(hookID: delivery.hookID)
                state.sent += 1
            }
        }
    }

    /// The next delivery of a hook no other thread is sending to; `nil` once stopping.
    private func next() -> DeliveryRecord? {
        condition.withLock {
            while !state.stopping {
                if !state.loading, let refill = state.queue.refillNeeded() {
                    let loaded = loading {
                        try $0.unsentDeliveries(hookID: refill.hookID, after: refill.after, through: refill.through, limit: refill.limit)
                    }
                    state.queue.accept(loaded, for: refill)
                    continue
                }
                if !state.loading && state.needsLoad && state.queue.hasRoom {
                    state.needsLoad = false
                    let after = state.queue.loadedThrough
                    let loaded = loading { try $0.unsentDeliveries(after: after, limit: Self.batch) }
                    state.queue.accept(loaded)
                    if loaded.count == Self.batch { state.needsLoad = true }
                    continue
                }
                if let taken = state.queue.take(shuffleWindow: faults.shuffleWindow) { return taken }
                condition.wait(seconds: 1)
            }
            return nil
        }
    }

    /// Reads the store outside the lock, as the one thread loading; called with the lock held.
    private func loading(_ read: (StoreReader) throws -> [DeliveryRecord]) -> [DeliveryRecord] {
        state.loading = true
        let loaded = condition.withoutLock { (try? store.read(read)) ?? [] }
        state.loading = false
        condition.broadcast()
        return loaded
    }

    private func send(_ delivery: DeliveryRecord, with session: HTTPSession) {
        let faults = self.faults
        if faults.delaySeconds > 0 { WorkerThread.sleep(seconds: faults.delaySeconds) }
        do {
            guard let hook = try store.read({ try $0.hook(id: delivery.hookID) }) else { return }  // deleted with its hook
            guard try store.writeDeliveryBookkeeping({ try $0.claimDelivery(id: delivery.id) }) else { return }
            // Abandoned as the process stops: it stays `sending`, and counts as interrupted on restart.
            guard let outcome = deliver(delivery, to: hook, with: session) else { return }
            try store.writeDeliveryBookkeeping { writer in
                try writer.finishDelivery(id: delivery.id, hookID: hook.id, outcome, keep: settings.keepPerHook)
                if faults.duplicate && !delivery.redelivery {
                    // The duplicate goes as its own delivery, after this one, with the same GUID.
                    try writer.insertRedelivery(of: delivery, to: hook, at: outcome.deliveredAt)
                }
            }
            if faults.duplicate && !delivery.redelivery { wake() }
        } catch {
            // The store failed; the delivery stays as it was (pending, or sending: failed on restart).
        }
    }

    /// Sends one delivery and describes how it went, as the deliveries API shows it; `nil` when
    /// the sender stopped before the receiver answered.
    private func deliver(_ delivery: DeliveryRecord, to hook: HookRecord, with session: HTTPSession) -> DeliveryOutcome? {
        let message = DeliveryMessage(delivery, hook: hook, sender: settings.message)
        let deliveredAt = Timestamp.format(clock.now)
        guard hook.active else {
            return DeliveryOutcome(deliveredAt: deliveredAt, duration: 0, status: "Hook is inactive", statusCode: 0, url: hook.url,
                                   requestHeaders: message.headers, responseHeaders: [], responseBody: "")
        }
        let request = OutboundRequest(url: hook.url, headers: message.headers, body: message.body, timeout: settings.timeout,
                                      verifiesTLS: hook.insecureSSL != "1")
        switch session.post(request, abandoning: { self.stopRequested.load(ordering: .acquiring) }) {
        case .success(let response):
            let ok = (200..<300).contains(response.status)
            return DeliveryOutcome(deliveredAt: deliveredAt, duration: response.seconds,
                                   status: ok ? "OK" : "Invalid HTTP Response: \(response.status)", statusCode: response.status,
                                   url: hook.url, requestHeaders: message.headers, responseHeaders: response.headers,
                                   responseBody: String(decoding: response.body, as: UTF8.self))
        case .failure(let failure) where failure.abandoned:
            return nil
        case .failure(let failure):
            return DeliveryOutcome(deliveredAt: deliveredAt, duration: failure.seconds,
                                   status: failure.timedOut ? "timed out" : failure.reason, statusCode: 0, url: hook.url,
                                   requestHeaders: message.headers, responseHeaders: [], responseBody: "")
        }
    }
}
