"""Webhooks as real receivers take them (shared/reference/webhooks.md): githubkit verifies and
parses workflow_job and workflow_run with its strict models, Debian's `webhook` (adnanh/webhook)
runs a command per delivery after a payload-hmac-sha256 check, a form hook verifies with sha1,
a receiver that answers 500 shows as a failed delivery that githubkit redelivers, and PyGithub
creates, pings and lists. Each test has an emulator of its own on a frozen clock."""

import hashlib
import hmac
import http.server
import json
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request

import githubkit.webhooks
import pytest
from github import Auth, Github
from githubkit import GitHub

from conftest import CLASSIC, Emulator, build_go

SECRET = "It's a Secret to Everybody"
RUN = {
    "repository": "octo-org/octo-repo", "workflow_name": "CI", "actor": "octocat",
    "jobs": [
        {"name": "build", "queued_seconds": 2, "steps": [{"name": "Compile", "seconds": 3}]},
        {"name": "test", "queued_seconds": 4, "steps": [{"name": "Unit", "seconds": 5, "conclusion": "failure"}]},
    ],
}


class Receiver:
    """A local receiver keeping every delivery; answers `status`."""

    def __init__(self, status=200):
        self.deliveries = []
        self.status = status
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.deliveries.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count, seconds=20):
        deadline = time.time() + seconds
        while len(self.deliveries) < count and time.time() < deadline:
            time.sleep(0.02)
        assert len(self.deliveries) >= count, [h.get("X-GitHub-Event") for h, _ in self.deliveries]
        return self.deliveries

    def stop(self):
        self.server.shutdown()


@pytest.fixture()
def server():
    server = Emulator()
    control(server, "/clock", {"now": "2030-01-01T00:00:00Z"})
    yield server
    server.stop()


@pytest.fixture()
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.stop()


def control(server, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    with urllib.request.urlopen(urllib.request.Request(f"{server.url}/_emulator{path}", data=data)) as response:
        return json.load(response)


def rest(server):
    return GitHub(CLASSIC, base_url=f"{server.url}/api/v3/")


def test_githubkit_verifies_and_parses_every_move_of_a_scheduled_run(server, receiver):
    with rest(server) as github:
        hook = github.rest.repos.create_webhook(
            "octo-org", "octo-repo",
            config={"url": receiver.url, "content_type": "json", "secret": SECRET},
            events=["workflow_job", "workflow_run"],
        ).parsed_data
        assert hook.config.secret == "********" and hook.events == ["workflow_job", "workflow_run"]
        receiver.wait_for(1)
        control(server, "/runs", RUN)
        control(server, "/clock", {"advance_seconds": 60})
        deliveries = receiver.wait_for(10)[1:]
        seen = []
        for headers, body in deliveries:
            assert githubkit.webhooks.verify(SECRET, body, headers["X-Hub-Signature-256"])
            assert not githubkit.webhooks.verify("wrong", body, headers["X-Hub-Signature-256"])
            event = githubkit.webhooks.parse(headers["X-GitHub-Event"], body)
            seen.append(f"{headers['X-GitHub-Event']}.{event.action}")
            if headers["X-GitHub-Event"] == "workflow_job":
                job = event.workflow_job
                # The REST job, read back, is the same job.
                read = github.rest.actions.get_job_for_workflow_run("octo-org", "octo-repo", job.id).parsed_data
                assert read.id == job.id and read.run_id == job.run_id
                if event.action == "queued":
                    assert job.steps == [] and job.runner_name is None
                if event.action == "completed":
                    assert job.conclusion in ("success", "failure") and job.completed_at is not None
            else:
                assert event.workflow_run.name == "CI" and event.workflow.name == "CI"
        assert seen == [
            "workflow_run.requested", "workflow_job.queued", "workflow_job.queued", "workflow_job.in_progress",
            "workflow_run.in_progress", "workflow_job.in_progress", "workflow_job.completed", "workflow_job.completed",
            "workflow_run.completed",
        ]
        listed = github.rest.repos.list_webhook_deliveries("octo-org", "octo-repo", hook.id, per_page=3)
        assert len(listed.parsed_data) == 3 and 'rel="next"' in listed.headers["Link"]
        assert all(d.status == "OK" and d.status_code == 200 for d in listed.parsed_data)


def test_a_form_hook_is_signed_with_sha1_too(server, receiver):
    with rest(server) as github:
        github.rest.repos.create_webhook("octo-org", "octo-repo", config={"url": receiver.url, "secret": SECRET})
    headers, body = receiver.wait_for(1)[0]
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert headers["X-Hub-Signature"] == "sha1=" + hmac.new(SECRET.encode(), body, hashlib.sha1).hexdigest()
    assert headers["X-Hub-Signature-256"] == "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    payload = urllib.parse.parse_qs(body.decode())["payload"][0]
    assert githubkit.webhooks.parse("ping", payload).hook_id == int(headers["X-GitHub-Hook-ID"])


def test_a_failing_receiver_is_a_failed_delivery_redelivered_through_the_api(server):
    receiver = Receiver(status=500)
    try:
        with rest(server) as github:
            hook = github.rest.repos.create_webhook(
                "octo-org", "octo-repo", config={"url": receiver.url, "content_type": "json"}, events=["workflow_job"],
            ).parsed_data
            first_headers, first_body = receiver.wait_for(1)[0]
            for _ in range(200):
                deliveries = github.rest.repos.list_webhook_deliveries("octo-org", "octo-repo", hook.id).parsed_data
                if deliveries and deliveries[0].status_code == 500:
                    break
                time.sleep(0.02)
            failed = deliveries[0]
            assert failed.status_code == 500 and failed.status != "OK" and not failed.redelivery
            receiver.status = 200
            github.rest.repos.redeliver_webhook_delivery("octo-org", "octo-repo", hook.id, failed.id)
            headers, body = receiver.wait_for(2)[1]
            assert headers["X-GitHub-Delivery"] == first_headers["X-GitHub-Delivery"] and body == first_body
            for _ in range(200):
                newest = github.rest.repos.list_webhook_deliveries("octo-org", "octo-repo", hook.id).parsed_data[0]
                if newest.status_code == 200:
                    break
                time.sleep(0.02)
            assert newest.redelivery and newest.guid == failed.guid and newest.status == "OK"
            detail = github.rest.repos.get_webhook_delivery("octo-org", "octo-repo", hook.id, newest.id).parsed_data
            assert detail.request.payload.model_dump()["hook_id"] == hook.id
    finally:
        receiver.stop()


def test_pygithub_creates_pings_and_lists_deliveries(server, receiver):
    github = Github(auth=Auth.Token(CLASSIC), base_url=f"{server.url}/api/v3")
    repo = github.get_repo("octo-org/octo-repo", lazy=True)
    hook = repo.create_hook("web", {"url": receiver.url, "content_type": "json"}, events=["workflow_run"], active=True)
    assert hook.events == ["workflow_run"] and hook.last_response.status == "unused"
    hook.ping()
    assert [h["X-GitHub-Event"] for h, _ in receiver.wait_for(2)] == ["ping", "ping"]
    for _ in range(200):
        deliveries = list(repo.get_hook_deliveries(hook.id))
        if len(deliveries) == 2 and all(d.status_code == 200 for d in deliveries):
            break
        time.sleep(0.02)
    assert [d.event for d in deliveries] == ["ping", "ping"]
    assert [h.id for h in repo.get_hooks()] == [hook.id]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_debians_webhook_runs_a_command_for_each_signed_delivery(server, tmp_path):
    ran = tmp_path / "ran.txt"
    hooks = tmp_path / "hooks.json"
    hooks.write_text(json.dumps([{
        "id": "jobs",
        "execute-command": "/bin/sh",
        # Answer once the command has run: deliveries to one hook go one at a time, so the
        # commands then run in the order the moves happened.
        "include-command-output-in-response": True,
        "pass-arguments-to-command": [
            {"source": "string", "name": "-c"},
            {"source": "string", "name": f'echo "$1 $2" >> {ran}'},
            {"source": "string", "name": "sh"},
            {"source": "header", "name": "X-GitHub-Event"},
            {"source": "payload", "name": "action"},
        ],
        "trigger-rule": {"match": {"type": "payload-hmac-sha256", "secret": SECRET,
                                   "parameter": {"source": "header", "name": "X-Hub-Signature-256"}}},
    }]))
    port = free_port()
    process = subprocess.Popen(["webhook", "-hooks", str(hooks), "-ip", "127.0.0.1", "-port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.02)
        url = f"http://127.0.0.1:{port}/hooks/jobs"
        with rest(server) as github:
            github.rest.repos.create_webhook("octo-org", "octo-repo", config={"url": url, "content_type": "json", "secret": SECRET},
                                             events=["workflow_job"])
            # A hook with the wrong secret is refused by the rule: no command runs for it.
            github.rest.repos.create_webhook("octo-org", "octo-repo", config={"url": url, "content_type": "json", "secret": "nope"},
                                             events=["workflow_job"])
        control(server, "/runs", {**RUN, "jobs": RUN["jobs"][:1]})
        control(server, "/clock", {"advance_seconds": 60})
        deadline = time.time() + 20
        while time.time() < deadline and (not ran.exists() or len(ran.read_text().splitlines()) < 4):
            time.sleep(0.05)
        time.sleep(0.3)
        assert ran.read_text().splitlines() == ["ping ", "workflow_job queued", "workflow_job in_progress", "workflow_job completed"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_go_githubs_validate_payload_and_parse_webhook_take_every_move(server, tmp_path):
    """go-github as Go receivers use it: each delivery's signature checked with ValidatePayload
    and its body parsed by ParseWebHook; a hook with another secret is refused (401), which its
    deliveries then show."""
    binary = build_go("go-receiver", tmp_path)
    process = subprocess.Popen([str(binary), SECRET], stdout=subprocess.PIPE, text=True)
    lines = []
    try:
        port = int(process.stdout.readline().split()[1])
        threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
        url = f"http://127.0.0.1:{port}/"
        with rest(server) as github:
            events = ["workflow_job", "workflow_run"]
            good = github.rest.repos.create_webhook("octo-org", "octo-repo", events=events,
                                                    config={"url": url, "content_type": "json", "secret": SECRET}).parsed_data
            bad = github.rest.repos.create_webhook("octo-org", "octo-repo", events=events,
                                                   config={"url": url, "content_type": "json", "secret": "nope"}).parsed_data
            control(server, "/runs", RUN)
            control(server, "/clock", {"advance_seconds": 60})
            deadline = time.time() + 20
            while time.time() < deadline and len(lines) < 20:
                time.sleep(0.02)
            accepted = [line.split() for line in lines if not line.startswith("rejected")]
            rejected = [line.split() for line in lines if line.startswith("rejected")]
            assert len(accepted) == 10 and len(rejected) == 10, lines
            assert all(fields[1] == str(good.id) for fields in accepted)
            assert accepted[0][2:5] == ["ping", "-", str(good.id)]
            assert [f"{fields[2]}.{fields[3]}" for fields in accepted[1:]] == [
                "workflow_run.requested", "workflow_job.queued", "workflow_job.queued", "workflow_job.in_progress",
                "workflow_run.in_progress", "workflow_job.in_progress", "workflow_job.completed", "workflow_job.completed",
                "workflow_run.completed",
            ]
            for _, _, event, action, identifier, status, *conclusion in accepted[1:]:
                if event == "workflow_job" and action == "completed":
                    read = github.rest.actions.get_job_for_workflow_run("octo-org", "octo-repo", int(identifier)).parsed_data
                    assert read.status == status == "completed" and [read.conclusion] == conclusion
            assert all("signature" in " ".join(fields[2:]) for fields in rejected)
            for _ in range(200):
                refused = github.rest.repos.list_webhook_deliveries("octo-org", "octo-repo", bad.id, per_page=100).parsed_data
                if len(refused) == 10 and all(d.status_code == 401 for d in refused):
                    break
                time.sleep(0.02)
            assert len(refused) == 10 and all(d.status_code == 401 and d.status != "OK" for d in refused)
    finally:
        process.kill()


def test_deliveries_recorded_before_a_kill_are_sent_after_a_restart_with_db_and_none_twice(tmp_path):
    """The emulator killed (-9) mid-delivery: what it recorded survives in `--db`; the delivery
    in flight counts as failed (`interrupted`) and is not sent again; the rest go out in order."""
    database = str(tmp_path / "emulator.sqlite")
    receiver = Receiver()
    release = threading.Event()
    answering = receiver.server.RequestHandlerClass.do_POST

    def hold_the_first(handler):
        if not receiver.deliveries:
            receiver.deliveries.append((dict(handler.headers), handler.rfile.read(int(handler.headers["Content-Length"]))))
            release.wait(30)  # the emulator dies meanwhile; nobody reads this answer
            return
        answering(handler)

    def of_the_run(run_id):
        """The deliveries about `run_id` (the demo seed's own scheduled run moves after a restart too)."""
        moves = []
        for headers, body in receiver.deliveries:
            payload = json.loads(body)
            event = headers["X-GitHub-Event"]
            if payload.get(event, {}).get("run_id" if event == "workflow_job" else "id") == run_id:
                moves.append(f"{event}.{payload['action']}")
        return moves

    receiver.server.RequestHandlerClass.do_POST = hold_the_first
    server = Emulator("--db", database)
    try:
        control(server, "/clock", {"now": "2030-01-01T00:00:00Z"})
        with rest(server) as github:
            hook = github.rest.repos.create_webhook("octo-org", "octo-repo", events=["workflow_job", "workflow_run"],
                                                    config={"url": receiver.url, "content_type": "json"}).parsed_data
        receiver.wait_for(1)  # the ping, held unanswered
        run_id = control(server, "/runs", RUN)["run_id"]
        control(server, "/clock", {"advance_seconds": 60})
        control(server, "/clock")  # the request after an advance records the moves it passed over
        server.process.kill()
        server.process.wait(timeout=10)
        assert len(receiver.deliveries) == 1
        release.set()

        server = Emulator("--db", database)
        expected = [
            "workflow_run.requested", "workflow_job.queued", "workflow_job.queued", "workflow_job.in_progress",
            "workflow_run.in_progress", "workflow_job.in_progress", "workflow_job.completed", "workflow_job.completed",
            "workflow_run.completed",
        ]
        deadline = time.time() + 20
        while time.time() < deadline and len(of_the_run(run_id)) < len(expected):
            time.sleep(0.02)
        time.sleep(0.5)  # time for a delivery sent twice to arrive
        assert of_the_run(run_id) == expected
        guids = [headers["X-GitHub-Delivery"] for headers, _ in receiver.deliveries]
        assert len(set(guids)) == len(guids)
        assert [headers["X-GitHub-Event"] for headers, _ in receiver.deliveries].count("ping") == 1
        with rest(server) as github:
            listed = github.rest.repos.list_webhook_deliveries("octo-org", "octo-repo", hook.id, per_page=100).parsed_data
        ping = [d for d in listed if d.event == "ping"]
        assert len(ping) == 1 and ping[0].guid == guids[0]
        assert ping[0].status_code == 0 and ping[0].status.startswith("interrupted")
    finally:
        release.set()
        server.stop()
        receiver.stop()


def test_a_receiver_that_never_answers_does_not_hold_up_the_emulators_exit(tmp_path):
    """SIGTERM while a delivery waits on a receiver that accepted and never answers: the
    emulator exits at once (conftest's stop allows 10 s; the delivery's timeout is 30 s), and
    with `--db` the delivery counts as interrupted on the next start."""
    database = str(tmp_path / "emulator.sqlite")
    hanging = socket.socket()  # the kernel completes the handshake; nobody reads or answers
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(8)
    server = Emulator("--db", database)
    try:
        with rest(server) as github:
            hook = github.rest.repos.create_webhook("octo-org", "octo-repo", events=["workflow_job"], config={
                "url": f"http://127.0.0.1:{hanging.getsockname()[1]}/", "content_type": "json"}).parsed_data
        deadline = time.time() + 10
        while time.time() < deadline and control(server, f"/deliveries?hook_id={hook.id}")["deliveries"][0]["state"] != "sending":
            time.sleep(0.02)
        assert control(server, f"/deliveries?hook_id={hook.id}")["deliveries"][0]["state"] == "sending"
        started = time.monotonic()
        server.stop()
        print(f"stopped in {time.monotonic() - started:.2f} s")
        server = Emulator("--db", database)
        ping = control(server, f"/deliveries?hook_id={hook.id}")["deliveries"][0]
        assert ping["state"] == "done" and ping["status"].startswith("interrupted") and ping["status_code"] == 0
    finally:
        server.process.kill()
        hanging.close()
