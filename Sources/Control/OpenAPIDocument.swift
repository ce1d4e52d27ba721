/// What the emulator serves, as an OpenAPI 3.0 document (`GET /_emulator/openapi.json`): the
/// operations under GitHub's paths and operation ids, with the job schema of API version
/// 2026-03-10 (required fields and enums as GitHub publishes them) and the answers the
/// emulator gives, errors included. schemathesis checks the emulator against it in make test.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.0.3",
  "info": {"title": "actions-emulator: GitHub Enterprise Server REST API for workflow jobs", "version": "2026-03-10"},
  "servers": [{"url": "/api/v3"}],
  "paths": {
    "/repos/{owner}/{repo}/actions/jobs/{job_id}": {
      "get": {
        "operationId": "actions/get-job-for-workflow-run", "summary": "Get a job for a workflow run",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/job-id"}],
        "responses": {
          "200": {"description": "Response", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Cache-Control": {"$ref": "#/components/headers/Cache-Control"}, "Vary": {"$ref": "#/components/headers/Vary"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/job"}}}},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/jobs/{job_id}/logs": {
      "get": {
        "operationId": "actions/download-job-logs-for-workflow-run", "summary": "Download job logs for a workflow run",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/job-id"}],
        "responses": {
          "302": {"description": "Response", "headers": {"Location": {"required": true, "schema": {"type": "string"}}}},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs": {
      "get": {
        "operationId": "actions/list-jobs-for-workflow-run-attempt", "summary": "List jobs for a workflow run attempt",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/run-id"}, {"$ref": "#/components/parameters/attempt-number"},
                       {"$ref": "#/components/parameters/per-page"}, {"$ref": "#/components/parameters/page"}],
        "responses": {
          "200": {"$ref": "#/components/responses/job_list"},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs": {
      "get": {
        "operationId": "actions/list-jobs-for-workflow-run", "summary": "List jobs for a workflow run",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/run-id"},
                       {"name": "filter", "in": "query", "required": false,
                        "description": "Filters jobs by their completed_at timestamp: latest returns jobs from the most recent execution of the run, all returns all jobs for the run, including from old executions.",
                        "schema": {"type": "string", "enum": ["latest", "all"], "default": "latest"}},
                       {"$ref": "#/components/parameters/per-page"}, {"$ref": "#/components/parameters/page"}],
        "responses": {
          "200": {"$ref": "#/components/responses/job_list"},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"},
          "422": {"$ref": "#/components/responses/validation_failed"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/runs/{run_id}": {
      "get": {
        "operationId": "actions/get-workflow-run", "summary": "Get a workflow run",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/run-id"}],
        "responses": {
          "200": {"description": "Response", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Cache-Control": {"$ref": "#/components/headers/Cache-Control"}, "Vary": {"$ref": "#/components/headers/Vary"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/workflow-run"}}}},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}": {
      "get": {
        "operationId": "actions/get-workflow-run-attempt", "summary": "Get a workflow run attempt",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/run-id"}, {"$ref": "#/components/parameters/attempt-number"}],
        "responses": {
          "200": {"description": "Response", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Cache-Control": {"$ref": "#/components/headers/Cache-Control"}, "Vary": {"$ref": "#/components/headers/Vary"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/workflow-run"}}}},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts": {
      "get": {
        "operationId": "actions/list-workflow-run-artifacts", "summary": "List workflow run artifacts",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/run-id"}],
        "responses": {
          "200": {"description": "Response", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Cache-Control": {"$ref": "#/components/headers/Cache-Control"}, "Vary": {"$ref": "#/components/headers/Vary"}}, "content": {"application/json": {"schema": {
            "type": "object", "required": ["total_count", "artifacts"],
            "properties": {"total_count": {"type": "integer"}, "artifacts": {"type": "array", "items": {"type": "object"}}}}}}},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/workflows/{workflow_id}": {
      "get": {
        "operationId": "actions/get-workflow", "summary": "Get a workflow",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/workflow-id"}],
        "responses": {
          "200": {"description": "Response", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Cache-Control": {"$ref": "#/components/headers/Cache-Control"}, "Vary": {"$ref": "#/components/headers/Vary"}}, "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/workflow"}}}},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/runs": {
      "get": {
        "operationId": "actions/list-workflow-runs-for-repo", "summary": "List workflow runs for a repository",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"name": "actor", "in": "query", "description": "Runs triggered by this login.", "schema": {"type": "string"}},
                       {"name": "branch", "in": "query", "description": "Runs of this head branch.", "schema": {"type": "string"}},
                       {"name": "event", "in": "query", "description": "Runs triggered by this event.", "schema": {"type": "string"}},
                       {"name": "status", "in": "query", "description": "A status or a conclusion.",
                        "schema": {"type": "string", "enum": ["completed", "action_required", "cancelled", "failure", "neutral", "skipped", "stale", "success", "timed_out", "in_progress", "queued", "requested", "waiting", "pending"]}},
                       {"name": "created", "in": "query", "description": "GitHub's date-range syntax, e.g. >=2030-01-01 or 2030-01-01..2030-01-31; what it cannot parse matches nothing.", "schema": {"type": "string"}},
                       {"name": "exclude_pull_requests", "in": "query", "schema": {"type": "boolean", "default": false}},
                       {"name": "check_suite_id", "in": "query", "schema": {"type": "integer"}},
                       {"name": "head_sha", "in": "query", "schema": {"type": "string"}},
                       {"$ref": "#/components/parameters/per-page"}, {"$ref": "#/components/parameters/page"}],
        "responses": {
          "200": {"$ref": "#/components/responses/workflow_run_list"},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs": {
      "get": {
        "operationId": "actions/list-workflow-runs", "summary": "List workflow runs for a workflow",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/workflow-id"},
                       {"name": "actor", "in": "query", "description": "Runs triggered by this login.", "schema": {"type": "string"}},
                       {"name": "branch", "in": "query", "description": "Runs of this head branch.", "schema": {"type": "string"}},
                       {"name": "event", "in": "query", "description": "Runs triggered by this event.", "schema": {"type": "string"}},
                       {"name": "status", "in": "query", "description": "A status or a conclusion.",
                        "schema": {"type": "string", "enum": ["completed", "action_required", "cancelled", "failure", "neutral", "skipped", "stale", "success", "timed_out", "in_progress", "queued", "requested", "waiting", "pending"]}},
                       {"name": "created", "in": "query", "description": "GitHub's date-range syntax, e.g. >=2030-01-01 or 2030-01-01..2030-01-31; what it cannot parse matches nothing.", "schema": {"type": "string"}},
                       {"name": "exclude_pull_requests", "in": "query", "schema": {"type": "boolean", "default": false}},
                       {"name": "check_suite_id", "in": "query", "schema": {"type": "integer"}},
                       {"name": "head_sha", "in": "query", "schema": {"type": "string"}},
                       {"$ref": "#/components/parameters/per-page"}, {"$ref": "#/components/parameters/page"}],
        "responses": {
          "200": {"$ref": "#/components/responses/workflow_run_list"},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/workflows": {
      "get": {
        "operationId": "actions/list-repo-workflows", "summary": "List repository workflows",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/per-page"}, {"$ref": "#/components/parameters/page"}],
        "responses": {
          "200": {"description": "Response", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Cache-Control": {"$ref": "#/components/headers/Cache-Control"}, "Vary": {"$ref": "#/components/headers/Vary"}}, "content": {"application/json": {"schema": {
            "type": "object", "required": ["total_count", "workflows"],
            "properties": {"total_count": {"type": "integer"}, "workflows": {"type": "array", "items": {"$ref": "#/components/schemas/workflow"}}}}}}},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/runs/{run_id}/logs": {
      "get": {
        "operationId": "actions/download-workflow-run-logs", "summary": "Download workflow run logs",
        "description": "302 to a signed URL, valid 60 seconds, of a zip of the newest attempt's logs; 404 while no job has a log.",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/run-id"}],
        "responses": {
          "302": {"description": "Response", "headers": {"Location": {"required": true, "schema": {"type": "string"}}}},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs": {
      "get": {
        "operationId": "actions/download-workflow-run-attempt-logs", "summary": "Download workflow run attempt logs",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"$ref": "#/components/parameters/run-id"}, {"$ref": "#/components/parameters/attempt-number"}],
        "responses": {
          "302": {"description": "Response", "headers": {"Location": {"required": true, "schema": {"type": "string"}}}},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    },
    "/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations": {
      "get": {
        "operationId": "checks/list-annotations", "summary": "List check run annotations",
        "description": "A job's check run has none.",
        "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
                       {"name": "check_run_id", "in": "path", "required": true, "schema": {"type": "integer"}},
                       {"$ref": "#/components/parameters/per-page"}, {"$ref": "#/components/parameters/page"}],
        "responses": {
          "200": {"description": "Response", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Cache-Control": {"$ref": "#/components/headers/Cache-Control"}, "Vary": {"$ref": "#/components/headers/Vary"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "403": {"$ref": "#/components/responses/forbidden"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    }
,
    "/meta": {
      "get": {
        "operationId": "meta/get", "summary": "Get GitHub Enterprise Server meta information",
        "responses": {
          "200": {"description": "Response", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Cache-Control": {"$ref": "#/components/headers/Cache-Control"}, "Vary": {"$ref": "#/components/headers/Vary"}},
                  "content": {"application/json": {"schema": {
            "type": "object", "required": ["verifiable_password_authentication"],
            "properties": {"verifiable_password_authentication": {"type": "boolean"}, "installed_version": {"type": "string"}}}}}},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"}
        }
      }
    },
    "/rate_limit": {
      "get": {
        "operationId": "rate-limit/get", "summary": "Get rate limit status for the authenticated user",
        "description": "404 while rate limiting is off, as on a fresh GitHub Enterprise Server; start with --rate-limit true to get the 200.",
        "responses": {
          "200": {"description": "Response", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Cache-Control": {"$ref": "#/components/headers/Cache-Control"}, "Vary": {"$ref": "#/components/headers/Vary"}},
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/rate-limit-overview"}}}},
          "304": {"$ref": "#/components/responses/not_modified"},
          "401": {"$ref": "#/components/responses/requires_authentication"},
          "404": {"$ref": "#/components/responses/not_found"}
        }
      }
    }
  },
  "components": {
    "headers": {
      "ETag": {"description": "A weak validator of the body; send it back in If-None-Match for a 304.", "schema": {"type": "string"}},
      "Cache-Control": {"schema": {"type": "string"}},
      "Vary": {"schema": {"type": "string"}}
    },
    "parameters": {
      "owner": {"name": "owner", "in": "path", "required": true, "description": "The account owner of the repository. The name is not case sensitive.", "schema": {"type": "string"}},
      "repo": {"name": "repo", "in": "path", "required": true, "description": "The name of the repository without the .git extension. The name is not case sensitive.", "schema": {"type": "string"}},
      "job-id": {"name": "job_id", "in": "path", "required": true, "description": "The unique identifier of the job.", "schema": {"type": "integer"}},
      "run-id": {"name": "run_id", "in": "path", "required": true, "description": "The unique identifier of the workflow run.", "schema": {"type": "integer"}},
      "attempt-number": {"name": "attempt_number", "in": "path", "required": true, "description": "The attempt number of the workflow run.", "schema": {"type": "integer"}},
      "per-page": {"name": "per_page", "in": "query", "description": "The number of results per page (max 100).", "schema": {"type": "integer", "default": 30}},
      "workflow-id": {"name": "workflow_id", "in": "path", "required": true,
                      "description": "The ID of the workflow, or its file name (ci.yml).",
                      "schema": {"oneOf": [{"type": "integer"}, {"type": "string"}]}},
      "page": {"name": "page", "in": "query", "description": "The page number of the results to fetch.", "schema": {"type": "integer", "default": 1}}
    },
    "responses": {
      "job_list": {
        "description": "Response",
        "headers": {"Link": {"schema": {"type": "string"}}, "ETag": {"$ref": "#/components/headers/ETag"},
                    "Cache-Control": {"$ref": "#/components/headers/Cache-Control"}, "Vary": {"$ref": "#/components/headers/Vary"}},
        "content": {"application/json": {"schema": {
          "type": "object", "required": ["total_count", "jobs"],
          "properties": {"total_count": {"type": "integer"}, "jobs": {"type": "array", "items": {"$ref": "#/components/schemas/job"}}}}}}
      },
      "workflow_run_list": {
        "description": "Response",
        "headers": {"Link": {"schema": {"type": "string"}}, "ETag": {"$ref": "#/components/headers/ETag"},
                    "Cache-Control": {"$ref": "#/components/headers/Cache-Control"}, "Vary": {"$ref": "#/components/headers/Vary"}},
        "content": {"application/json": {"schema": {
          "type": "object", "required": ["total_count", "workflow_runs"],
          "properties": {"total_count": {"type": "integer"}, "workflow_runs": {"type": "array", "items": {"$ref": "#/components/schemas/workflow-run"}}}}}}
      },
      "not_modified": {"description": "Not modified: If-None-Match named the current ETag. No body.",
                       "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}},
      "not_found": {"description": "Resource not found", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/basic-error"}}}},
      "forbidden": {"description": "Forbidden", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/basic-error"}}}},
      "requires_authentication": {"description": "Requires authentication", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/basic-error"}}}},
      "validation_failed": {"description": "Validation failed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/basic-error"}}}}
    },
    "schemas": {
      "basic-error": {
        "type": "object", "required": ["message"],
        "properties": {"message": {"type": "string"}, "documentation_url": {"type": "string"}, "url": {"type": "string"},
                       "status": {"type": "string"}, "errors": {"type": "array", "items": {"type": "object"}}}
      },
      "job": {
        "type": "object",
        "required": ["id", "node_id", "run_id", "run_url", "head_sha", "workflow_name", "head_branch", "url", "html_url",
                     "status", "conclusion", "created_at", "started_at", "completed_at", "name", "check_run_url", "labels",
                     "runner_id", "runner_name", "runner_group_id", "runner_group_name"],
        "properties": {
          "id": {"type": "integer"}, "run_id": {"type": "integer"}, "run_url": {"type": "string"},
          "run_attempt": {"type": "integer"}, "node_id": {"type": "string"}, "head_sha": {"type": "string"},
          "url": {"type": "string"}, "html_url": {"type": "string", "nullable": true},
          "status": {"type": "string", "enum": ["queued", "in_progress", "completed", "waiting", "requested", "pending"]},
          "conclusion": {"type": "string", "nullable": true,
                         "enum": ["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required", null]},
          "created_at": {"type": "string", "format": "date-time"}, "started_at": {"type": "string", "format": "date-time"},
          "completed_at": {"type": "string", "format": "date-time", "nullable": true},
          "name": {"type": "string"},
          "steps": {"type": "array", "items": {
            "type": "object", "required": ["name", "status", "conclusion", "number"],
            "properties": {
              "status": {"type": "string", "enum": ["queued", "in_progress", "completed"]},
              "conclusion": {"type": "string", "nullable": true}, "name": {"type": "string"}, "number": {"type": "integer"},
              "started_at": {"type": "string", "format": "date-time", "nullable": true},
              "completed_at": {"type": "string", "format": "date-time", "nullable": true}}}},
          "check_run_url": {"type": "string"}, "labels": {"type": "array", "items": {"type": "string"}},
          "runner_id": {"type": "integer", "nullable": true}, "runner_name": {"type": "string", "nullable": true},
          "runner_group_id": {"type": "integer", "nullable": true}, "runner_group_name": {"type": "string", "nullable": true},
          "workflow_name": {"type": "string", "nullable": true}, "head_branch": {"type": "string", "nullable": true}
        }
      },
      "workflow": {
        "type": "object",
        "required": ["id", "node_id", "name", "path", "state", "created_at", "updated_at", "url", "html_url", "badge_url"],
        "properties": {"id": {"type": "integer"}, "node_id": {"type": "string"}, "name": {"type": "string"},
                       "path": {"type": "string"},
                       "state": {"type": "string", "enum": ["active", "deleted", "disabled_fork", "disabled_inactivity", "disabled_manually"]},
                       "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
                       "url": {"type": "string"}, "html_url": {"type": "string"}, "badge_url": {"type": "string"}}
      },
      "rate-limit": {
        "type": "object", "required": ["limit", "remaining", "reset", "used"],
        "properties": {"limit": {"type": "integer"}, "remaining": {"type": "integer"}, "reset": {"type": "integer"},
                       "used": {"type": "integer"}}
      },
      "rate-limit-overview": {
        "type": "object", "required": ["resources"],
        "properties": {
          "resources": {"type": "object", "required": ["core", "search"],
                        "properties": {"core": {"$ref": "#/components/schemas/rate-limit"},
                                       "search": {"$ref": "#/components/schemas/rate-limit"},
                                       "graphql": {"$ref": "#/components/schemas/rate-limit"}}},
          "rate": {"$ref": "#/components/schemas/rate-limit"}
        }
      },
      "workflow-run": {
        "type": "object",
        "required": ["id", "node_id", "head_branch", "head_sha", "path", "run_number", "event", "status", "conclusion",
                     "workflow_id", "url", "html_url", "pull_requests", "created_at", "updated_at", "jobs_url", "logs_url",
                     "check_suite_url", "artifacts_url", "cancel_url", "rerun_url", "workflow_url", "head_commit",
                     "repository", "head_repository", "display_title"],
        "properties": {
          "id": {"type": "integer"}, "name": {"type": "string", "nullable": true}, "node_id": {"type": "string"},
          "check_suite_id": {"type": "integer"}, "check_suite_node_id": {"type": "string"},
          "head_branch": {"type": "string", "nullable": true}, "head_sha": {"type": "string"}, "path": {"type": "string"},
          "run_number": {"type": "integer"}, "run_attempt": {"type": "integer"},
          "event": {"type": "string"}, "status": {"type": "string", "nullable": true},
          "conclusion": {"type": "string", "nullable": true}, "workflow_id": {"type": "integer"},
          "url": {"type": "string"}, "html_url": {"type": "string"}, "pull_requests": {"type": "array", "nullable": true},
          "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
          "run_started_at": {"type": "string", "format": "date-time"},
          "jobs_url": {"type": "string"}, "logs_url": {"type": "string"}, "check_suite_url": {"type": "string"},
          "artifacts_url": {"type": "string"}, "cancel_url": {"type": "string"}, "rerun_url": {"type": "string"},
          "previous_attempt_url": {"type": "string", "nullable": true}, "workflow_url": {"type": "string"},
          "head_commit": {"type": "object", "nullable": true}, "repository": {"type": "object"},
          "head_repository": {"type": "object"}, "display_title": {"type": "string"}
        }
      }
    }
  }
}
"""#
}
