#!/usr/bin/env python3
"""Runs a sanitizer-built emulator, sends it N mixed requests (jobs, pages, logs and their
downloads, 404s, 401s, control-API writes) on keep-alive connections, stops it with SIGTERM,
and fails on a non-zero exit or on anything a sanitizer printed (LeakSanitizer reports at exit)."""
import http.client
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
TOKEN = {"Authorization": "Bearer ghp_octocatRepoScope000000000000000001"}
REQUESTS = [
    ("GET", "/api/v3/repos/octo-org/private-repo/actions/jobs/400300001", TOKEN, None),
    ("GET", "/api/v3/repos/octo-org/octo-repo/actions/runs/30433700/jobs?per_page=50&page=2", {}, None),
    ("GET", "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642/attempts/2/jobs", {}, None),
    ("GET", "/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496/logs", {}, None),
    ("GET", "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642", {}, None),
    ("GET", "/api/v3/repos/octo-org/private-repo/actions/jobs/400300001", {}, None),
    ("GET", "/api/v3/repos/octo-org/octo-repo/actions/jobs/1", {"Authorization": "Bearer nope"}, None),
    ("PATCH", "/_emulator/jobs/400200001", {}, b'{"status": "in_progress"}'),
    ("POST", "/_emulator/seed", {}, b'{"jobs": [{"repository": "octo-org/octo-repo", "id": 77, "run_id": 78}]}'),
]

env = {**os.environ, "LSAN_OPTIONS": f"suppressions={ROOT}/Tests/sanitizers/lsan.supp"}
process = subprocess.Popen([binary, "--port", "0", "--seed", f"{ROOT}/seed-data", "--log-level", "warning"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
url = process.stdout.readline().split()[-1]
port = int(url.rsplit(":", 1)[1])
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
statuses = {}
for index in range(count):
    method, path, headers, body = REQUESTS[index % len(REQUESTS)]
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    if response.status == 302:  # the signed log URL
        connection.request("GET", "/" + response.getheader("Location").split("/", 3)[3])
        download = connection.getresponse()
        download.read()
        statuses[download.status] = statuses.get(download.status, 0) + 1
    statuses[response.status] = statuses.get(response.status, 0) + 1
process.terminate()
_, stderr = process.communicate(timeout=120)
print(f"{count} requests, statuses {dict(sorted(statuses.items()))}, exit {process.returncode}")
if process.returncode != 0 or "Sanitizer" in stderr or any(status >= 500 for status in statuses):
    print(stderr[-5000:])
    sys.exit(1)
