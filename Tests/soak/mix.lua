-- wrk script for make soak: each connection cycles through the mixed requests below
-- (reads of every endpoint, signed log downloads, and control-API writes).
local token = "Bearer ghp_octocatRepoScope000000000000000001"
local requests = {
  {"GET", "/api/v3/repos/octo-org/private-repo/actions/jobs/400300001", token},
  {"GET", "/api/v3/repos/octo-org/octo-repo/actions/runs/30433700/jobs?per_page=30&page=2", token},
  {"GET", "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642/attempts/2/jobs", nil},
  {"GET", "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642/jobs?filter=all", nil},
  {"GET", "/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496/logs", token},
  {"GET", "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642", token},
  {"GET", "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642/attempts/1", token},
  {"GET", "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642/artifacts", token},
  {"POST", "/_emulator/seed", nil,
   '{"jobs": [{"repository": "octo-org/octo-repo", "id": 77, "run_id": 78, "name": "soak", "status": "completed", "conclusion": "success"}]}'},
  {"GET", "/_emulator/health", nil},
}
local counter = 0

request = function()
  counter = counter + 1
  local r = requests[(counter % #requests) + 1]
  local headers = {}
  if r[3] then headers["Authorization"] = r[3] end
  if r[4] then headers["Content-Type"] = "application/json" end
  return wrk.format(r[1], r[2], headers, r[4])
end
