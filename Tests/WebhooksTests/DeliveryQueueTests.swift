import Store
import Testing
@testable import Webhooks

/// The sender's in-memory queue over a real store: what it holds stays bounded per hook, and
/// a hook whose receiver never answers keeps nobody else's deliveries back.
@Suite struct DeliveryQueueTests {
    /// A store with `hooks` organization hooks and `count` deliveries for each, interleaved.
    private func store(hooks: Int64 = 2, deliveriesPerHook count: Int) throws -> Store {
        let store = try Store()
        try store.write { writer in
            for id: Int64 in 1...hooks {
                try writer.upsert(HookRecord(id: id, owner: .organization("octo-org"), events: ["workflow_job"],
                                             url: "http://127.0.0.1:9/\(id)", createdAt: "2026-12-05T00:00:00Z"))
            }
            for n in 0..<count {
                for hookID: Int64 in 1...hooks {
                    _ = try writer.insert(NewDelivery(guid: "g\(n)", hookID: hookID, event: "workflow_job", action: "queued",
                                                      installationID: nil, repositoryID: nil, payload: "{}",
                                                      queuedAt: "2026-12-05T00:00:00Z", url: "http://127.0.0.1:9/\(hookID)"))
                }
            }
        }
        return store
    }

    /// A sender thread's loop over a queue, one delivery at a time: refill a hook behind, read
    /// the store on while there is room and more in it, then take.
    private struct Sender {
        var queue: DeliveryQueue
        let store: Store
        let batch: Int
        private var moreInStore = true

        init(_ queue: DeliveryQueue, store: Store, batch: Int) {
            self.queue = queue
            self.store = store
            self.batch = batch
        }

        /// The next delivery to send; `nil` when none can be taken now.
        mutating func next() throws -> DeliveryRecord? {
            while true {
                if let refill = queue.refillNeeded() {
                    let loaded = try store.read {
                        try $0.unsentDeliveries(hookID: refill.hookID, after: refill.after, through: refill.through, limit: refill.limit)
                    }
                    queue.accept(loaded, for: refill)
                } else if moreInStore && queue.hasRoom {
                    let loaded = try store.read { [after = queue.loadedThrough, batch] in
                        try $0.unsentDeliveries(after: after, limit: batch)
                    }
                    queue.accept(loaded)
                    moreInStore = loaded.count == batch
                } else {
                    return queue.take(shuffleWindow: 1)
                }
            }
        }
    }

    @Test func aHangingHookHoldsBackOnlyItself() throws {
        let store = try store(deliveriesPerHook: 3_000)
        var sender = Sender(DeliveryQueue(perHook: 100, inTotal: 10_000), store: store, batch: 250)
        var sentToFirst: [Int64] = []
        var mostHeld = 0
        // Hook 2's first delivery never ends: hook 2 stays busy throughout.
        while let delivery = try sender.next() {
            mostHeld = max(mostHeld, sender.queue.held)
            if delivery.hookID == 1 {
                sentToFirst.append(delivery.id)
                sender.queue.finished(hookID: 1)
            }
        }
        #expect(sentToFirst.count == 3_000)
        #expect(sentToFirst == sentToFirst.sorted())
        #expect(mostHeld <= 2 * 100)
    }

    @Test func aHookBehindCatchesUpInOrderWithNoneMissedOrTwice() throws {
        let store = try store(deliveriesPerHook: 1_000)
        var sender = Sender(DeliveryQueue(perHook: 50, inTotal: 10_000), store: store, batch: 400)
        var sent: [Int64: [Int64]] = [:]
        var round = 0
        // Hook 2 is slow: it finishes one delivery for every ten of hook 1's.
        var inFlight: DeliveryRecord?
        while let delivery = try sender.next() {
            sent[delivery.hookID, default: []].append(delivery.id)
            if delivery.hookID == 1 {
                sender.queue.finished(hookID: 1)
                round += 1
                if round % 10 == 0, let slow = inFlight { sender.queue.finished(hookID: slow.hookID); inFlight = nil }
            } else {
                inFlight = delivery
            }
            if inFlight != nil && sent[1, default: []].count == 1_000 { sender.queue.finished(hookID: 2); inFlight = nil }
        }
        let expected = try store.read { reader in
            try [Int64(1), 2].map { hookID in try reader.deliveries(hookID: hookID, limit: 5_000).map(\.id).sorted() }
        }
        #expect(sent[1] == expected[0])
        #expect(sent[2] == expected[1])
    }

    @Test func manyHooksBehindHoldAboutTheTotalAndEachIsSentInOrderOnce() throws {
        let store = try store(hooks: 40, deliveriesPerHook: 100)
        var sender = Sender(DeliveryQueue(perHook: 20, inTotal: 200), store: store, batch: 50)
        var sent: [Int64: [Int64]] = [:]
        var inFlight: [DeliveryRecord] = []
        var mostHeld = 0
        // Every receiver is slow: eight deliveries are in flight at a time (as many as the
        // sender has threads), and the oldest ends before another is taken.
        while true {
            if inFlight.count < 8, let delivery = try sender.next() {
                mostHeld = max(mostHeld, sender.queue.held)
                sent[delivery.hookID, default: []].append(delivery.id)
                inFlight.append(delivery)
                continue
            }
            guard !inFlight.isEmpty else { break }
            sender.queue.finished(hookID: inFlight.removeFirst().hookID)
        }
        #expect(mostHeld <= 200 + 50)
        let expected = try store.read { reader in
            try (Int64(1)...40).map { hookID in try reader.deliveries(hookID: hookID, limit: 5_000).map(\.id).sorted() }
        }
        #expect((Int64(1)...40).map { sent[$0] ?? [] } == expected)
    }
}
