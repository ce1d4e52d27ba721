import Store

/// The deliveries the sender threads hold in memory, by hook: each hook's in the order
/// recorded, one in flight per hook, at most `perHook` held for any one hook and about
/// `inTotal` for all (every hook's share full is otherwise hooks x `perHook`). The rest wait
/// in the store. A hook whose receiver hangs fills only its own share: the store is
/// read on past its deliveries, and they are fetched again, hook by hook, as its share drains.
/// Not thread-safe: the sender holds its lock around every call.
struct DeliveryQueue {
    /// Deliveries held at most per hook.
    let perHook: Int
    /// Deliveries held at most in all, give or take one read from the store.
    let inTotal: Int
    /// Deliveries held, for the total and for tests.
    private(set) var held = 0
    /// Every pending delivery up to this id is held, sent, or behind a hook's `behind` mark.
    private(set) var loadedThrough: Int64 = 0
    private var waiting: [Int64: [DeliveryRecord]] = [:]
    private var busy: Set<Int64> = []
    /// Hooks whose share filled: the id of the last delivery held for each. Their later
    /// deliveries up to `loadedThrough` come from `refill`, not from the store-wide reads.
    private var behind: [Int64: Int64] = [:]

    init(perHook: Int, inTotal: Int) {
        self.perHook = max(2, perHook)
        self.inTotal = max(self.perHook, inTotal)
    }

    /// Whether more may be read from the store: not while `inTotal` are held.
    var hasRoom: Bool { held < inTotal }

    /// A hook's deliveries to fetch again: those after `after` and up to `through`, at most `limit`.
    struct Refill: Equatable {
        var hookID: Int64
        var after: Int64
        var through: Int64
        var limit: Int
    }

    /// Takes in the store's pending deliveries after `loadedThrough`, in id order.
    mutating func accept(_ loaded: [DeliveryRecord]) {
        for delivery in loaded {
            let hookID = delivery.hookID
            if behind[hookID] != nil { continue }
            if waiting[hookID, default: []].count >= perHook {
                behind[hookID] = waiting[hookID]!.last!.id
                continue
            }
            waiting[hookID, default: []].append(delivery)
            held += 1
        }
        if let last = loaded.last { loadedThrough = max(loadedThrough, last.id) }
    }

    /// The fetch a hook behind needs once its share is half empty, if any.
    func refillNeeded() -> Refill? {
        guard hasRoom else { return nil }
        for (hookID, after) in behind where waiting[hookID, default: []].count <= perHook / 2 {
            return Refill(hookID: hookID, after: after, through: loadedThrough,
                          limit: perHook - waiting[hookID, default: []].count)
        }
        return nil
    }

    /// Takes in what `refill` read: fewer than asked means the hook is held up to `refill.through`,
    /// and no longer behind once that is `loadedThrough` (a store-wide read since may have passed it).
    mutating func accept(_ loaded: [DeliveryRecord], for refill: Refill) {
        waiting[refill.hookID, default: []].append(contentsOf: loaded)
        held += loaded.count
        let heldThrough = loaded.count < refill.limit ? refill.through : loaded.last!.id
        behind[refill.hookID] = heldThrough >= loadedThrough ? nil : heldThrough
    }

    /// The oldest waiting delivery of a hook with none in flight (or, with a shuffle window
    /// above 1, one of the first `shuffleWindow` of that hook's); the hook is busy until `finished`.
    mutating func take(shuffleWindow: Int) -> DeliveryRecord? {
        var oldest: (hookID: Int64, id: Int64)?
        for (hookID, deliveries) in waiting where !busy.contains(hookID) {
            if let first = deliveries.first, first.id < oldest?.id ?? .max { oldest = (hookID, first.id) }
        }
        guard let hookID = oldest?.hookID else { return nil }
        let window = min(max(1, shuffleWindow), waiting[hookID]!.count)
        let delivery = waiting[hookID]!.remove(at: window > 1 ? Int.random(in: 0..<window) : 0)
        if waiting[hookID]!.isEmpty && behind[hookID] == nil { waiting[hookID] = nil }
        busy.insert(hookID)
        held -= 1
        return delivery
    }

    /// The hook's delivery in flight ended.
    mutating func finished(hookID: Int64) { busy.remove(hookID) }
}
