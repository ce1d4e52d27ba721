"""gh 2.23 (Debian) and the run family against a world that moves: gh run list, view, --log,
--log-failed, --exit-status and watch, on an emulator of their own whose clock the tests hold.
gh 2.23 has no `gh run list --status` (it arrived in 2.26); `--user` is its actor filter."""

import json
import os
import subprocess
import tempfile
import threading
import time
import urllib.request

import pytest

from conftest import CLASSIC, Emulator

START = "2030-01-01T00:00:00Z"
FAILING_RUN = {
    "repository": "octo-org/octo-repo", "workflow_name": "Deploy", "path": ".github/workflows/deploy.yml",
    "head_branch": "release", "actor": "hubot",
    "jobs": [
        {"name": "build", "queued_seconds": 2, "steps": [
            {"name": "Set up job", "seconds": 1, "log": "Preparing"},
            {"name": "Run tests", "seconds": 5, "conclusion": "failure", "log": "FAIL test_x\nFAIL test_y"},
            {"name": "Deploy", "seconds": 3},
        ]},
        {"name": "lint", "steps": [{"name": "Lint", "seconds": 2, "log": "all clean"}]},
    ],
}


class Control:
    """The emulator's control API over HTTPS, trusting the test CA."""

    def __init__(self, emulator, certificates):
        import ssl
        self.base = f"{emulator.url}/_emulator"
        self.context = ssl.create_default_context(cafile=str(certificates / "ca.pem"))

    def post(self, path, body):
        request = urllib.request.Request(self.base + path, data=json.dumps(body).encode(), method="POST")
        with urllib.request.urlopen(request, context=self.context) as response:
            return json.load(response)

    def advance(self, seconds):
        self.post("/clock", {"advance_seconds": seconds})

    def start(self, run):
        return self.post("/runs", run)


@pytest.fixture(scope="module")
def world(certificates):
    """An HTTPS emulator of its own with its clock frozen, so runs move only when told to."""
    server = Emulator("--tls-cert", str(certificates / "server.pem"), "--tls-key", str(certificates / "server.key"))
    control = Control(server, certificates)
    control.post("/clock", {"now": START})
    yield server, control
    server.stop()


@pytest.fixture()
def gh(world, certificates):
    server, _ = world
    home = tempfile.mkdtemp(prefix="gh-home-")
    host = f"localhost:{server.port}"

    def run(*arguments, timeout=60):
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "GH_CONFIG_DIR": home, "GH_HOST": host,
            "GH_ENTERPRISE_TOKEN": CLASSIC, "SSL_CERT_FILE": str(certificates / "ca.pem"), "GH_NO_UPDATE_NOTIFIER": "1",
            "GH_PROMPT_DISABLED": "1", "NO_COLOR": "1",
            # gh caches run logs in the temporary folder by run id and creation time: one per test.
            "TMPDIR": tempfile.mkdtemp(prefix="gh-tmp-"),
        }
        return subprocess.run(["gh", *arguments, "-R", f"{host}/octo-org/octo-repo"], env=environment,
                              capture_output=True, text=True, timeout=timeout)

    return run


def finished_run(control):
    run = control.start(FAILING_RUN)
    control.advance(60)
    return run


def test_run_list_and_its_filters(world, gh):
    _, control = world
    run = control.start(dict(FAILING_RUN, head_branch="feature/list"))
    listed = gh("run", "list")
    assert listed.returncode == 0, listed.stderr
    first = listed.stdout.splitlines()[0].split("\t")
    assert first[0] == "in_progress" and str(run["run_id"]) in first and "Deploy" in first and "feature/list" in first
    by_workflow = gh("run", "list", "--workflow", "Deploy")
    assert by_workflow.returncode == 0, by_workflow.stderr
    assert all("Deploy" in line for line in by_workflow.stdout.splitlines()) and str(run["run_id"]) in by_workflow.stdout
    by_file = gh("run", "list", "--workflow", "deploy.yml")
    assert by_file.returncode == 0 and str(run["run_id"]) in by_file.stdout
    by_branch = gh("run", "list", "--branch", "feature/list")
    assert [line.split("\t")[-3] for line in by_branch.stdout.splitlines()] == [str(run["run_id"])]
    by_user = gh("run", "list", "--user", "hubot", "--json", "databaseId", "--jq", ".[].databaseId")
    assert str(run["run_id"]) in by_user.stdout.split()
    control.advance(60)
    completed = gh("run", "list", "--branch", "feature/list")
    assert completed.stdout.startswith("completed\tfailure\t")


def test_run_view_and_exit_status(world, gh):
    _, control = world
    run = finished_run(control)
    view = gh("run", "view", str(run["run_id"]))
    assert view.returncode == 0, view.stderr
    assert "X build" in view.stdout and "✓ lint" in view.stdout and "X Run tests" in view.stdout
    assert f"gh run view {run['run_id']} --log-failed" in view.stdout
    assert gh("run", "view", str(run["run_id"]), "--exit-status").returncode != 0
    job = gh("run", "view", "--job", str(run["job_ids"][1]))
    assert job.returncode == 0 and "✓ Lint" in job.stdout


def test_run_view_log_and_log_failed(world, gh):
    _, control = world
    running = control.start(FAILING_RUN)
    early = gh("run", "view", str(running["run_id"]), "--log")
    assert early.returncode != 0 and "is still in progress" in early.stderr

    run = finished_run(control)
    log = gh("run", "view", str(run["run_id"]), "--log")
    assert log.returncode == 0, log.stderr
    assert any(line.startswith("build\tRun tests\t2030-") and line.endswith("Z FAIL test_x")
               for line in log.stdout.splitlines())
    assert "lint\tLint\t" in log.stdout and "all clean" in log.stdout
    failed = gh("run", "view", str(run["run_id"]), "--log-failed")
    assert failed.returncode == 0, failed.stderr
    lines = failed.stdout.splitlines()
    assert lines and all(line.startswith("build\tRun tests\t") for line in lines)
    assert any("FAIL test_y" in line for line in lines)
    assert any("##[error]Process completed with exit code 1." in line for line in lines)


def test_run_watch_ends_when_the_run_completes(world, gh):
    _, control = world
    run = control.start(FAILING_RUN)
    watcher = {}

    def watch():
        watcher["result"] = gh("run", "watch", str(run["run_id"]), "--interval", "1", "--exit-status", timeout=90)

    thread = threading.Thread(target=watch)
    thread.start()
    time.sleep(2.5)
    assert thread.is_alive()  # the clock stands still: nothing finishes
    for _ in range(4):
        control.advance(3)
        time.sleep(1.5)
    thread.join(timeout=60)
    result = watcher["result"]
    assert result.returncode != 0  # --exit-status: the run failed
    assert "X build" in result.stdout and "✓ lint" in result.stdout
