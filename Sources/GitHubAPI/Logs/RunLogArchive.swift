import Archive
import Clock
import FoundationEssentials
import Locking
import Store

/// A run attempt's logs as GitHub zips them, written as the client reads: `{index}_{job}.txt`
/// with each job's whole log, and a folder per job with `{number}_{step}.txt` per step (what
/// `gh run view --log` reads). Jobs are read from the store a few at a time, so a run of any
/// size needs memory for a handful of logs; jobs without a log yet are left out.
final class RunLogArchive: Sendable {
    private let store: Store
    private let jobIDs: [Int64]
    /// Jobs read per store transaction: long enough to amortize, short enough not to hold a
    /// reader while the client is slow.
    static let batch = 16

    private struct State {
        var zip = ZipWriter()
        var next = 0
        var failed = false
    }

    private let state = Locked(State())

    init(store: Store, jobIDs: [Int64]) {
        self.store = store
        self.jobIDs = jobIDs
    }

    /// The next bytes of the archive, at most `count`; empty once it is all out, `nil` when the
    /// store failed (the connection is then closed, and the client sees a broken download).
    func read(upTo count: Int) -> [UInt8]? {
        state.withLock { state in
            while state.zip.pending < count && !state.zip.isFinished && !state.failed {
                if state.next >= jobIDs.count {
                    state.zip.finish()
                } else {
                    let batch = jobIDs[state.next..<min(jobIDs.count, state.next + Self.batch)]
                    do {
                        try add(batch, startingAt: state.next, to: &state.zip)
                    } catch {
                        state.failed = true
                    }
                    state.next += batch.count
                }
            }
            return state.failed ? nil : state.zip.take(upTo: count)
        }
    }

    private func add(_ ids: ArraySlice<Int64>, startingAt index: Int, to zip: inout ZipWriter) throws {
        let jobs = try store.read { reader in
            try ids.enumerated().compactMap { offset, id -> (Int, JobRecord, String?, [String: String]?)? in
                guard let job = try reader.job(id: id), LogText.hasLog(job) else { return nil }
                let seeded = job.hasSeededLog
                    ? reader.logBytes(jobID: id, offset: 0, count: Int.max).map { String(decoding: $0.bytes, as: UTF8.self) }
                    : nil
                return (index + offset, job, seeded, try reader.githubTokenRecord(jobID: id)?.permissions)
            }
        }
        for (position, job, seeded, permissions) in jobs {
            let modified = Timestamp.parse(job.completedAt ?? job.startedAt) ?? Date()
            let name = Self.fileName(job.name)
            var whole = job
            whole.log = seeded
            zip.add(name: "\(position)_\(name).txt", contents: Array(LogText.text(for: whole, permissions: permissions).utf8),
                    modified: modified)
            for (step, text) in LogText.stepTexts(for: job, seededLog: seeded) {
                zip.add(name: "\(name)/\(step.number)_\(Self.fileName(step.name)).txt", contents: Array(text.utf8),
                        modified: modified)
            }
        }
    }

    /// A name as GitHub writes it into the archive: without the characters file systems refuse
    /// (`/` among them, so `build / test` becomes `build  test`).
    static func fileName(_ name: String) -> String {
        let refused: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        let kept = name.filter { !refused.contains($0) && !($0.asciiValue.map { $0 < 0x20 } ?? false) }
        return String(kept.prefix(200))
    }
}
