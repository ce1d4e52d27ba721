"""schemathesis against the emulator's own OpenAPI document (GET /_emulator/openapi.json):
no 5xx, and every status, header, content type and body as the document says. Two checks are
left out because GitHub itself answers otherwise (behaviour.md): malformed per_page and page
fall back to their defaults instead of a 4xx (negative_data_rejection), and other methods on
these paths get 404, not 405 (unsupported_method). Each run has an emulator of its own: the
write operations dispatch, re-run, cancel and delete what they reach."""

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jwt
import pytest

from conftest import CLASSIC, ROOT, Emulator

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
RUN = 30433642


# The App routes take a JWT and /installation/* an installation token: a run of their own each.
APP_ROUTES = "^/app|^/installation/|/installation$"


def schemathesis(emulator, config: Path, *selection):
    command = [str(SCHEMATHESIS), "--config-file", str(config), "run", f"{emulator.url}/_emulator/openapi.json",
               "--url", f"{emulator.url}/api/v3", "--checks", "all",
               "--exclude-checks", "negative_data_rejection,unsupported_method",
               "--max-examples", "25", "--seed", "1", *selection]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    return result.stdout


@pytest.fixture()
def emulator():
    """One of its own: the write operations dispatch, re-run, cancel and delete what they reach."""
    server = Emulator()
    yield server
    server.stop()


@pytest.mark.parametrize("fixed_ids", [True, False], ids=["seeded-ids", "random-ids"])
def test_schemathesis_finds_nothing(emulator, tmp_path, fixed_ids):
    with urllib.request.urlopen(f"{emulator.url}/api/v3/repos/octo-org/octo-repo/actions/runs/{RUN}") as response:
        workflow = json.load(response)["workflow_id"]
    config = tmp_path / "schemathesis.toml"
    lines = [f'headers = {{ Authorization = "Bearer {CLASSIC}" }}']
    if fixed_ids:  # real ids reach the 200 answers; random ones the 404s
        lines += ["[parameters]", 'owner = "octo-org"', 'repo = "octo-repo"', "job_id = 399444496", f"run_id = {RUN}",
                  "attempt_number = 2", f"workflow_id = {workflow}", "check_run_id = 400000012"]
    # A dispatch of a schema-valid but unknown ref, or with inputs the workflow does not
    # declare, is GitHub's 422 (actions-write.md): valid to the schema, refused by the data.
    lines += ["[[operations]]", 'include-operation-id = "actions/create-workflow-dispatch"',
              "[operations.checks.positive_data_acceptance]",
              'expected-statuses = ["2XX", "401", "403", "404", "422"]']
    config.write_text("\n".join(lines) + "\n")
    output = schemathesis(emulator, config, "--exclude-path-regex", APP_ROUTES)
    assert "Selected: 49/63" in output, output[-3000:]  # every operation but the App routes, reads and writes


def test_schemathesis_finds_nothing_on_the_app_routes(emulator, tmp_path):
    key = (ROOT / "seed-data" / "ci-reporter.demo-private-key.pem").read_text()
    now = int(time.time())
    # Good for ten minutes, GitHub's longest: the run takes seconds.
    app_jwt = jwt.encode({"iat": now - 30, "exp": now + 590, "iss": "1001"}, key, algorithm="RS256")
    config = tmp_path / "schemathesis.toml"
    config.write_text("\n".join([
        f'headers = {{ Authorization = "Bearer {app_jwt}" }}',
        "[parameters]", 'owner = "octo-org"', 'repo = "private-repo"', 'org = "octo-org"', 'username = "octo-org"',
        "installation_id = 5001",
        # Schema-valid names and permissions the installation does not have are GitHub's 422.
        "[[operations]]", 'include-operation-id = "apps/create-installation-access-token"',
        "[operations.checks.positive_data_acceptance]", 'expected-statuses = ["2XX", "422"]',
    ]) + "\n")
    output = schemathesis(emulator, config, "--include-path-regex", "^/app|/installation$")
    assert "Selected: 12/63" in output and "Authentication failed" not in output, output[-3000:]

    request = urllib.request.Request(f"{emulator.url}/api/v3/app/installations/5001/access_tokens", method="POST",
                                     headers={"Authorization": f"Bearer {app_jwt}"})
    with urllib.request.urlopen(request) as response:
        token = json.load(response)["token"]
    config.write_text(f'headers = {{ Authorization = "Bearer {token}" }}\n'
                      # The revocation it tries makes the token Bad credentials for the rest of the run.
                      '[checks.positive_data_acceptance]\nexpected-statuses = ["2XX", "401"]\n')
    output = schemathesis(emulator, config, "--include-path-regex", "^/installation/")
    assert "Selected: 2/63" in output, output[-3000:]
