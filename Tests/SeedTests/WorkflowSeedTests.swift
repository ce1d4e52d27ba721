import Foundation
import Seed
import Store
import Testing

/// A seed's `workflows` and the repository fields writes need (actions-write.md): loaded whole,
/// and refused with the file, the JSON path and the reason.
@Suite struct WorkflowSeedTests {
    static let repository = #"{"owner": "o", "name": "r", "writers": ["w"], "admins": ["a"], "branches": ["main", "release/2.4"], "tags": ["v1.0.0"]}"#

    static func seed(_ workflow: String) -> String {
        #"{"repositories": [\#(repository)], "workflows": [\#(workflow)]}"#
    }

    static func load(_ text: String) throws -> Store { try loadedStore(text, source: "seed.json") }

    @Test func aWorkflowLoadsWithItsTriggersInputsAndJobs() throws {
        let store = try Self.load(Self.seed(#"""
            {"repository": "o/r", "id": 161335, "name": "Deploy", "path": ".github/workflows/deploy.yml",
             "on": {"push": {}, "workflow_dispatch": {}}, "run_name": "Deploy ${{ inputs.environment }}",
             "inputs": {"environment": {"required": true, "default": "staging"}, "debug": {"type": "boolean", "default": false}},
             "permissions": {"actions": "read"},
             "jobs": [{"name": "deploy", "steps": [{"name": "Smoke", "seconds": 2, "conclusion": ["failure", "success"]}]}]}
            """#))
        let repository = try #require(try store.read { try $0.repository(owner: "o", name: "r") })
        let (workflows, refs) = try store.read { reader in
            (try reader.workflows(repositoryID: repository.id), try reader.refs(repositoryID: repository.id))
        }
        #expect(repository.writers == ["a", "w"] && repository.admins == ["a"])
        #expect(refs.branches == ["main", "release/2.4"] && refs.tags == ["v1.0.0"])
        let workflow = try #require(workflows.first)
        #expect(workflow.id == 161335 && workflow.fileName == "deploy.yml" && workflow.state == "active")
        #expect(workflow.triggers == ["push", "workflow_dispatch"])
        #expect(workflow.inputs == [WorkflowInput(name: "environment", required: true, defaultValue: "staging"),
                                    WorkflowInput(name: "debug", required: false, defaultValue: "false")])
        #expect(workflow.permissions == ["actions": "read"] && workflow.runName == "Deploy ${{ inputs.environment }}")
        #expect(workflow.jobs.first?.steps.first?.conclusions == ["failure", "success"])
    }

    @Test func withoutJobsOrIDAWorkflowGetsDefaults() throws {
        let store = try Self.load(Self.seed(#"{"repository": "o/r", "name": "Nightly Build"}"#))
        let workflows = try store.read { reader in
            try reader.repository(owner: "o", name: "r").map { try reader.workflows(repositoryID: $0.id) } ?? []
        }
        let workflow = try #require(workflows.first)
        #expect(workflow.path == ".github/workflows/nightly-build.yml" && workflow.triggers == ["push"])
        #expect(workflow.jobs.map(\.name) == ["build"] && workflow.id == WorkflowRecord.derivedID(repositoryID: 1, name: "Nightly Build"))
    }

    @Test(arguments: [
        (#"{"repository": "o/r"}"#, "$.workflows[0].name: required"),
        (#"{"repository": "o/r", "name": "D", "path": "deploy.yml"}"#,
         #"$.workflows[0].path: expected a file under .github/workflows/, found "deploy.yml""#),
        (#"{"repository": "o/r", "name": "D", "state": "off"}"#, "$.workflows[0].state: expected one of"),
        (#"{"repository": "o/r", "name": "D", "on": 5}"#, "$.workflows[0].on: expected an event"),
        (#"{"repository": "o/r", "name": "D", "inputs": {"x": {"required": "yes"}}}"#, "$.workflows[0].inputs.x.required"),
        (#"{"repository": "o/r", "name": "D", "inputs": {"x": {"colour": 1}}}"#, "$.workflows[0].inputs.x.colour: unknown field"),
        (#"{"repository": "o/r", "name": "D", "permissions": {"actions": "all"}}"#, "$.workflows[0].permissions.actions"),
        (#"{"repository": "o/r", "name": "D", "jobs": []}"#, "$.workflows[0].jobs: a workflow needs at least one job"),
        (#"{"repository": "o/r", "name": "D", "jobs": [{"steps": [{"conclusion": ["failure", "maybe"]}]}]}"#,
         #"$.workflows[0].jobs[0].steps[0].conclusion[1]: expected one of success, failure, cancelled, skipped, found "maybe""#),
        (#"{"repository": "o/r", "name": "D", "colour": 1}"#, "$.workflows[0].colour: unknown field"),
    ])
    func badWorkflowsAreRefusedWithTheirPath(_ workflow: String, _ expected: String) throws {
        let error = try #require(throws: SeedError.self) { try Self.load(Self.seed(workflow)) }
        #expect(error.description.hasPrefix("seed.json: "), "\(error)")
        #expect(error.description.contains(expected), "\(error)")
    }

    @Test func anUnknownRepositoryOrATwiceDeclaredWorkflowLoadsNothing() throws {
        let unknown = try #require(throws: SeedError.self) {
            try Self.load(Self.seed(#"{"repository": "o/nope", "name": "D"}"#))
        }
        #expect(unknown.description.contains("$.workflows[0].repository: unknown repository o/nope"))
        let twice = try #require(throws: SeedError.self) {
            try Self.load(Self.seed(#"{"repository": "o/r", "name": "D"}, {"repository": "o/r", "name": "E", "path": ".github/workflows/d.yml"}"#))
        }
        #expect(twice.description.contains("$.workflows[1].path: workflow .github/workflows/d.yml is declared twice"))
    }

    @Test func badRefsAreRefused() throws {
        let text = #"{"repositories": [{"owner": "o", "name": "r", "branches": ["ok", "has space"]}]}"#
        let error = try #require(throws: SeedError.self) { try Self.load(text) }
        #expect(error.description.contains(#"$.repositories[0].branches[1]: not a valid ref name: "has space""#))
    }
}
