import CSQLite
import Locking

/// An SQLite failure, with the statement that failed and SQLite's own words.
public struct StoreError: Error, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var sql: String?
    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " (in: \($0))" } ?? "")
    }
}

/// One SQLite connection with its prepared statements, each compiled once and reused.
/// Not thread-safe: `Store` hands each to one thread at a time.
final class Connection {
    private let handle: OpaquePointer
    private var statements: [String: Statement] = [:]
    /// The same statements by where their SQL string's bytes live: the SQL strings are
    /// constants, so this finds a statement without hashing a kilobyte of SQL per call (a
    /// large seed runs millions).
    private var statementsByAddress: [Int: Statement] = [:]

    init(uri: String) throws(StoreError) {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(uri, &opened, flags, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(uri)"
            sqlite3_close_v2(opened)
            throw StoreError(code: status, message: message, sql: nil)
        }
        handle = opened
        sqlite3_extended_result_codes(handle, 1)
        // Readers wait for a writer's commit instead of failing with SQLITE_BUSY.
        sqlite3_busy_timeout(handle, 10_000)
    }

    deinit {
        for statement in statements.values { statement.finalize() }
        sqlite3_close_v2(handle)
    }

    /// How a connection waits while another holds the database locked.
    private final class BusyWaiter {
        /// Blocks until the lock may have gone (a write ended) or a short while passed.
        let wait: () -> Void
        let limitSeconds: Double
        var startedAt = 0.0
        init(limitSeconds: Double, wait: @escaping () -> Void) {
            self.limitSeconds = limitSeconds
            self.wait = wait
        }
    }

    /// Kept for the handle's lifetime: SQLite holds an unretained pointer to it.
    private var busyWaiter: BusyWaiter?

    /// Waits with `wait` while the database is locked, instead of SQLite's own sleeps (1, 2, 5
    /// ... 100 ms, so that a reader found a write done tens of milliseconds late); a statement
    /// fails with SQLITE_BUSY once it has waited `limitSeconds`.
    func waitWhileBusy(limitSeconds: Double = 10, _ wait: @escaping () -> Void) {
        let waiter = BusyWaiter(limitSeconds: limitSeconds, wait: wait)
        busyWaiter = waiter
        sqlite3_busy_handler(handle, { context, attempt in
            guard let context else { return 0 }
            let waiter = Unmanaged<BusyWaiter>.fromOpaque(context).takeUnretainedValue()
            let now = WorkerThread.monotonicSeconds()
            if attempt == 0 { waiter.startedAt = now }
            guard now - waiter.startedAt < waiter.limitSeconds else { return 0 }
            waiter.wait()
            return 1
        }, Unmanaged.passUnretained(waiter).toOpaque())
    }

    /// Runs SQL that returns no rows (schema, pragmas, transaction control).
    func execute(_ sql: String) throws(StoreError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if status != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? "error"
            sqlite3_free(errorMessage)
            throw StoreError(code: status, message: message, sql: sql)
        }
    }

    /// Runs `body` with the cached statement for `sql`, bound to `arguments`, reset afterwards.
    func withStatement<T>(_ sql: String, _ arguments: [SQLValue] = [], _ body: (Statement) throws(StoreError) -> T) throws(StoreError) -> T {
        let statement: Statement
        let address = sql.utf8.withContiguousStorageIfAvailable { Int(bitPattern: $0.baseAddress) } ?? 0
        // `==` answers at once for the same string; a different one at a reused address compares
        // its bytes and falls through to the lookup by content.
        if let cached = statementsByAddress[address], cached.sql == sql {
            statement = cached
        } else if let cached = statements[sql] {
            statement = cached
            if address != 0 { statementsByAddress[address] = cached }
        } else {
            var prepared: OpaquePointer?
            let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
            guard status == SQLITE_OK, let prepared else { throw lastError(status, sql: sql) }
            statement = Statement(handle: prepared, connection: self, sql: sql)
            statements[sql] = statement
            if address != 0 { statementsByAddress[address] = statement }
        }
        defer { statement.reset() }
        try statement.bind(arguments)
        return try body(statement)
    }

    /// Runs a statement that returns no rows.
    func run(_ sql: String, _ arguments: [SQLValue] = []) throws(StoreError) {
        try withStatement(sql, arguments) { statement throws(StoreError) in
            while try statement.step() {}
        }
    }

    /// The rows of a query, each turned into a value by `row`.
    func rows<T>(_ sql: String, _ arguments: [SQLValue] = [], _ row: (Statement) throws(StoreError) -> T) throws(StoreError) -> [T] {
        var result: [T] = []
        try forEachRow(sql, arguments) { statement throws(StoreError) in result.append(try row(statement)) }
        return result
    }

    /// Hands each row of a query to `body` as it is stepped, keeping none.
    func forEachRow(_ sql: String, _ arguments: [SQLValue] = [], _ body: (Statement) throws(StoreError) -> Void) throws(StoreError) {
        try withStatement(sql, arguments) { statement throws(StoreError) in
            while try statement.step() { try body(statement) }
        }
    }

    /// The first row of a query, if any.
    func row<T>(_ sql: String, _ arguments: [SQLValue] = [], _ row: (Statement) throws(StoreError) -> T) throws(StoreError) -> T? {
        try withStatement(sql, arguments) { statement throws(StoreError) in
            try statement.step() ? try row(statement) : nil
        }
    }

    var changes: Int { Int(sqlite3_changes(handle)) }

    /// Reads bytes of one TEXT or BLOB value through SQLite's incremental I/O, without loading
    /// the whole value. `nil` when the row is gone or the value is NULL.
    func readValue(table: String, column: String, row: Int64, offset: Int, count: Int) -> (total: Int, bytes: [UInt8])? {
        var blob: OpaquePointer?
        guard sqlite3_blob_open(handle, "main", table, column, row, 0, &blob) == SQLITE_OK, let blob else {
            sqlite3_blob_close(blob)
            return nil
        }
        defer { sqlite3_blob_close(blob) }
        let total = Int(sqlite3_blob_bytes(blob))
        let length = max(0, min(count, total - offset))
        guard length > 0 else { return (total, []) }
        var bytes = [UInt8](repeating: 0, count: length)
        let status = bytes.withUnsafeMutableBytes { sqlite3_blob_read(blob, $0.baseAddress, Int32(length), Int32(offset)) }
        return status == SQLITE_OK ? (total, bytes) : nil
    }

    func lastError(_ status: Int32, sql: String?) -> StoreError {
        StoreError(code: status, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

/// A value bound to a statement parameter.
enum SQLValue {
    case int(Int64)
    case double(Double)
    case text(String)
    case null

    static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
    static func optional(_ int: Int64?) -> SQLValue { int.map(SQLValue.int) ?? .null }
}

/// A prepared statement; valid only while its connection is.
final class Statement {
    private let handle: OpaquePointer
    private unowned let connection: Connection
    let sql: String
    private let parameterCount: Int
    /// The bytes of the text values bound last, kept until the next binding: SQLite reads them
    /// in place (SQLITE_STATIC) instead of copying each into an allocation of its own, which
    /// cost a tenth of a large seed's load.
    private var boundText = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 1)

    init(handle: OpaquePointer, connection: Connection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
        parameterCount = Int(sqlite3_bind_parameter_count(handle))
    }

    deinit { boundText.deallocate() }

    func finalize() { sqlite3_finalize(handle) }

    /// Every call binds every parameter (`bind` checks), so bindings need no clearing.
    func reset() { sqlite3_reset(handle) }

    func bind(_ arguments: [SQLValue]) throws(StoreError) {
        guard arguments.count == parameterCount else {
            throw StoreError(code: SQLITE_RANGE, message: "\(arguments.count) values for \(parameterCount) parameters", sql: sql)
        }
        var textBytes = 0
        for case .text(let value) in arguments { textBytes += value.utf8.count }
        if textBytes > boundText.count {
            boundText.deallocate()
            boundText = .allocate(byteCount: max(textBytes, 2 * boundText.count), alignment: 1)
        }
        var textOffset = 0
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch argument {
            case .int(let value): status = sqlite3_bind_int64(handle, index, value)
            case .double(let value): status = sqlite3_bind_double(handle, index, value)
            case .null: status = sqlite3_bind_null(handle, index)
            case .text(var value):
                let count = value.utf8.count
                let start = boundText.baseAddress! + textOffset
                value.withUTF8 { bytes in
                    if let source = bytes.baseAddress { start.copyMemory(from: source, byteCount: count) }
                }
                textOffset += count
                // SQLITE_STATIC (a nil destructor): the bytes stay put until the next binding.
                status = sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(count), nil)
            }
            if status != SQLITE_OK { throw connection.lastError(status, sql: sql) }
        }
    }

    /// Advances to the next row: `true` while there is one.
    func step() throws(StoreError) -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.lastError(status, sql: sql)
        }
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
}
