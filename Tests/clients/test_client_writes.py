"""PyGithub, githubkit and the return-dispatch pattern acting on an emulator of their own, its
clock frozen so runs move only when the test advances it: dispatch, re-run, cancel, delete,
disable and enable (shared/reference/actions-write.md)."""

import json
import time
import urllib.request

import pytest
from github import Auth, Github
from githubkit import GitHub
from githubkit.exception import RequestFailed

from conftest import CLASSIC, Emulator

START = "2030-01-01T00:00:00Z"
PUBLIC_RUN = 29679449


class World:
    def __init__(self):
        self.server = Emulator()
        self.control("/clock", {"now": START})

    def control(self, path, body):
        request = urllib.request.Request(f"{self.server.url}/_emulator{path}", data=json.dumps(body).encode(), method="POST")
        with urllib.request.urlopen(request) as response:
            return json.load(response)

    def advance(self, seconds):
        self.control("/clock", {"advance_seconds": seconds})


@pytest.fixture(scope="module")
def world():
    world = World()
    yield world
    world.server.stop()


@pytest.fixture()
def repo(world):
    client = Github(auth=Auth.Token(CLASSIC), base_url=f"{world.server.url}/api/v3", retry=None)
    return client.get_repo("octo-org/octo-repo", lazy=True)


@pytest.fixture()
def rest(world):
    github = GitHub(CLASSIC, base_url=f"{world.server.url}/api/v3/", auto_retry=False, http_cache=False)
    yield github.rest("2026-03-10")


# MARK: PyGithub

def newest_dispatch(repo):
    return repo.get_workflow("deploy.yml").get_runs(event="workflow_dispatch")[0]


def test_pygithub_create_dispatch_is_true_and_the_run_moves(world, repo):
    workflow = repo.get_workflow("deploy.yml")
    assert workflow.id == 161335 and workflow.state == "active"
    assert workflow.create_dispatch("main", {"environment": "prod"}) is True
    run = newest_dispatch(repo)
    assert run.event == "workflow_dispatch" and run.status == "queued" and run.display_title == "Deploy to prod"
    detailed = workflow.create_dispatch("main", {"environment": "staging"}, return_run_details=True)
    assert detailed.id > run.id
    world.advance(60)
    run.update()
    assert (run.status, run.conclusion) == ("completed", "failure")


def test_pygithub_rerun_failed_jobs_then_rerun(world, repo):
    assert repo.get_workflow("deploy.yml").create_dispatch("main", {"environment": "prod"})
    run = newest_dispatch(repo)
    world.advance(60)
    assert run.rerun_failed_jobs() is True
    world.advance(60)
    run = repo.get_workflow_run(run.id)
    assert (run.run_attempt, run.conclusion) == (2, "success")
    assert run.rerun() is True
    assert repo.get_workflow_run(run.id).run_attempt == 3


def test_pygithub_cancel_and_delete(world, repo):
    assert repo.get_workflow("deploy.yml").create_dispatch("main", {"environment": "prod"})
    run = newest_dispatch(repo)
    assert run.cancel() is True
    run = repo.get_workflow_run(run.id)
    assert (run.status, run.conclusion) == ("completed", "cancelled")
    assert run.delete() is True
    with pytest.raises(Exception) as missing:
        repo.get_workflow_run(run.id).status  # the lazy repository fetches the run here
    assert getattr(missing.value, "status", None) == 404


def test_pygithub_disable_and_enable(repo):
    workflow = repo.get_workflow("deploy.yml")
    assert workflow.disable() is True
    assert repo.get_workflow("deploy.yml").state == "disabled_manually"
    assert workflow.enable() is True
    assert repo.get_workflow("deploy.yml").state == "active"


# MARK: githubkit (2026-03-10 models)

def test_githubkit_dispatch_answers_the_run(world, rest):
    response = rest.actions.create_workflow_dispatch("octo-org", "octo-repo", "deploy.yml", ref="main",
                                                     inputs={"environment": "prod"})
    assert response.status_code == 200
    run_id = response.parsed_data.workflow_run_id
    run = rest.actions.get_workflow_run("octo-org", "octo-repo", run_id).parsed_data
    assert run.event == "workflow_dispatch" and run.display_title == "Deploy to prod"
    assert response.parsed_data.run_url == run.url and response.parsed_data.html_url == run.html_url


def test_githubkit_rerun_and_cancel_models(world, rest):
    run_id = rest.actions.create_workflow_dispatch("octo-org", "octo-repo", 161335, ref="main").parsed_data.workflow_run_id
    with pytest.raises(RequestFailed) as running:
        rest.actions.re_run_workflow("octo-org", "octo-repo", run_id)
    assert running.value.response.status_code == 403
    cancelled = rest.actions.cancel_workflow_run("octo-org", "octo-repo", run_id)
    assert cancelled.status_code == 202 and cancelled.parsed_data.model_dump() == {}
    with pytest.raises(RequestFailed) as completed:
        rest.actions.force_cancel_workflow_run("octo-org", "octo-repo", run_id)
    assert completed.value.response.status_code == 409
    rerun = rest.actions.re_run_workflow_failed_jobs("octo-org", "octo-repo", run_id)
    assert rerun.status_code == 201 and rerun.parsed_data.model_dump() == {}
    world.advance(60)
    jobs = rest.actions.list_jobs_for_workflow_run("octo-org", "octo-repo", run_id).parsed_data.jobs
    assert [job.conclusion for job in jobs] == ["success", "success"]
    job_rerun = rest.actions.re_run_job_for_workflow_run("octo-org", "octo-repo", jobs[0].id, enable_debug_logging=True)
    assert job_rerun.status_code == 201


# MARK: return-dispatch v3's sequence

def test_dispatch_and_wait_as_return_dispatch_does(world, rest):
    """Dispatch with a distinct id, list the workflow's dispatched runs created since, find the
    id in a step name, then poll the run until it completes."""
    distinct_id = "b2c3d4e5-0000-4000-8000-return-dispatch"
    sent = "2030-01-01T00:00:00Z"
    with urllib.request.urlopen(f"{world.server.url}/_emulator/clock") as response:
        sent = json.load(response)["now"][:19] + "Z"
    assert rest.actions.create_workflow_dispatch(
        "octo-org", "octo-repo", "deploy.yml", ref="main", inputs={"environment": "prod", "distinct_id": distinct_id},
        headers={"X-GitHub-Api-Version": "2022-11-28"},
    ).status_code in (200, 204)
    candidates = rest.actions.list_workflow_runs("octo-org", "octo-repo", "deploy.yml", event="workflow_dispatch",
                                                 created=f">={sent}").parsed_data.workflow_runs
    found = None
    for candidate in candidates:
        jobs = rest.actions.list_jobs_for_workflow_run("octo-org", "octo-repo", candidate.id).parsed_data.jobs
        if any(distinct_id in step.name for job in jobs for step in (job.steps or [])):
            found = candidate.id
            break
    assert found is not None
    for _ in range(10):
        run = rest.actions.get_workflow_run("octo-org", "octo-repo", found).parsed_data
        if run.status == "completed":
            break
        world.advance(10)
    assert run.status == "completed"


def test_refused_writes_are_github_errors(world, rest, repo):
    anonymous = Github(base_url=f"{world.server.url}/api/v3", retry=None).get_repo("octo-org/octo-repo", lazy=True)
    run = anonymous.get_workflow_run(PUBLIC_RUN)
    assert run.cancel() is False  # PyGithub answers False for the 403
    nobody = GitHub(base_url=f"{world.server.url}/api/v3/", auto_retry=False)
    with pytest.raises(RequestFailed) as hidden:
        nobody.rest("2026-03-10").actions.cancel_workflow_run("octo-org", "private-repo", 30434000)
    assert hidden.value.response.status_code == 404
