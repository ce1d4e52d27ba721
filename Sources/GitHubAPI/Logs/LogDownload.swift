import Clock
import FoundationEssentials
import HTTPServer
import Store

/// Serves what a signed log URL names, with no token, any number of times until it expires:
/// a job's plain-text log (a seeded one streamed from the store in pieces), or a run
/// attempt's zip of its jobs' logs (streamed as it is written).
struct LogDownload: Sendable {
    let store: Store
    let links: LogLinks
    static let chunkSize = 64 * 1024

    func respond(to request: HTTPRequest, now: Date) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD",
              let resource = LogResource(path: request.path.dropFirst(LogLinks.pathPrefix.count))
        else { return Self.plain(404, "Not Found") }
        do {
            try links.verify(resource, query: request.query, now: now)
        } catch .expired {
            return Self.plain(403, "This log URL has expired. Request a new one from the /logs endpoint.")
        } catch .badSignature {
            return Self.plain(403, "This log URL's signature is not valid.")
        } catch {
            return Self.plain(403, "This log URL is incomplete: it needs its expires and signature parameters.")
        }
        switch resource {
        case .job(let jobID): return jobLog(jobID)
        case .runAttempt(let run, let attempt): return runArchive(run: run, attempt: attempt)
        }
    }

    private func jobLog(_ jobID: Int64) -> HTTPResponse {
        guard let (job, permissions) = try? store.read({ reader in
                  try reader.job(id: jobID).map { ($0, try reader.githubTokenRecord(jobID: jobID)?.permissions) }
              }) ?? nil,
              LogText.hasLog(job)
        else {
            return Self.plain(404, "Not Found")
        }
        let headers = HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")])
        guard job.hasSeededLog,
              let total = try? store.read({ $0.logBytes(jobID: jobID, offset: 0, count: 0)?.total }) else {
            return HTTPResponse(status: 200, headers: headers, body: Array(LogText.text(for: job, permissions: permissions).utf8))
        }
        let store = self.store
        return HTTPResponse(status: 200, headers: headers, stream: BodyStream(length: total) { offset, count in
            try? store.read { $0.logBytes(jobID: jobID, offset: offset, count: count)?.bytes }
        })
    }

    private func runArchive(run: Int64, attempt: Int) -> HTTPResponse {
        let found = try? store.read { reader -> [Int64]? in
            guard try reader.attemptExists(runID: run, attempt: attempt) else { return nil }
            return try reader.jobIDs(runID: run, attempt: attempt, limit: Int.max, offset: 0).ids
        }
        guard let jobIDs = found ?? nil else { return Self.plain(404, "Not Found") }
        let archive = RunLogArchive(store: store, jobIDs: jobIDs)
        let headers = HTTPHeaders([
            ("Content-Type", "application/zip"),
            ("Content-Disposition", "attachment; filename=logs_\(run).zip"),
        ])
        return HTTPResponse(status: 200, headers: headers, stream: BodyStream(length: nil) { _, count in
            archive.read(upTo: count)
        })
    }

    private static func plain(_ status: Int, _ message: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                     body: Array((message + "\n").utf8))
    }
}
