import HTTPServer
import JSON

/// A failure answered in GitHub's error shape:
/// `{"message": "...", "documentation_url": "...", "status": "404"}`.
public struct APIError: Error, Sendable, Equatable {
    /// One entry of a 422's `errors` array.
    public struct FieldError: Sendable, Equatable {
        public var resource: String
        public var field: String?
        public var code: String
        /// What a `custom` error says (it names no field).
        public var message: String?

        public init(resource: String, field: String, code: String) {
            self.resource = resource
            self.field = field
            self.code = code
        }

        /// `{"resource": ..., "code": "custom", "message": ...}`: a rule no single field breaks.
        public static func custom(resource: String, message: String) -> FieldError {
            var error = FieldError(resource: resource, field: "", code: "custom")
            error.field = nil
            error.message = message
            return error
        }
    }

    public var status: Int
    public var message: String
    public var documentationURL: String
    public var errors: [FieldError] = []
    /// Headers this error adds, e.g. `X-Accepted-GitHub-Permissions` on a 403.
    public var headers: [(String, String)] = []

    public init(status: Int, message: String, documentationURL: String, errors: [FieldError] = [],
                headers: [(String, String)] = []) {
        self.status = status
        self.message = message
        self.documentationURL = documentationURL
        self.errors = errors
        self.headers = headers
    }

    public static func == (lhs: APIError, rhs: APIError) -> Bool {
        lhs.status == rhs.status && lhs.message == rhs.message && lhs.documentationURL == rhs.documentationURL
            && lhs.errors == rhs.errors
    }

    /// `404 Not Found`: unknown paths and ids, and everything the caller may not know exists.
    public static func notFound(_ documentationURL: String = Docs.root) -> APIError {
        APIError(status: 404, message: "Not Found", documentationURL: documentationURL)
    }

    /// `422 Validation Failed` for a parameter with a value outside its enum.
    public static func invalid(field: String, resource: String, documentationURL: String) -> APIError {
        APIError(status: 422, message: "Validation Failed", documentationURL: documentationURL,
                 errors: [FieldError(resource: resource, field: field, code: "invalid")])
    }

    public var body: [UInt8] {
        var json = JSONWriter(reservingCapacity: 160)
        json.beginObject()
        json.key("message"); json.string(message)
        if !errors.isEmpty {
            json.key("errors")
            json.beginArray()
            for error in errors {
                json.beginObject()
                json.key("resource"); json.string(error.resource)
                if let field = error.field { json.key("field"); json.string(field) }
                json.key("code"); json.string(error.code)
                if let message = error.message { json.key("message"); json.string(message) }
                json.endObject()
            }
            json.endArray()
        }
        json.key("documentation_url"); json.string(documentationURL)
        json.key("status"); json.string(String(status))
        json.endObject()
        return json.bytes
    }

    public var response: HTTPResponse {
        var headers = HTTPHeaders([("Content-Type", "application/json; charset=utf-8")])
        for (name, value) in self.headers { headers.add(name, value) }
        return HTTPResponse(status: status, headers: headers, body: body)
    }
}

/// Where GitHub's documentation describes each operation; error bodies link there.
public enum Docs {
    public static let root = "https://docs.github.com/rest"
    public static let getJob = "https://docs.github.com/rest/actions/workflow-jobs#get-a-job-for-a-workflow-run"
    public static let downloadJobLogs = "https://docs.github.com/rest/actions/workflow-jobs#download-job-logs-for-a-workflow-run"
    public static let listJobsForAttempt = "https://docs.github.com/rest/actions/workflow-jobs#list-jobs-for-a-workflow-run-attempt"
    public static let listJobsForRun = "https://docs.github.com/rest/actions/workflow-jobs#list-jobs-for-a-workflow-run"
    public static let getRun = "https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run"
    public static let getRunAttempt = "https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run-attempt"
    public static let listRuns = "https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository"
    public static let listWorkflowRuns = "https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow"
    public static let downloadRunLogs = "https://docs.github.com/rest/actions/workflow-runs#download-workflow-run-logs"
    public static let downloadAttemptLogs = "https://docs.github.com/rest/actions/workflow-runs#download-workflow-run-attempt-logs"
    public static let listWorkflows = "https://docs.github.com/rest/actions/workflows#list-repository-workflows"
    public static let listAnnotations = "https://docs.github.com/rest/checks/runs#list-check-run-annotations"
    public static let getWorkflow = "https://docs.github.com/rest/actions/workflows#get-a-workflow"
    public static let listRunArtifacts = "https://docs.github.com/rest/actions/artifacts#list-workflow-run-artifacts"
    public static let dispatchWorkflow = "https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event"
    public static let enableWorkflow = "https://docs.github.com/rest/actions/workflows#enable-a-workflow"
    public static let disableWorkflow = "https://docs.github.com/rest/actions/workflows#disable-a-workflow"
    public static let rerunRun = "https://docs.github.com/rest/actions/workflow-runs#re-run-a-workflow"
    public static let rerunFailedJobs = "https://docs.github.com/rest/actions/workflow-runs#re-run-failed-jobs-from-a-workflow-run"
    public static let rerunJob = "https://docs.github.com/rest/actions/workflow-runs#re-run-a-job-from-a-workflow-run"
    public static let cancelRun = "https://docs.github.com/rest/actions/workflow-runs#cancel-a-workflow-run"
    public static let forceCancelRun = "https://docs.github.com/rest/actions/workflow-runs#force-cancel-a-workflow-run"
    public static let deleteRun = "https://docs.github.com/rest/actions/workflow-runs#delete-a-workflow-run"
    public static let deleteRunLogs = "https://docs.github.com/rest/actions/workflow-runs#delete-workflow-run-logs"
    public static let getApp = "https://docs.github.com/rest/apps/apps#get-the-authenticated-app"
    public static let listInstallations = "https://docs.github.com/rest/apps/apps#list-installations-for-the-authenticated-app"
    public static let getInstallation = "https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app"
    public static let getRepositoryInstallation = "https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app"
    public static let getOrganizationInstallation = "https://docs.github.com/rest/apps/apps#get-an-organization-installation-for-the-authenticated-app"
    public static let getUserInstallation = "https://docs.github.com/rest/apps/apps#get-a-user-installation-for-the-authenticated-app"
    public static let createInstallationToken = "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app"
    public static let listInstallationRepositories = "https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation"
    public static let revokeInstallationToken = "https://docs.github.com/rest/apps/installations#revoke-an-installation-access-token"
    public static let repositoryHooks = "https://docs.github.com/rest/repos/webhooks"
    public static let organizationHooks = "https://docs.github.com/rest/orgs/webhooks"
    public static let appWebhooks = "https://docs.github.com/rest/apps/webhooks"
    public static let apiVersions = "https://docs.github.com/rest/about-the-rest-api/api-versions"
    public static let authentication = "https://docs.github.com/rest"
    public static let meta = "https://docs.github.com/rest/meta/meta#get-github-enterprise-server-meta-information"
    public static let rateLimit = "https://docs.github.com/rest/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user"
    public static let rateLimits = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api"
}
