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

    /// What a sender thread does: refill a hook behind, read the store on, take; `nil` when nothing is left to take.
    private func next(_ queue: inout DeliveryQueue, from store: Store, batch: Int) throws -> DeliveryRecord? {
        while true {
            if let refill = queue.refillNeeded() {
                let loaded = try store.read {
                    try $0.unsentDeliveries(hookID: refill.hookID, after: refill.after, through: refill.through, limit: refill.limit)
                }
                queue.accept(loaded, for: refill)
                continue
            }
            if let taken = queue.take(shuffleWindow: 1) { return taken }
            guard queue.hasRoom else { return nil }
            let loaded = try store.read { [after = queue.loadedThrough] in try $0.unsentDeliveries(after: after, limit: batch) }
            if loaded.isEmpty { return nil }
            queue.accept(loaded)
        }
    }

    @Test func aHangingHookHoldsBackOnlyItself() throws {
        let store = try store(deliveriesPerHook: 3_000)
        var queue = DeliveryQueue(perHook: 100, inTotal: 10_000)
        var sentToFirst: [Int64] = []
        var mostHeld = 0
        // Hook 2's first delivery never ends: hook 2 stays busy throughout.
        while let delivery = try next(&queue, from: store, batch: 250) {
            mostHeld = max(mostHeld, queue.held)
            if delivery.hookID == 1 {
                sentToFirst.append(delivery.id)
                queue.finished(hookID: 1)
            }
        }
        #expect(sentToFirst.count == 3_000)
        #expect(sentToFirst == sentToFirst.sorted())
        #expect(mostHeld <= 2 * 100)
    }

    @Test func aHookBehindCatchesUpInOrderWithNoneMissedOrTwice() throws {
        let store = try store(deliveriesPerHook: 1_000)
        var queue = DeliveryQueue(perHook: 50, inTotal: 10_000)
        var sent: [Int64: [Int64]] = [:]
        var round = 0
        // Hook 2 is slow: it finishes one delivery for every ten of hook 1's.
        var inFlight: DeliveryRecord?
        while let delivery = try next(&queue, from: store, batch: 400) {
            sent[delivery.hookID, default: []].append(delivery.id)
            if delivery.hookID == 1 {
                queue.finished(hookID: 1)
                round += 1
                if round % 10 == 0, let slow = inFlight { queue.finished(hookID: slow.hookID); inFlight = nil }
            } else {
                inFlight = delivery
            }
            if inFlight != nil && sent[1, default: []].count == 1_000 { queue.finished(hookID: 2); inFlight = nil }
        }
        let expected = try store.read { reader in
            try [Int64(1), 2].map { hookID in try reader.deliveries(hookID: hookID, limit: 5_000).map(\.id).sorted() }
        }
        #expect(sent[1] == expected[0])
        #expect(sent[2] == expected[1])
    }

    @Test func manyHooksBehindHoldAboutTheTotalAndEachIsSentInOrderOnce() throws {
        let store = try store(hooks: 40, deliveriesPerHook: 100)
        var queue = DeliveryQueue(perHook: 20, inTotal: 200)
        var sent: [Int64: [Int64]] = [:]
        var inFlight: [DeliveryRecord] = []
        var mostHeld = 0
        var moreInStore = true
        // In the sender's order: refill a hook behind, read the store on while there is room,
        // then take. Every receiver is slow: eight deliveries are in flight at a time (as many
        // as the sender has threads), and the oldest ends before another is taken.
        while true {
            mostHeld = max(mostHeld, queue.held)
            if let refill = queue.refillNeeded() {
                let loaded = try store.read {
                    try $0.unsentDeliveries(hookID: refill.hookID, after: refill.after, through: refill.through, limit: refill.limit)
                }
                queue.accept(loaded, for: refill)
                continue
            }
            if moreInStore && queue.hasRoom {
                let loaded = try store.read { [after = queue.loadedThrough] in try $0.unsentDeliveries(after: after, limit: 50) }
                queue.accept(loaded)
                moreInStore = loaded.count == 50
                continue
            }
            if inFlight.count < 8, let delivery = queue.take(shuffleWindow: 1) {
                sent[delivery.hookID, default: []].append(delivery.id)
                inFlight.append(delivery)
                continue
            }
            guard !inFlight.isEmpty else { break }
            queue.finished(hookID: inFlight.removeFirst().hookID)
        }
        #expect(mostHeld <= 200 + 50)
        let expected = try store.read { reader in
            try (Int64(1)...40).map { hookID in try reader.deliveries(hookID: hookID, limit: 5_000).map(\.id).sorted() }
        }
        #expect((Int64(1)...40).map { sent[$0] ?? [] } == expected)
    }
}
