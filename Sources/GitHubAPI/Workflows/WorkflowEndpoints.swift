import FoundationEssentials
import HTTPServer
import JSON
import Scheduling
import Store

/// The workflow operations: list and get (by id or file name), and the writes on a workflow:
/// dispatch, enable and disable (actions-write.md).
struct WorkflowEndpoints: Sendable {
    let runJSON: RunJSON
    let urls: ServerURLs
    let release: GHESRelease

    func register(in router: inout EndpointTable) {
        router.add("/repos/:owner/:repo/actions/workflows",
                   Endpoint(operationID: "actions/list-repo-workflows", documentationURL: Docs.listWorkflows,
                            handle: listWorkflows))
        router.add("/repos/:owner/:repo/actions/workflows/:workflow_id",
                   Endpoint(operationID: "actions/get-workflow", documentationURL: Docs.getWorkflow, handle: getWorkflow))
        router.add("POST", "/repos/:owner/:repo/actions/workflows/:workflow_id/dispatches",
                   Endpoint(operationID: "actions/create-workflow-dispatch", documentationURL: Docs.dispatchWorkflow,
                            handle: dispatch))
        router.add("PUT", "/repos/:owner/:repo/actions/workflows/:workflow_id/enable",
                   Endpoint(operationID: "actions/enable-workflow", documentationURL: Docs.enableWorkflow) { context throws(APIError) in
                       try setState(context, disabling: false)
                   })
        router.add("PUT", "/repos/:owner/:repo/actions/workflows/:workflow_id/disable",
                   Endpoint(operationID: "actions/disable-workflow", documentationURL: Docs.disableWorkflow) { context throws(APIError) in
                       try setState(context, disabling: true)
                   })
    }

    /// `GET /repos/{owner}/{repo}/actions/workflows`: the seeded workflows and those the runs ran.
    func listWorkflows(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let repository = try Access.repository(context)
        let query = context.request.query
        let page = Page(query: query)
        let workflows = try context.read { try $0.workflows(repositoryID: repository.id) }
        let shown = page.offset.map { Array(workflows.dropFirst($0).prefix(page.size)) } ?? []
        var response = HTTPResponse.json(runJSON.encodeWorkflows(shown, total: workflows.count, repository: repository))
        if let link = LinkHeader.value(base: context.resourceURL, query: query, page: page, total: workflows.count) {
            response.headers.add("Link", link)
        }
        return response
    }

    /// `GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}`
    func getWorkflow(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let repository = try Access.repository(context)
        let workflow = try context.read { try Self.workflow(context, in: repository, $0) }
        return .json(runJSON.encodeWorkflow(workflow, repository: repository))
    }

    /// The path's `{workflow_id}`: a numeric id or a file name (`deploy.yml`), as GitHub takes
    /// both on every workflow route; 404 when the repository has no such workflow.
    static func workflow(_ context: APIContext, in repository: RepositoryRecord, _ reader: StoreReader) throws -> WorkflowRecord {
        guard let wanted = context.parameters["workflow_id"] else { throw APIError.notFound(context.documentationURL) }
        let id = RouteParameters.id(wanted[...])
        let found = try reader.workflows(repositoryID: repository.id).first { workflow in
            id.map { workflow.id == $0 } ?? (workflow.fileName == wanted)
        }
        guard let found else { throw APIError.notFound(context.documentationURL) }
        return found
    }

    // MARK: dispatch

    /// `POST .../workflows/{workflow_id}/dispatches`: starts a run of the workflow on `ref`.
    /// The run exists before the answer; 2026-03-10 (or `return_run_details`) answers 200 with
    /// its id and URLs, 2022-11-28 a bodiless 204.
    func dispatch(_ context: APIContext) throws(APIError) -> HTTPResponse {
        let repository = try Access.writableRepository(context)
        let modern = release >= GHESRelease.firstWith20260310
        let body = try RequestBody(context)
        // GHES before 3.21 does not know `return_run_details`, and takes 10 inputs.
        try body.permit(modern ? ["ref", "inputs", "return_run_details"] : ["ref", "inputs"])
        let ref = try body.string("ref", required: true) ?? ""
        let inputs = try Self.inputs(body, limit: modern ? 25 : 10)
        let returnDetails = try body.bool("return_run_details") ?? false
        let now = context.now
        // (ours) Created on the next whole second, so `created>=` the time the client sent finds it.
        let created = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.up))
        let runID = try context.write { writer -> Int64 in
            let workflow = try Self.workflow(context, in: repository, writer.reader)
            let refusal = { (message: String) in
                APIError(status: 422, message: message, documentationURL: context.documentationURL)
            }
            guard workflow.state == "active" else { throw refusal("Cannot trigger a 'workflow_dispatch' on a disabled workflow") }
            guard let refName = try Self.resolve(ref, in: writer.reader.refs(repositoryID: repository.id)) else {
                throw refusal("No ref found for: \(ref)")
            }
            guard workflow.triggers.contains("workflow_dispatch") else {
                throw refusal("Workflow does not have 'workflow_dispatch' trigger")
            }
            let declared = Set(workflow.inputs.map(\.name))
            let unexpected = inputs.map(\.name).filter { !declared.contains($0) }
            guard unexpected.isEmpty else {
                throw refusal("Unexpected inputs provided: [\(unexpected.map { "\"\($0)\"" }.joined(separator: ", "))]")
            }
            var values: [String: String] = [:]
            for input in workflow.inputs {
                if let given = inputs.first(where: { $0.name == input.name }) {
                    values[input.name] = given.value
                } else if let fallback = input.defaultValue {
                    values[input.name] = fallback
                } else if input.required {
                    throw refusal("Required input '\(input.name)' not provided")
                }
            }
            let run = Dispatch.run(of: workflow, in: repository, ref: refName, inputs: values, actor: context.caller.login)
            return try Scheduling.start(run, in: repository, created: created, at: now, with: writer).runID
        }
        guard context.apiVersion == "2026-03-10" || returnDetails else { return HTTPResponse(status: 204) }
        var json = JSONWriter(reservingCapacity: 256)
        json.beginObject()
        json.key("workflow_run_id"); json.int(runID)
        json.key("run_url"); json.string(urls.run(repository.owner, repository.name, run: runID))
        json.key("html_url"); json.string("\(urls.root)/\(repository.fullName)/actions/runs/\(runID)")
        json.endObject()
        return .json(json.bytes)
    }

    /// `inputs`: an object of at most `limit` members whose values are strings (numbers and
    /// booleans are taken as their text, as YAML's would be).
    private static func inputs(_ body: RequestBody, limit: Int) throws(APIError) -> [(name: String, value: String)] {
        switch body["inputs"] {
        case nil, .null?: return []
        case .object(let members)?:
            guard members.count <= limit else {
                throw RequestBody.invalid("For 'properties/inputs', the object has \(members.count) properties; at most \(limit) are allowed.",
                                          body.documentationURL)
            }
            var inputs: [(name: String, value: String)] = []
            for member in members {
                switch member.value {
                case .string(let text): inputs.append((member.key, text))
                case .number(let text): inputs.append((member.key, text))
                case .bool(let flag): inputs.append((member.key, flag ? "true" : "false"))
                default:
                    throw RequestBody.invalid("For 'properties/\(member.key)', \(RequestBody.describe(member.value)) is not a string.",
                                              body.documentationURL)
                }
            }
            return inputs
        case let other?:
            throw RequestBody.invalid("For 'properties/inputs', \(RequestBody.describe(other)) is not an object.", body.documentationURL)
        }
    }

    /// The branch or tag name `ref` names (`main`, `refs/heads/main`, `v1.0`, `refs/tags/v1.0`).
    static func resolve(_ ref: String, in refs: (branches: [String], tags: [String])) -> String? {
        if ref.hasPrefix("refs/heads/") { return refs.branches.first { $0 == ref.dropFirst("refs/heads/".count) } }
        if ref.hasPrefix("refs/tags/") { return refs.tags.first { $0 == ref.dropFirst("refs/tags/".count) } }
        return refs.branches.first { $0 == ref } ?? refs.tags.first { $0 == ref }
    }

    // MARK: enable, disable

    /// `PUT .../enable` and `.../disable`: 204; disabling one that is not active is a 403.
    private func setState(_ context: APIContext, disabling: Bool) throws(APIError) -> HTTPResponse {
        let repository = try Access.writableRepository(context)
        try context.write { writer in
            var workflow = try Self.workflow(context, in: repository, writer.reader)
            if disabling && workflow.state != "active" {
                throw APIError(status: 403, message: "Unable to disable a workflow that is not active.",
                               documentationURL: context.documentationURL)
            }
            workflow.state = disabling ? "disabled_manually" : "active"
            if try !writer.setState(workflow.state, ofWorkflow: workflow.id, repositoryID: repository.id) {
                // A workflow known only from runs keeps its state in a row of its own.
                try writer.upsert(workflow, repositoryID: repository.id)
            }
        }
        return HTTPResponse(status: 204)
    }
}
