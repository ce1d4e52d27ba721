import Clock
import FoundationEssentials
import Locking
import Store

/// Turns the moves of each write into deliveries to every hook subscribed, inside that write:
/// a move and its deliveries commit together, so none is lost and none invented by a rollback.
public final class DeliveryRecorder: MoveObserver {
    private let payloads: WebhookPayloads
    private let committed = Locked<[@Sendable () -> Void]>([])

    public init(payloads: WebhookPayloads) { self.payloads = payloads }

    /// Calls `body` once a write that added deliveries has committed (the sender wakes).
    public func onDeliveries(_ body: @escaping @Sendable () -> Void) {
        committed.withLock { $0.append(body) }
    }

    public func deliveriesCommitted() {
        for body in committed.withLock({ $0 }) { body() }
    }

    public func record(_ moves: [Move], with writer: StoreWriter) throws {
        let reader = writer.reader
        var targets: [Int64: [(hook: HookRecord, installationID: Int64?)]] = [:]
        var contexts: [Int64: WebhookPayloads.Context] = [:]
        for move in moves {
            let event: String
            let runID: Int64
            switch move.subject {
            case .job(let job): (event, runID) = ("workflow_job", job.runID)
            case .run(let run): (event, runID) = ("workflow_run", run.id)
            }
            if targets[move.repositoryID] == nil {
                guard let repository = try reader.repository(id: move.repositoryID) else { continue }
                targets[move.repositoryID] = try reader.hooksReceiving(repository)
            }
            let hooks = targets[move.repositoryID]!.filter { $0.hook.receives(event) }
            guard !hooks.isEmpty else { continue }
            if contexts[runID] == nil {
                guard let context = try context(runID: runID, repositoryID: move.repositoryID, reader) else { continue }
                contexts[runID] = context
            }
            let context = contexts[runID]!
            let guid = UUID().uuidString.lowercased()
            var rendered: [Int64: String] = [:]
            for (hook, installationID) in hooks {
                let key = installationID ?? 0
                if rendered[key] == nil { rendered[key] = render(move, context, installationID: installationID) }
                try writer.insert(NewDelivery(
                    guid: guid, hookID: hook.id, event: event, action: move.action, installationID: installationID,
                    repositoryID: move.repositoryID, payload: rendered[key]!, queuedAt: Timestamp.format(move.at), url: hook.url
                ))
            }
        }
    }

    private func render(_ move: Move, _ context: WebhookPayloads.Context, installationID: Int64?) -> String {
        let bytes = switch move.subject {
        case .job(let job): payloads.workflowJob(job, action: move.action, context, installationID: installationID)
        case .run(let run): payloads.workflowRun(run, action: move.action, context, installationID: installationID)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func context(runID: Int64, repositoryID: Int64, _ reader: StoreReader) throws -> WebhookPayloads.Context? {
        guard let repository = try reader.repository(id: repositoryID), let run = try reader.run(id: runID) else { return nil }
        let workflowID = run.workflowID ?? WorkflowRecord.derivedID(repositoryID: repositoryID, name: run.attributes.workflowName)
        let workflow = try reader.workflows(repositoryID: repositoryID).first { $0.id == workflowID }
        let isOrganization = try reader.organization(repository.owner) != nil || !(try reader.isUser(repository.owner))
        return payloads.context(repository: repository, run: run, isOrganization: isOrganization, workflow: workflow,
                                runNumber: try reader.runNumber(run))
    }
}
