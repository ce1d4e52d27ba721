import Locking
import Synchronization

/// The emulator's data: one SQLite database, written by one connection at a time and read by a
/// small pool of connections in parallel (WAL for files, the shared `memdb` VFS in memory).
public final class Store: Sendable {
    /// Where the data lives.
    public enum Location: Sendable, Equatable {
        /// Gone when the process exits.
        case memory
        /// A file in WAL mode that survives crashes of the process.
        case file(String)
    }

    private let writer: ConnectionSlot
    private let readers: [ConnectionSlot]
    private let nextReader = Atomic<Int>(0)
    private let writes = Atomic<UInt64>(1)
    public let location: Location
    /// Whether any active hook exists: writes record moves only then.
    private let hasHooks = Atomic<Bool>(false)
    private let listeners = Locked<Listeners>(Listeners())
    private let writeEnds: WriteEnds

    private struct Listeners {
        var moves: (any MoveObserver)?
        var commits: [@Sendable () -> Void] = []
    }

    /// Changes after every committed write; caches compare it to know their values are current.
    public var generation: UInt64 { writes.load(ordering: .acquiring) }

    /// Opens (creating when needed) the database, with `readerCount` connections for reads.
    public init(location: Location = .memory, readerCount: Int = 2) throws(StoreError) {
        let uri: String
        switch location {
        case .memory:
            // A process-unique name: separate Store values never share data.
            uri = "file:/actions-emulator-\(Self.uniqueSuffix())?vfs=memdb"
        case .file(let path):
            uri = "file:" + path.addingPercentEscapesForURI()
        }
        let writerConnection = try Connection(uri: uri)
        if case .file = location {
            try writerConnection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
        }
        try writerConnection.execute("PRAGMA foreign_keys = ON;")
        try writerConnection.execute("BEGIN IMMEDIATE;")
        do {
            let rollUpEverything = try Self.migrate(writerConnection)
            try writerConnection.execute(SQL.schema)
            try writerConnection.execute(SQL.webhookSchema)
            if rollUpEverything {
                let writer = StoreWriter(connection: writerConnection)
                for runID in try writerConnection.rows(SQL.allRunIDs, [], { $0.int64(0) }) { try writer.rollUp(runID: runID) }
            }
            try writerConnection.run(SQL.setUserVersion)
            try writerConnection.execute("COMMIT;")
        } catch {
            try? writerConnection.execute("ROLLBACK;")
            throw error
        }
        var readers: [ConnectionSlot] = []
        let writeEnds = WriteEnds()
        for _ in 0..<max(1, readerCount) {
            let reader = try Connection(uri: uri)
            try reader.execute("PRAGMA query_only = ON;")
            reader.waitWhileBusy { [writeEnds] in writeEnds.waitForNext(atMost: 0.002) }
            readers.append(ConnectionSlot(reader))
        }
        self.writer = ConnectionSlot(writerConnection)
        self.readers = readers
        self.writeEnds = writeEnds
        self.location = location
        hasHooks.store(try writerConnection.row(SQL.anyActiveHook) { $0.bool(0) } ?? false, ordering: .releasing)
    }

    /// Who records what writes move (webhooks); writes record nothing until one is set.
    public func observeMoves(_ observer: any MoveObserver) {
        listeners.withLock { $0.moves = observer }
    }

    /// Calls `body` after every committed write (the scheduler's timer wakes on it).
    public func onCommit(_ body: @escaping @Sendable () -> Void) {
        listeners.withLock { $0.commits.append(body) }
    }

    /// Runs `body` against a consistent snapshot of the data.
    public func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        let start = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        // Take the first idle reader; wait on our turn's reader when all are busy.
        for offset in 0..<readers.count {
            let candidate = readers[(start + offset) % readers.count]
            if candidate.lock.try() {
                defer { candidate.lock.unlock() }
                return try Self.inReadTransaction(candidate.connection, body)
            }
        }
        let slot = readers[start % readers.count]
        slot.lock.lock()
        defer { slot.lock.unlock() }
        return try Self.inReadTransaction(slot.connection, body)
    }

    /// Runs `body` in one write transaction: all of it commits, or none of it when it throws.
    /// `recordingMoves: false` (a seed load) moves nothing a webhook would tell.
    public func write<T>(recordingMoves: Bool = true, _ body: (StoreWriter) throws -> T) throws -> T {
        try transact(recordingMoves: recordingMoves, advancesGeneration: true, body)
    }

    /// A write of delivery bookkeeping only (a delivery claimed, its outcome, the hook's last
    /// response): nothing cached by generation and nothing scheduled reads those rows, so it
    /// leaves the generation, the caches and the timer alone. Fan-out writes twice a delivery,
    /// and would otherwise make every request in the meantime read afresh.
    public func writeDeliveryBookkeeping<T>(_ body: (StoreWriter) throws -> T) throws -> T {
        try transact(recordingMoves: false, advancesGeneration: false, body)
    }

    private func transact<T>(recordingMoves: Bool, advancesGeneration: Bool, _ body: (StoreWriter) throws -> T) throws -> T {
        let (observer, commitListeners) = listeners.withLock { ($0.moves, $0.commits) }
        let result: T
        let log: MoveLog
        do {
            // Runs after the unlock: a reader locked out wakes to find the write done.
            defer { writeEnds.ended() }
            writer.lock.lock()
            defer { writer.lock.unlock() }
            let connection = writer.connection
            // After the commit (or rollback): a reader that sees the new generation sees the new data.
            defer { if advancesGeneration { writes.add(1, ordering: .releasing) } }
            try connection.run(SQL.beginImmediate)
            do {
                let recording = recordingMoves && observer != nil && hasHooks.load(ordering: .acquiring)
                let writer = StoreWriter(connection: connection, recordingMoves: recording)
                result = try body(writer)
                try writer.finishChangedRuns()
                if let observer, !writer.moveLog.moves.isEmpty { try observer.record(writer.moveLog.ordered(), with: writer) }
                try connection.run(SQL.commit)
                log = writer.moveLog
            } catch {
                try? connection.run(SQL.rollback)
                throw error
            }
            if log.hooksChanged {
                hasHooks.store(try connection.row(SQL.anyActiveHook) { $0.bool(0) } ?? false, ordering: .releasing)
            }
        }
        if log.deliveriesAdded { observer?.deliveriesCommitted() }
        if advancesGeneration { for listener in commitListeners { listener() } }
        return result
    }

    /// Brings a database an older build made up to this schema (inside the opening
    /// transaction); `true` when its runs need rolling up afresh.
    private static func migrate(_ connection: Connection) throws(StoreError) -> Bool {
        let jobColumns = try connection.rows(SQL.columnNames("jobs")) { $0.text(0) }
        guard !jobColumns.isEmpty else { return false }  // a new database
        if !jobColumns.contains("run_position") {
            try connection.execute(SQL.addPositionColumns)
            for runID in try connection.rows(SQL.allRunIDs, [], { $0.int64(0) }) {
                try connection.run(SQL.renumberRun, [.int(runID)])
            }
        }
        var columns: [String: [String]] = [:]
        var added = false
        for (table, column, definition) in SQL.addedColumns {
            if columns[table] == nil { columns[table] = try connection.rows(SQL.columnNames(table)) { $0.text(0) } }
            // A table the database lacks altogether is created whole by the schema.
            guard !columns[table]!.isEmpty, !columns[table]!.contains(column) else { continue }
            try connection.execute(SQL.addColumn(table, column, definition))
            added = true
        }
        return added
    }

    private static func inReadTransaction<T>(_ connection: Connection, _ body: (StoreReader) throws -> T) throws -> T {
        try connection.run(SQL.begin)
        defer { try? connection.run(SQL.commit) }
        return try body(StoreReader(connection: connection))
    }

    private static let instanceCounter = Atomic<Int>(0)

    private static func uniqueSuffix() -> String {
        "\(getpidValue())-\(instanceCounter.wrappingAdd(1, ordering: .relaxed).oldValue)"
    }
}

/// Wakes the readers a write locked out (in memory, `memdb` locks every reader out until the
/// write ends) as soon as it ends.
private final class WriteEnds: Sendable {
    private let condition = Condition()
    private let count = Atomic<UInt64>(0)

    func ended() {
        count.add(1, ordering: .releasing)
        condition.withLock { condition.broadcast() }
    }

    /// Returns when a write ends, or after `seconds`.
    func waitForNext(atMost seconds: Double) {
        let seen = count.load(ordering: .acquiring)
        condition.withLock {
            if count.load(ordering: .acquiring) == seen { condition.wait(seconds: seconds) }
        }
    }
}

/// A connection and the lock that gives it to one thread at a time.
private final class ConnectionSlot: @unchecked Sendable {
    let lock = Lock()
    /// Touched only while `lock` is held.
    let connection: Connection
    init(_ connection: Connection) { self.connection = connection }
}

#if canImport(Glibc)
import Glibc
private func getpidValue() -> Int32 { getpid() }
#else
import Darwin
private func getpidValue() -> Int32 { getpid() }
#endif

private extension String {
    /// SQLite URI filenames treat `?` and `#` specially and decode `%XX`.
    func addingPercentEscapesForURI() -> String {
        var out = ""
        for character in unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "?": out += "%3F"
            case "#": out += "%23"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
