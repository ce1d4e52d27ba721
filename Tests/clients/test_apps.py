"""GitHub Apps as production code authenticates (shared/reference/apps.md): githubkit's App and
installation strategies (strict 2026-03-10 models), PyGithub's AppAuth, a JWT signed as Go's
ghinstallation signs it, and an Action-like script using a job's GITHUB_TOKEN. Each test has an
emulator of its own: some move its clock an hour on."""

import json
import pathlib
import subprocess
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta

import githubkit.auth.app
import githubkit.cache.mem_cache
import jwt
import pytest
from github import Auth, Github
from githubkit import AppAuthStrategy, AppInstallationAuthStrategy, GitHub

from conftest import ROOT, Emulator, build_go

APP_ID = 1001
INSTALLATION = 5001
KEY = (ROOT / "seed-data" / "ci-reporter.demo-private-key.pem").read_text()
PRIVATE_RUN = 30434000


@pytest.fixture()
def server():
    server = Emulator()
    yield server
    server.stop()


def control(server, path, body=None, method=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{server.url}/_emulator{path}", data=data, method=method)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def call(server, method, path, token=None, body=None):
    """(status, headers, parsed body) of an API request, errors included."""
    request = urllib.request.Request(f"{server.url}/api/v3{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode())
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read() or b"null")


def exchanges(server):
    return [entry for entry in server.journal()
            if entry["method"] == "POST" and entry["path"].endswith(f"/app/installations/{INSTALLATION}/access_tokens")]


# MARK: githubkit

def test_githubkit_app_strategy_reads_the_app_and_its_installations(server):
    github = GitHub(AppAuthStrategy(APP_ID, KEY), base_url=f"{server.url}/api/v3/", auto_retry=False, http_cache=False)
    rest = github.rest("2026-03-10")
    app = rest.apps.get_authenticated().parsed_data
    assert app.id == APP_ID and app.slug == "ci-reporter" and app.client_id == "Iv23liCiReporter00001"
    installations = rest.apps.list_installations().parsed_data
    assert [installation.id for installation in installations] == [INSTALLATION]
    assert installations[0].access_tokens_url == f"{server.url}/api/v3/app/installations/{INSTALLATION}/access_tokens"
    assert rest.apps.get_installation(INSTALLATION).parsed_data.account.login == "octo-org"
    assert rest.apps.get_repo_installation("octo-org", "private-repo").parsed_data.id == INSTALLATION
    assert rest.apps.get_org_installation("octo-org").parsed_data.app_id == APP_ID
    token = rest.apps.create_installation_access_token(INSTALLATION, repositories=["private-repo"],
                                                       permissions={"actions": "read"}).parsed_data
    assert token.repository_selection == "selected" and [r.full_name for r in token.repositories] == ["octo-org/private-repo"]
    assert token.permissions.actions == "read"


class ShiftedClock(datetime):
    """githubkit's view of now, moved on with the emulator's so its cached token ages an hour."""
    offset = timedelta(0)

    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + cls.offset


def test_githubkit_installation_strategy_refreshes_past_the_hour(server, monkeypatch):
    monkeypatch.setattr(githubkit.auth.app, "datetime", ShiftedClock)
    monkeypatch.setattr(githubkit.cache.mem_cache, "datetime", ShiftedClock)
    monkeypatch.setattr(ShiftedClock, "offset", timedelta(0))
    github = GitHub(AppInstallationAuthStrategy(APP_ID, KEY, INSTALLATION), base_url=f"{server.url}/api/v3/",
                    auto_retry=False, http_cache=False)
    rest = github.rest("2026-03-10")

    def read_private_jobs():
        jobs = rest.actions.list_jobs_for_workflow_run("octo-org", "private-repo", PRIVATE_RUN).parsed_data
        assert jobs.total_count >= 1 and all(job.run_id == PRIVATE_RUN for job in jobs.jobs)

    read_private_jobs()
    read_private_jobs()
    assert len(exchanges(server)) == 1, "the token is cached for its hour"

    # An hour and a minute later on both clocks: githubkit fetches a new token by itself.
    control(server, "/clock", {"advance_seconds": 3660})
    monkeypatch.setattr(ShiftedClock, "offset", timedelta(seconds=3660))
    read_private_jobs()
    assert len(exchanges(server)) == 2


# MARK: PyGithub

def test_pygithub_installation_auth_reads_a_runs_jobs(server):
    auth = Auth.AppAuth(APP_ID, KEY).get_installation_auth(INSTALLATION)
    github = Github(auth=auth, base_url=f"{server.url}/api/v3", retry=None)
    run = github.get_repo("octo-org/private-repo", lazy=True).get_workflow_run(PRIVATE_RUN)
    jobs = list(run.jobs())
    assert jobs and all(job.run_id == PRIVATE_RUN for job in jobs)
    assert len(exchanges(server)) == 1


# MARK: JWTs as other clients sign them

def ghinstallation_jwt(iat_offset=-30, exp_offset=90, issuer=str(APP_ID)):
    now = int(time.time())
    return jwt.encode({"iat": now + iat_offset, "exp": now + exp_offset, "iss": issuer}, KEY, algorithm="RS256")


def test_a_jwt_signed_as_ghinstallation_signs_it_and_one_from_the_future(server):
    status, _, token = call(server, "POST", f"/app/installations/{INSTALLATION}/access_tokens", ghinstallation_jwt(), {})
    assert status == 201 and token["token"].startswith("ghs_")
    status, headers, body = call(server, "GET", "/app", ghinstallation_jwt(iat_offset=10))
    assert status == 401
    assert body["message"] == "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued"
    assert headers["Date"]
    status, _, body = call(server, "GET", "/app", ghinstallation_jwt(exp_offset=660))
    assert (status, body["message"]) == (401, "'Expiration time' claim ('exp') is too far in the future")


def test_ruby_octokit_exchanges_a_jwt_signed_with_ruby_jwt(server):
    result = subprocess.run(
        ["ruby", str(pathlib.Path(__file__).with_name("octokit_apps_test.rb"))],
        env={"EMULATOR_URL": server.url, "APP_KEY": str(ROOT / "seed-data" / "ci-reporter.demo-private-key.pem"),
             "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120,
    )
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failures, 0 errors" in result.stdout


def test_a_go_client_on_go_github_signing_as_ghinstallation(server, tmp_path):
    binary = build_go("go-app", tmp_path)
    result = subprocess.run([str(binary), server.url, str(ROOT / "seed-data" / "ci-reporter.demo-private-key.pem")],
                            capture_output=True, text=True, timeout=60)
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "app: ci-reporter" in result.stdout and "jobs: " in result.stdout and "'Issued at' claim" in result.stdout


# MARK: GITHUB_TOKEN

def test_an_action_reads_its_own_run_with_github_token_until_its_job_completes(server):
    control(server, "/clock", {"now": "2030-01-01T00:00:00Z"})
    started = control(server, "/runs", {
        "repository": "octo-org/private-repo", "permissions": {"actions": "read"},
        "jobs": [{"name": "report", "queued_seconds": 1, "steps": [{"name": "Set up job", "seconds": 1},
                                                                   {"name": "Report", "seconds": 10}]}],
    })
    run_id, job_id = started["run_id"], started["job_ids"][0]
    github_token = started["github_tokens"][str(job_id)]
    # What an Action's script does: read its own run's jobs with the token it was given.
    action = Github(auth=Auth.Token(github_token), base_url=f"{server.url}/api/v3", retry=None)
    jobs = list(action.get_repo("octo-org/private-repo", lazy=True).get_workflow_run(run_id).jobs())
    assert [job.id for job in jobs] == [job_id]
    status, _, _ = call(server, "GET", "/repos/octo-org/internal-tools/actions/runs", github_token)
    assert status == 404
    control(server, "/clock", {"advance_seconds": 12})
    status, _, body = call(server, "GET", f"/repos/octo-org/private-repo/actions/runs/{run_id}/jobs", github_token)
    assert (status, body["message"]) == (401, "Bad credentials")
