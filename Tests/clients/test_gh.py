"""The gh CLI (Debian's gh) against the emulator as a GitHub Enterprise host over HTTPS."""

import json
import os
import pathlib
import subprocess
import tempfile

import pytest

from conftest import CLASSIC, HUBOT


@pytest.fixture()
def gh(tls_emulator, certificates):
    config = tempfile.mkdtemp(prefix="gh-config-")
    host = f"localhost:{tls_emulator.port}"

    def run(*arguments, token=CLASSIC):
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": config,
            "GH_CONFIG_DIR": config,
            "GH_HOST": host,
            "GH_ENTERPRISE_TOKEN": token,
            "SSL_CERT_FILE": str(certificates / "ca.pem"),
            "GH_NO_UPDATE_NOTIFIER": "1",
            "GH_PROMPT_DISABLED": "1",
            "NO_COLOR": "1",
        }
        return subprocess.run(["gh", *arguments], env=environment, capture_output=True, text=True, timeout=60)

    run.host = host
    return run


def test_api_get_job(gh):
    result = gh("api", "repos/octo-org/octo-repo/actions/jobs/399444496")
    assert result.returncode == 0, result.stderr
    job = json.loads(result.stdout)
    assert job["id"] == 399444496 and job["html_url"] == "https://github.com/octo-org/octo-repo/runs/29679449/jobs/399444496"


def test_api_paginate_walks_every_page(gh):
    result = gh("api", "--paginate", "repos/octo-org/octo-repo/actions/runs/30433700/jobs?per_page=30", "--jq", ".jobs[].id")
    assert result.returncode == 0, result.stderr
    assert [int(line) for line in result.stdout.split()] == list(range(400100001, 400100121))


def test_api_logs_redirect_is_followed(gh):
    result = gh("api", "repos/octo-org/octo-repo/actions/jobs/400000012/logs")
    assert result.returncode == 0, result.stderr
    assert "FAIL test_retry_backoff" in result.stdout


def test_run_view(gh):
    result = gh("run", "view", "30433642", "-R", f"{gh.host}/octo-org/octo-repo")
    assert result.returncode == 0, result.stderr
    assert "400000021" in result.stdout and "deploy" in result.stdout


def test_run_view_job(gh):
    result = gh("run", "view", "--job", "400000012", "-R", f"{gh.host}/octo-org/octo-repo")
    assert result.returncode == 0, result.stderr
    assert "Run tests" in result.stdout


def test_bad_credentials(gh):
    result = gh("api", "repos/octo-org/octo-repo/actions/jobs/399444496", token="ghp_nope")
    assert result.returncode != 0
    assert "Bad credentials (HTTP 401)" in result.stderr


def test_hidden_private_repository(gh):
    result = gh("api", "repos/octo-org/private-repo/actions/jobs/400300001", token=HUBOT)
    assert result.returncode != 0
    assert "Not Found (HTTP 404)" in result.stderr


def test_tls_answers_carry_github_headers(gh):
    result = gh("api", "-i", "repos/octo-org/octo-repo/actions/jobs/399444496")
    assert result.returncode == 0, result.stderr
    headers = result.stdout.split("{", 1)[0].lower()
    assert "strict-transport-security: max-age=31536000; includesubdomains" in headers
    assert "etag: w/\"" in headers and "access-control-allow-origin: *" in headers
