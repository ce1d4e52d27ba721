import FoundationEssentials
import Hashing
import Store

/// What a `workflow_dispatch` starts: the workflow's jobs as a scheduled run on the ref, with
/// `${{ inputs.NAME }}` (and the few `github.*` values a name uses) replaced in the run name
/// and in job and step names, so a client can find its run by an id it passed in.
public enum Dispatch {
    public static func run(of workflow: WorkflowRecord, in repository: RepositoryRecord, ref: String, inputs: [String: String],
                           actor: String) -> ScheduledRun {
        let context = Expressions(inputs: inputs, values: ["github.actor": actor, "github.ref_name": ref,
                                                           "github.event_name": "workflow_dispatch"])
        var run = ScheduledRun(repository: repository.fullName)
        run.attributes.workflowName = workflow.name
        run.attributes.workflowPath = workflow.path
        run.attributes.headBranch = ref
        run.attributes.headSHA = headSHA(repositoryID: repository.id, ref: ref)
        run.attributes.event = "workflow_dispatch"
        run.attributes.actor = actor
        run.attributes.displayTitle = workflow.runName.map(context.substitute) ?? workflow.name
        run.permissions = workflow.permissions.isEmpty ? nil : workflow.permissions
        run.jobs = workflow.jobs.map { template in
            var job = template
            job.name = context.substitute(job.name)
            for index in job.steps.indices { job.steps[index].name = context.substitute(job.steps[index].name) }
            return job
        }
        return run
    }

    /// A ref's commit: stable per repository and ref, so every dispatch on `main` runs the same one.
    public static func headSHA(repositoryID: Int64, ref: String) -> String {
        RunAttributes.derivedHeadSHA(runID: StableNumber.of("\(repositoryID):\(ref)", from: 1, count: UInt64(Int64.max - 1)))
    }
}

/// `${{ ... }}` placeholders as GitHub fills them in names: inputs (`inputs.X`,
/// `github.event.inputs.X`) and a few `github.*` values; anything else becomes empty.
struct Expressions {
    let inputs: [String: String]
    let values: [String: String]

    func substitute(_ text: String) -> String {
        guard text.contains("${{") else { return text }
        var result = ""
        var rest = text[...]
        while let open = rest.firstRange(of: "${{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                result += rest[open.lowerBound...]
                return result
            }
            result += value(of: rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: " \t"))
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    private func value(of expression: String) -> String {
        for prefix in ["inputs.", "github.event.inputs."] where expression.hasPrefix(prefix) {
            return inputs[String(expression.dropFirst(prefix.count))] ?? ""
        }
        return values[expression] ?? ""
    }
}

private extension Substring {
    func trimmingCharacters(in characters: String) -> String {
        var text = self
        while let first = text.first, characters.contains(first) { text.removeFirst() }
        while let last = text.last, characters.contains(last) { text.removeLast() }
        return String(text)
    }
}
