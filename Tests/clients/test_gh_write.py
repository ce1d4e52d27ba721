"""gh 2.23 (Debian) acting over HTTPS: gh workflow run, then gh run list / watch on the run it
made; gh run rerun --failed on a flaky run and gh run view --exit-status; gh run cancel. On an
emulator of its own with its clock frozen, so runs move only when the test advances it."""

import threading
import time

import pytest

from test_gh_runs import Control, gh, world  # noqa: F401  (fixtures)


def dispatched_run(gh, control, environment="prod"):
    """Runs `gh workflow run deploy.yml` and finds the run it made, newest first."""
    result = gh("workflow", "run", "deploy.yml", "--ref", "main", "-f", f"environment={environment}")
    assert result.returncode == 0, result.stderr
    listed = gh("run", "list", "--workflow", "deploy.yml", "--json", "databaseId,event,status,displayTitle",
                "--jq", ".[0] | [.databaseId, .event, .status, .displayTitle] | @tsv")
    assert listed.returncode == 0, listed.stderr
    run_id, event, status, title = listed.stdout.strip().split("\t")
    assert (event, status, title) == ("workflow_dispatch", "queued", f"Deploy to {environment}")
    return run_id


def test_workflow_run_then_watch_until_it_ends(world, gh):
    _, control = world
    run_id = dispatched_run(gh, control)
    watcher = {}

    def watch():
        watcher["result"] = gh("run", "watch", run_id, "--interval", "1", "--exit-status", timeout=90)

    thread = threading.Thread(target=watch)
    thread.start()
    time.sleep(2.5)
    assert thread.is_alive()  # the clock stands still: nothing finishes
    for _ in range(6):
        control.advance(5)
        time.sleep(1.5)
    thread.join(timeout=60)
    result = watcher["result"]
    # The smoke test is flaky: its first execution fails, and --exit-status says so.
    assert result.returncode != 0, result.stdout
    assert "✓ build" in result.stdout and "X deploy (prod)" in result.stdout


def test_rerun_failed_makes_the_flaky_run_pass(world, gh):
    _, control = world
    run_id = dispatched_run(gh, control, environment="staging")
    control.advance(60)
    assert gh("run", "view", run_id, "--exit-status").returncode != 0
    rerun = gh("run", "rerun", run_id, "--failed")
    assert rerun.returncode == 0, rerun.stderr
    control.advance(60)
    view = gh("run", "view", run_id, "--exit-status")
    assert view.returncode == 0, view.stdout + view.stderr
    assert "✓ deploy (staging)" in view.stdout


def test_rerun_of_a_running_run_is_refused(world, gh):
    _, control = world
    run_id = dispatched_run(gh, control)
    refused = gh("run", "rerun", run_id)
    assert refused.returncode != 0
    assert "cannot be rerun" in refused.stderr


def test_run_cancel(world, gh):
    _, control = world
    run_id = dispatched_run(gh, control)
    control.advance(3)
    cancelled = gh("run", "cancel", run_id)
    assert cancelled.returncode == 0, cancelled.stderr
    assert "Request to cancel workflow" in cancelled.stdout and "submitted." in cancelled.stdout
    status = gh("run", "view", run_id, "--json", "status,conclusion", "--jq", "[.status, .conclusion] | @tsv")
    assert status.stdout.split() == ["completed", "cancelled"]
    again = gh("run", "cancel", run_id)
    assert again.returncode != 0


def test_workflow_disable_and_enable(world, gh):
    disabled = gh("workflow", "disable", "deploy.yml")
    assert disabled.returncode == 0, disabled.stderr
    refused = gh("workflow", "run", "deploy.yml", "--ref", "main")
    assert refused.returncode != 0
    enabled = gh("workflow", "enable", "deploy.yml")
    assert enabled.returncode == 0, enabled.stderr
