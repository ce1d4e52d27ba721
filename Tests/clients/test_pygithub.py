"""PyGithub: repository → workflow run → jobs, its PaginatedList walking the Link header."""

import json
import urllib.request

import github
import pytest
from github import Auth, Github

from conftest import CLASSIC, HUBOT, MATRIX_RUN, RETRIED_RUN, Emulator


def repository(emulator, name, token=CLASSIC):
    """Repositories themselves are not emulated, only their Actions endpoints: a lazy repository
    object makes no request of its own. (Github(lazy=True) would make the runs lazy too.)"""
    client = Github(auth=Auth.Token(token), base_url=f"{emulator.url}/api/v3", per_page=30, retry=None)
    return client.get_repo(name, lazy=True)


def test_run_jobs_walk_every_page(emulator):
    run = repository(emulator, "octo-org/octo-repo").get_workflow_run(MATRIX_RUN)
    jobs = list(run.jobs())
    assert [job.id for job in jobs] == list(range(400100001, 400100121))
    assert jobs[0].name == "test (ubuntu-22.04, 3.9, 1/6)"


def test_job_fields_and_logs_url(emulator):
    run = repository(emulator, "octo-org/octo-repo").get_workflow_run(RETRIED_RUN)
    assert run.run_attempt == 3
    failing = [job for job in run.jobs("all") if job.conclusion == "failure"]
    assert [job.id for job in failing] == [400000001, 400000012]
    job = failing[1]
    assert job.status == "completed" and job.runner_name == "GitHub Actions 7"
    assert [step.name for step in job.steps] == ["Set up job", "Run tests", "Complete job"]
    logs_url = job.logs_url()
    assert "/_logs/jobs/400000012?" in logs_url and "signature=" in logs_url


def test_bad_credentials(emulator):
    with pytest.raises(github.BadCredentialsException):
        repository(emulator, "octo-org/octo-repo", "ghp_nope").get_workflow_run(RETRIED_RUN).status


def test_hidden_private_repository(emulator):
    # Repository lookup is not emulated; the run endpoint is where visibility shows.
    with pytest.raises(github.UnknownObjectException):
        repository(emulator, "octo-org/private-repo", HUBOT).get_workflow_run(30434000).status


def test_rate_limit_is_off_as_on_a_fresh_enterprise_server(emulator):
    client = Github(auth=Auth.Token(CLASSIC), base_url=f"{emulator.url}/api/v3", retry=None)
    with pytest.raises(github.GithubException) as failure:
        client.get_rate_limit()
    assert failure.value.status == 404
    assert failure.value.data["message"] == "Rate limiting is not enabled."


def test_rate_limit_when_an_administrator_turns_it_on(rate_limited_emulator):
    client = Github(auth=Auth.Token(CLASSIC), base_url=f"{rate_limited_emulator.url}/api/v3", retry=None)
    limits = client.get_rate_limit()
    assert limits.resources.core.limit == 5000
    assert limits.resources.search.limit == 30
    before = limits.resources.core.remaining
    assert client.get_repo("octo-org/octo-repo", lazy=True).get_workflow_run(RETRIED_RUN).run_attempt == 3
    # Asking for the limits is free; the run cost one request.
    assert client.get_rate_limit().resources.core.remaining == before - 1
    assert client.rate_limiting[0] == before - 1


def test_workflow_runs_filtered_by_status(emulator):
    runs = list(repository(emulator, "octo-org/octo-repo").get_workflow_runs(status="completed"))
    assert runs and all(run.status == "completed" for run in runs)
    assert 29679449 in [run.id for run in runs]


def test_a_runs_jobs_while_it_moves():
    """A run started on a frozen clock: jobs() shows each state as the clock is advanced."""
    server = Emulator()
    try:
        control = f"{server.url}/_emulator"

        def post(path, body):
            request = urllib.request.Request(control + path, data=json.dumps(body).encode(), method="POST")
            with urllib.request.urlopen(request) as response:
                return json.load(response)

        post("/clock", {"now": "2030-01-01T00:00:00Z"})
        started = post("/runs", {"repository": "octo-org/octo-repo", "jobs": [
            {"name": "build", "queued_seconds": 5, "steps": [{"name": "Compile", "seconds": 10}]},
            {"name": "test", "steps": [{"name": "Test", "seconds": 3, "conclusion": "failure"}]}]})
        run = repository(server, "octo-org/octo-repo").get_workflow_run(started["run_id"])

        def states():
            return [(job.name, job.status, job.conclusion) for job in run.jobs()]

        assert states() == [("build", "queued", None), ("test", "in_progress", None)]
        post("/clock", {"advance_seconds": 6})
        assert states() == [("build", "in_progress", None), ("test", "completed", "failure")]
        post("/clock", {"advance_seconds": 10})
        assert states() == [("build", "completed", "success"), ("test", "completed", "failure")]
        run.update()
        assert run.status == "completed" and run.conclusion == "failure"
    finally:
        server.stop()
