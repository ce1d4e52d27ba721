"""githubkit with its strict 2026-03-10 pydantic models: every response must parse without a
validation error, which makes this the schema-conformance check."""

import httpx
import pytest
from githubkit import GitHub
from githubkit.exception import RequestFailed

from conftest import CLASSIC, HUBOT, JOB, MATRIX_RUN, RETRIED_RUN


def client(emulator, token):
    # The GitHub object must outlive its version namespace, so callers keep both.
    github = GitHub(token, base_url=f"{emulator.url}/api/v3/", auto_retry=False, http_cache=False)
    return github, github.rest("2026-03-10")


@pytest.fixture()
def github(emulator):
    github, _ = client(emulator, CLASSIC)
    return github


@pytest.fixture()
def rest(github):
    return github.rest("2026-03-10")


def test_get_job_parses_into_the_model(rest):
    job = rest.actions.get_job_for_workflow_run("octo-org", "octo-repo", JOB).parsed_data
    assert job.id == JOB and job.run_id == 29679449
    assert job.status == "completed" and job.conclusion == "success"
    assert [step.number for step in job.steps] == [1, 2, 3, 4, 5, 6, 7, 8, 16, 17]
    assert job.labels == ["self-hosted", "foo", "bar"]
    assert job.run_attempt == 1 and job.created_at is not None


def test_every_job_of_the_demo_parses(github, rest):
    for run in (29679449, RETRIED_RUN, 30433800):
        for job in github.rest.paginate(rest.actions.list_jobs_for_workflow_run, map_func=lambda r: r.parsed_data.jobs,
                                 owner="octo-org", repo="octo-repo", run_id=run, filter_="all"):
            assert job.run_id == run


def test_list_jobs_both_filters(rest):
    latest = rest.actions.list_jobs_for_workflow_run("octo-org", "octo-repo", RETRIED_RUN).parsed_data
    everything = rest.actions.list_jobs_for_workflow_run("octo-org", "octo-repo", RETRIED_RUN, filter_="all").parsed_data
    assert latest.total_count == 3 and {job.run_attempt for job in latest.jobs} == {3}
    assert everything.total_count == 7


def test_paginator_walks_every_page(github, rest):
    jobs = list(github.rest.paginate(rest.actions.list_jobs_for_workflow_run, map_func=lambda r: r.parsed_data.jobs,
                              owner="octo-org", repo="octo-repo", run_id=MATRIX_RUN, per_page=25))
    assert [job.id for job in jobs] == list(range(400100001, 400100121))


def test_list_jobs_for_attempt(rest):
    attempt = rest.actions.list_jobs_for_workflow_run_attempt("octo-org", "octo-repo", RETRIED_RUN, 2).parsed_data
    assert [job.id for job in attempt.jobs] == [400000011, 400000012]


def test_download_logs_follows_the_redirect(rest):
    response = rest.actions.download_job_logs_for_workflow_run("octo-org", "octo-repo", 400000012)
    assert response.status_code == 200
    assert "FAIL test_retry_backoff" in response.text


def test_workflow_run_and_attempt_parse(rest):
    run = rest.actions.get_workflow_run("octo-org", "octo-repo", RETRIED_RUN).parsed_data
    assert run.id == RETRIED_RUN and run.run_attempt == 3 and run.status == "in_progress"
    first = rest.actions.get_workflow_run_attempt("octo-org", "octo-repo", RETRIED_RUN, 1).parsed_data
    assert first.run_attempt == 1 and first.conclusion == "failure"
    assert first.repository.full_name == "octo-org/octo-repo"


def test_bad_credentials_raise_request_failed(emulator):
    github, rest = client(emulator, "ghp_nope")
    with pytest.raises(RequestFailed) as failure:
        rest.actions.get_job_for_workflow_run("octo-org", "octo-repo", JOB)
    assert failure.value.response.status_code == 401


def test_hidden_private_repository_is_not_found(emulator):
    github, rest = client(emulator, HUBOT)
    with pytest.raises(RequestFailed) as failure:
        rest.actions.get_job_for_workflow_run("octo-org", "private-repo", 400300001)
    assert failure.value.response.status_code == 404


def test_rate_limit_parses_into_the_strict_model(rate_limited_emulator):
    github, rest = client(rate_limited_emulator, CLASSIC)
    overview = rest.rate_limit.get().parsed_data
    assert overview.resources.core.limit == 5000
    assert overview.resources.core.remaining + overview.resources.core.used == 5000
    assert overview.resources.search.limit == 30


def test_rate_limit_is_a_404_by_default(emulator):
    github, rest = client(emulator, CLASSIC)
    with pytest.raises(RequestFailed) as failure:
        rest.rate_limit.get()
    assert failure.value.response.status_code == 404


def test_http_cache_revalidates_and_the_emulator_answers_304(emulator):
    github = GitHub(CLASSIC, base_url=f"{emulator.url}/api/v3/", auto_retry=False, http_cache=True)
    rest = github.rest("2026-03-10")
    path = f"/api/v3/repos/octo-org/octo-repo/actions/jobs/{JOB}"
    first = rest.actions.get_job_for_workflow_run("octo-org", "octo-repo", JOB)
    again = rest.actions.get_job_for_workflow_run("octo-org", "octo-repo", JOB)
    assert first.parsed_data.id == again.parsed_data.id == JOB
    assert again.parsed_data.steps[7].name == "Deploy to Heroku"
    answers = [entry["status"] for entry in emulator.journal() if entry["path"] == path]
    assert answers[-2:] == [200, 304]


def test_run_lists_paginate_into_strict_models_with_filters(github, rest):
    runs = list(github.rest.paginate(rest.actions.list_workflow_runs_for_repo, map_func=lambda r: r.parsed_data.workflow_runs,
                                     owner="octo-org", repo="octo-repo", per_page=2))
    assert len(runs) >= 5 and len({run.id for run in runs}) == len(runs)
    assert [run.created_at for run in runs] == sorted((run.created_at for run in runs), reverse=True)
    completed = rest.actions.list_workflow_runs_for_repo("octo-org", "octo-repo", status="completed").parsed_data
    assert completed.total_count >= 2 and all(run.status == "completed" for run in completed.workflow_runs)
    failed = rest.actions.list_workflow_runs_for_repo("octo-org", "octo-repo", status="failure").parsed_data
    assert all(run.conclusion == "failure" for run in failed.workflow_runs)
    feature = rest.actions.list_workflow_runs_for_repo("octo-org", "octo-repo", branch="feature/retry").parsed_data
    assert [run.id for run in feature.workflow_runs] == [RETRIED_RUN]


def test_workflows_and_their_runs_parse(rest):
    workflows = rest.actions.list_repo_workflows("octo-org", "octo-repo").parsed_data
    ci = next(workflow for workflow in workflows.workflows if workflow.name == "CI")
    assert ci.path == ".github/workflows/ci.yml"
    by_file = rest.actions.get_workflow("octo-org", "octo-repo", "ci.yml").parsed_data
    assert by_file.id == ci.id
    runs = rest.actions.list_workflow_runs("octo-org", "octo-repo", ci.id).parsed_data
    assert runs.total_count >= 2 and all(run.workflow_id == ci.id for run in runs.workflow_runs)
