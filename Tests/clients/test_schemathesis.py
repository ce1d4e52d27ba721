"""schemathesis against the emulator's own OpenAPI document (GET /_emulator/openapi.json):
no 5xx, and every status, header, content type and body as the document says. Two checks are
left out because GitHub itself answers otherwise (behaviour.md): malformed per_page and page
fall back to their defaults instead of a 4xx (negative_data_rejection), and other methods on
these paths get 404, not 405 (unsupported_method). Each run has an emulator of its own: the
write operations dispatch, re-run, cancel and delete what they reach."""

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import CLASSIC, Emulator

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
RUN = 30433642


def schemathesis(emulator, config: Path):
    command = [str(SCHEMATHESIS), "--config-file", str(config), "run", f"{emulator.url}/_emulator/openapi.json",
               "--url", f"{emulator.url}/api/v3", "--checks", "all",
               "--exclude-checks", "negative_data_rejection,unsupported_method",
               "--max-examples", "25", "--seed", "1"]
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
    output = schemathesis(emulator, config)
    assert "26/26" in output  # every operation was tested, reads and writes
