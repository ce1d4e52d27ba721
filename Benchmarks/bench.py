#!/usr/bin/env python3
"""`make bench`: the emulator measured beside its peers in the same run, on loopback.

1. Throughput and latency (wrk, keep-alive): GET job and a 30-job list page on a private
   repository with a classic token, against nginx serving the identical bytes as static
   files, a bare libmicrohttpd program answering those bytes (and the same program making
   GitHub's answer per request: a response with the emulator's headers), a Go net/http stub
   writing them, and Flask under gunicorn.
2. Start-up: exec to the first 200 on GET job with the demo seed, against the Go and Flask
   stubs. Instructions: user-space instructions per GET job (callgrind: N keep-alive
   requests and 1, the difference over N - 1), against the bare libmicrohttpd program, and
   that program building a response per request with the emulator's headers (the library's share).
3. Scale: a 100 000-job x 10-step seed file in memory and into a database file, and a
   1 000 000-job x 10-step file into a database file, against Python's json and sqlite3
   loading the same lines (peers/sqlite_loader.py); page 1 against page 10 000
   (per_page=100) of that million-job run; kill -9 in the middle of a load.
4. Webhook fan-out: rounds of 1 000 jobs moving at once delivered to a Go receiver while wrk
   reads GET job, against GET job alone; then with a second hook whose receiver never answers.
5. Memory: RSS idle with the demo seed, peak under benchmark 1, and across repeated runs.
6. Targets (issues 22 and 23, and issue 15's that 23 keeps): each with its measured value,
   the peer's and whether it is met.

Every figure is printed with the peer's. `--update-docs` (as `make bench` runs it) writes the
tables into docs/benchmarks.md and the targets into README.md, between their markers. Needs
wrk, nginx, gcc, go and valgrind (the Makefile installs them) and a venv with Flask and gunicorn."""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EMULATOR = os.path.join(ROOT, ".build", "release", "actions-emulator")
TOKEN = "ghp_octocatRepoScope000000000000000001"  # classic, repo scope, reads octo-org/private-repo
JOB_PATH = "/api/v3/repos/octo-org/private-repo/actions/jobs/400300001"
LIST_PATH = "/api/v3/repos/bench/private-repo/actions/runs/50000000/jobs?per_page=30&page=2"
DEMO_JOB_PATH = "/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496"
memory_rows = []  # filled by the benchmarks as they go, printed as table 5
targets = []  # [what, target, measured, peer, "met"/"not met"], printed last as table 6
printed = []  # every table as printed, for --update-docs


def target(what: str, goal: str, measured: str, peer: str, met: bool) -> None:
    targets.append([what, goal, measured, peer, "met" if met else "**not met**"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, headers=None, timeout=600.0, interval=0.01) -> None:
    """Polls `url` until it answers. Start-up timings poll every millisecond: at 10 ms, the
    sleep counted in a peer's start-up (the Go stub read 11 ms for 5 ms)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=5) as response:
                response.read()
                return
        except urllib.error.HTTPError:
            raise  # up, but answering wrongly: waiting will not help
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(interval)


def fetch(url: str, headers=None) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
        return response.read()


def save_answer(url: str, headers: dict, body_path: str, headers_path: str) -> None:
    """The body and the header lines of one answer, for peers that replay them (libmicrohttpd
    adds Date, Content-Length and Connection itself)."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response, \
            open(body_path, "wb") as body, open(headers_path, "w") as lines:
        body.write(response.read())
        lines.writelines(f"{name}: {value}\n" for name, value in response.getheaders()
                         if name.lower() not in ("date", "content-length", "connection"))


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    """RSS of a process and its children (gunicorn and nginx run workers)."""
    total = 0
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                                   text=True).stdout.split()]
    for each in pids:
        try:
            with open(f"/proc/{each}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith(field + ":"))
        except (OSError, StopIteration):
            pass
    return total


class Server:
    """A peer or the emulator, started on a free port; every one still running is stopped at exit."""
    running = []

    def __init__(self, name, command, port, env=None, cwd=None):
        self.name, self.port = name, port
        self.process = subprocess.Popen(command, env={**os.environ, **(env or {})}, cwd=cwd,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        Server.running.append(self)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def wrk(url: str, seconds: int, connections=32, headers=None) -> dict:
    return wrk_result(wrk_start(url, seconds, connections, headers))


def wrk_start(url: str, seconds: int, connections=32, headers=None) -> subprocess.Popen:
    """wrk running in the background; `wrk_result` waits for it."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    return subprocess.Popen(command + [url], stdout=subprocess.PIPE, text=True)


def wrk_result(process: subprocess.Popen) -> dict:
    output = process.communicate()[0]
    if process.returncode != 0:
        sys.exit(f"bench: wrk failed ({process.returncode})")

    def latency(label):
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency("50%"), "p99": latency("99%"),
        "bad": int(non_2xx.group(1)) if non_2xx else 0,
        "errors": errors.group(1) if errors else "",
    }


def table(title, header, rows):
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    printed.append("\n".join(lines))
    print("\n" + "\n".join(lines))
    sys.stdout.flush()


def build_go(work: str, name: str = "go-stub") -> str:
    """A Go program of peers/, built from Debian's golang-go in GOPATH mode (no modules, nothing downloaded)."""
    binary = os.path.join(work, name)
    if not os.path.exists(binary):
        env = {**os.environ, "GO111MODULE": "off", "GOPATH": os.path.join(work, "gopath"),
               "GOCACHE": os.path.join(work, "gocache")}
        subprocess.run(["go", "build", "-o", binary, "."], cwd=os.path.join(ROOT, "Benchmarks", "peers", name),
                       env=env, check=True)
    return binary


def build_mhd_fixed(work: str) -> str:
    """The library's own limit: libmicrohttpd answering one fixed body."""
    binary = os.path.join(work, "mhd-fixed")
    if not os.path.exists(binary):
        subprocess.run(["gcc", "-O2", "-o", binary, os.path.join(ROOT, "Benchmarks", "peers", "mhd-fixed.c"),
                        "-lmicrohttpd"], check=True)
    return binary


def start_emulator(extra, port=None) -> Server:
    port = port or free_port()
    server = Server("emulator", [EMULATOR, "--port", str(port), "--log-level", "warning", *extra], port)
    wait_for(server.url("/_emulator/health"))
    return server


def throughput(args, work) -> None:
    bench_seed = os.path.join(work, "bench-private.json")
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate-seed.py"), "--jobs", "100",
                    "--jobs-per-run", "100", "--repository", "bench/private-repo", "--visibility", "private",
                    "--reader", "octocat", "--out", bench_seed], check=True)
    emulator = start_emulator(["--seed", os.path.join(ROOT, "seed-data"), "--seed", bench_seed])
    auth = {"Authorization": f"Bearer {TOKEN}"}
    routes = []
    for name, path in (("job", JOB_PATH), ("list", LIST_PATH)):
        body_file = os.path.join(work, f"{name}.json")
        save_answer(emulator.url(path), auth, body_file, os.path.join(work, f"{name}.headers"))
        routes.append((name, path, body_file))
    try:  # the rules apply: without the token the private repository does not exist
        fetch(emulator.url(JOB_PATH))
        sys.exit("bench: the private job answered an anonymous request")
    except urllib.error.HTTPError as error:
        assert error.code == 404, error.code

    # nginx: the same bytes as static files at the same paths (query strings ignored).
    nginx_dir = os.path.join(work, "nginx")
    os.makedirs(nginx_dir, exist_ok=True)
    nginx_port = free_port()
    locations = "".join(
        f"    location = {path.split('?')[0]} {{ default_type application/json; alias {body}; }}\n"
        for _, path, body in routes)
    with open(os.path.join(nginx_dir, "nginx.conf"), "w") as conf:
        conf.write(f"""worker_processes 2;
daemon off;
pid {nginx_dir}/nginx.pid;
error_log {nginx_dir}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  server {{
    listen 127.0.0.1:{nginx_port};
{locations}  }}
}}
""")
    nginx = Server("nginx", ["nginx", "-c", os.path.join(nginx_dir, "nginx.conf"), "-p", nginx_dir], nginx_port)

    # The library's own limit, and a Go stub, one process per body.
    mhd_binary = build_mhd_fixed(work)
    mhd = {name: Server("libmicrohttpd", [mhd_binary, str(port), body, "2"], port)
           for (name, _, body), port in zip(routes, (free_port(), free_port()))}
    # ... and that library building GitHub's answer per request: the emulator's headers.
    mhd_headers = {name: Server("libmicrohttpd", [mhd_binary, str(port), body, "2", os.path.join(work, f"{name}.headers")], port)
                   for (name, _, body), port in zip(routes, (free_port(), free_port()))}
    go_binary = build_go(work)
    go = {name: Server("go", [go_binary, str(port), body], port)
          for (name, _, body), port in zip(routes, (free_port(), free_port()))}

    routes_file = os.path.join(work, "routes.tsv")
    with open(routes_file, "w") as out:
        for _, path, body in routes:
            out.write(f"{path.split('?')[0]}\t{body}\n")
    flask_port = free_port()
    flask = Server("flask", [args.python, "-m", "gunicorn", "-w", "2", "-k", "gthread", "--threads", "8",
                             "-b", f"127.0.0.1:{flask_port}", "flask_stub:app"], flask_port,
                   env={"BENCH_ROUTES": routes_file}, cwd=os.path.join(ROOT, "Benchmarks", "peers"))
    peers = [nginx, flask] + list(mhd.values()) + list(mhd_headers.values()) + list(go.values())
    for name, path, _ in routes:
        wait_for(nginx.url(path))
        wait_for(mhd[name].url(path))
        wait_for(mhd_headers[name].url(path))
        wait_for(go[name].url(path))
        wait_for(flask.url(path))

    rows = []
    peak = 0
    measured = {}
    for name, path, body in routes:
        results = measured[name] = {}
        for label, server, headers in (("emulator", emulator, auth), ("nginx", nginx, {}),
                                       ("libmicrohttpd", mhd[name], {}),
                                       ("libmicrohttpd with GitHub's headers", mhd_headers[name], {}),
                                       ("Go net/http stub", go[name], {}),
                                       ("gunicorn+Flask", flask, {})):
            results[label] = wrk(server.url(path), args.seconds, headers=headers)
            if label == "emulator":
                peak = max(peak, rss_kib(emulator.process.pid, "VmHWM"))
        mine = results["emulator"]
        for label, result in results.items():
            ratio = "" if label == "emulator" else f"{mine['rps'] / result['rps']:.2f}x"
            rows.append([f"{name} ({os.path.getsize(body)} B)", label, f"{result['rps']:,.0f}", f"{result['p50']:.2f}",
                         f"{result['p99']:.2f}", ratio, result["bad"] or "", result["errors"]])
    table(f"1. Throughput, wrk -t2 -c32 -d{args.seconds}s, keep-alive, loopback",
          ["response", "server", "req/s", "p50 ms", "p99 ms", "emulator / peer", "non-2xx", "socket errors"], rows)
    job, page = measured["job"], measured["list"]
    for peer in ("Go net/http stub", "nginx"):
        ratio = job["emulator"]["rps"] / job[peer]["rps"]
        target(f"GET job, classic token, private repository, against the {peer.split()[0]} peer", f"≥ 1.0x {peer} req/s",
               f"{job['emulator']['rps']:,.0f} req/s", f"{peer} {job[peer]['rps']:,.0f} ({ratio:.2f}x)", ratio >= 1.0)
    target("GET job p99", "≤ nginx's", f"{job['emulator']['p99']:.2f} ms", f"nginx {job['nginx']['p99']:.2f} ms",
           job["emulator"]["p99"] <= job["nginx"]["p99"])
    target("30-job page", "≥ 0.8x nginx req/s", f"{page['emulator']['rps']:,.0f} req/s",
           f"nginx {page['nginx']['rps']:,.0f} ({page['emulator']['rps'] / page['nginx']['rps']:.2f}x)",
           page["emulator"]["rps"] >= 0.8 * page["nginx"]["rps"])

    # 4. memory: peak under benchmark 1, and whether repeated runs grow it.
    after = []
    for _ in range(3):
        wrk(emulator.url(JOB_PATH), max(2, args.seconds // 2), headers=auth)
        after.append(rss_kib(emulator.process.pid) // 1024)
    memory_rows.append(["emulator peak RSS under benchmark 1", f"{peak // 1024} MB"])
    memory_rows.append(["emulator RSS after each of 3 more GET job runs", " / ".join(f"{m} MB" for m in after)])
    memory_rows.append(["nginx (master + 2 workers) RSS", f"{rss_kib(nginx.process.pid) // 1024} MB"])
    memory_rows.append(["gunicorn+Flask (master + 2 workers) RSS", f"{rss_kib(flask.process.pid) // 1024} MB"])
    for server in [emulator] + peers:
        server.stop()


def startup(args) -> None:
    def emulator_once():
        started = time.perf_counter()
        process = subprocess.Popen([EMULATOR, "--port", "0", "--log-level", "warning"], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        url = process.stdout.readline().split()[-1]
        fetch(url + DEMO_JOB_PATH)
        elapsed = (time.perf_counter() - started) * 1000
        process.terminate()
        process.wait()
        return elapsed

    def go_once(binary, body):
        port = free_port()
        started = time.perf_counter()
        process = subprocess.Popen([binary, str(port), body], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(f"http://127.0.0.1:{port}{DEMO_JOB_PATH}", timeout=30, interval=0.001)
        elapsed = (time.perf_counter() - started) * 1000
        process.terminate()
        process.wait()
        return elapsed

    def flask_once(routes_file):
        port = free_port()
        started = time.perf_counter()
        process = subprocess.Popen([args.python, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "flask_stub:app"],
                                   cwd=os.path.join(ROOT, "Benchmarks", "peers"), env={**os.environ, "BENCH_ROUTES": routes_file},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(f"http://127.0.0.1:{port}{DEMO_JOB_PATH}", timeout=30, interval=0.001)
        elapsed = (time.perf_counter() - started) * 1000
        process.terminate()
        process.wait()
        return elapsed

    with tempfile.TemporaryDirectory() as work:
        emulator = start_emulator([])
        body = os.path.join(work, "job.json")
        with open(body, "wb") as out:
            out.write(fetch(emulator.url(DEMO_JOB_PATH)))
        idle = rss_kib(emulator.process.pid) // 1024
        emulator.stop()
        routes_file = os.path.join(work, "routes.tsv")
        with open(routes_file, "w") as out:
            out.write(f"{DEMO_JOB_PATH}\t{body}\n")
        go_binary = build_go(work)
        mine = [emulator_once() for _ in range(args.startup_runs)]
        gos = [go_once(go_binary, body) for _ in range(args.startup_runs)]
        theirs = [flask_once(routes_file) for _ in range(max(5, args.startup_runs // 3))]
        # The private job's seed and its token, without the demo's scheduled run (its timers
        # would count in one run and not the other).
        seeds = [part for name in ("01-docs-example.json", "03-showcase.json", "04-tokens.json") for part in ("--seed", os.path.join(ROOT, "seed-data", name))]
        private_job = os.path.join(work, "private-job.json")
        private_headers = os.path.join(work, "private-job.headers")
        emulator = start_emulator(seeds)
        save_answer(emulator.url(JOB_PATH), {"Authorization": f"Bearer {TOKEN}"}, private_job, private_headers)
        emulator.stop()
        per_request = {
            "emulator": instructions_per_request([EMULATOR, "--port", "{port}", "--log-level", "warning", *seeds],
                                                 {"Authorization": f"Bearer {TOKEN}"}, JOB_PATH),
            "libmicrohttpd": instructions_per_request([build_mhd_fixed(work), "{port}", private_job, "2"], {}, JOB_PATH),
            "libmicrohttpd, headers": instructions_per_request([build_mhd_fixed(work), "{port}", private_job, "2", private_headers],
                                                               {}, JOB_PATH),
        }
    median_mine, median_go, median_theirs = statistics.median(mine), statistics.median(gos), statistics.median(theirs)
    rows = [["emulator (demo seed)", f"{median_mine:.1f}", f"{min(mine):.1f}", f"{max(mine):.1f}", ""]]
    for label, runs in (("Go net/http stub", gos), ("gunicorn+Flask stub (1 worker)", theirs)):
        median = statistics.median(runs)
        rows.append([label, f"{median:.1f}", f"{min(runs):.1f}", f"{max(runs):.1f}", f"{median_mine / median:.2f}x the time"])
    table(f"2. Start-up: exec to the first 200 on GET job ({len(mine)}, {len(gos)} and {len(theirs)} runs)",
          ["server", "median ms", "min ms", "max ms", "emulator / peer"], rows)
    ratio = per_request["emulator"] / per_request["libmicrohttpd"]
    table("2b. Instructions per GET job (callgrind, user space, 201 keep-alive requests against 1)",
          ["server", "instructions per request", "emulator / peer"],
          [["emulator, classic token, private job", f"{per_request['emulator']:,.0f}", ""],
           ["libmicrohttpd answering the same bytes", f"{per_request['libmicrohttpd']:,.0f}", f"{ratio:.2f}x"],
           # What the library itself charges for the answer the emulator must give: a response
           # per request with GitHub's headers (each header is three allocations inside it).
           ["libmicrohttpd answering the same bytes and headers, a response per request",
            f"{per_request['libmicrohttpd, headers']:,.0f}",
            f"{per_request['emulator'] / per_request['libmicrohttpd, headers']:.2f}x"]])
    memory_rows.append(["emulator idle RSS, demo seed", f"{idle} MB"])
    target("GET job, user-space instructions per request", "≤ 2x raw libmicrohttpd's", f"{per_request['emulator']:,.0f}",
           f"libmicrohttpd {per_request['libmicrohttpd']:,.0f} ({ratio:.2f}x)", ratio <= 2.0)
    target("start-up, exec to first 200, static binary", "≤ 2x the Go stub's", f"{median_mine:.1f} ms",
           f"Go net/http stub {median_go:.1f} ms ({median_mine / median_go:.2f}x)", median_mine <= 2 * median_go)


def instructions_per_request(command, headers, path, requests=201) -> float:
    """User-space instructions one more keep-alive request costs `command` (its `{port}` filled
    in), counted by callgrind: a run answering `requests` and one answering 1, the difference
    over `requests` - 1. Repeatable on any host, whatever else it runs. The client connects
    once, as soon as the port listens (refused attempts cost the server nothing), so both runs
    differ by the requests alone."""
    def total(count):
        port = free_port()
        with tempfile.NamedTemporaryFile(suffix=".callgrind") as out:
            server = Server("callgrind", ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out.name}",
                                          *[part.replace("{port}", str(port)) for part in command]], port)
            deadline = time.monotonic() + 120
            while True:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                try:
                    connection.connect()
                    break
                except ConnectionRefusedError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            for _ in range(count):
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                assert response.status == 200, response.status
            connection.close()
            server.stop()
            summary = re.search(r"^(?:summary|totals): (\d+)", open(out.name).read(), re.M)
            return int(summary.group(1))
    return (total(requests) - total(1)) / (requests - 1)


def generate(path: str, jobs: int, **options) -> float:
    command = [sys.executable, os.path.join(ROOT, "Benchmarks", "generate-seed.py"), "--jobs", str(jobs), "--out", path]
    for name, value in options.items():
        command += [f"--{name.replace('_', '-')}", str(value)]
    subprocess.run(command, check=True)
    return os.path.getsize(path) / 1e6


def load(command, stderr=subprocess.DEVNULL) -> dict:
    """Runs a loader until its first line (the emulator's `listening`, the peer's `loaded`):
    seconds to it, peak RSS, RSS after it; the process is left running in `process`."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True)
    line = process.stdout.readline()
    if not line:
        sys.exit(f"bench: {command[0]} ended before loading: {process.wait()}")
    return {"seconds": time.perf_counter() - started, "peak": rss_kib(process.pid, "VmHWM") // 1024,
            "after": rss_kib(process.pid) // 1024, "process": process, "line": line}


def finish(loaded: dict) -> None:
    process = loaded["process"]
    process.stdin.close()
    if process.poll() is None:
        process.terminate()
    process.wait()


def database_mb(path: str, suffix: str = "") -> float:
    """The size of a database file (its pages once checkpointed), or of its `-wal`."""
    return os.path.getsize(path + suffix) / 1e6 if os.path.exists(path + suffix) else 0.0


def scale(args, work) -> None:
    rows = []
    emulator = [EMULATOR, "--port", "0", "--log-level", "warning"]
    peer = [sys.executable, os.path.join(ROOT, "Benchmarks", "peers", "sqlite_loader.py")]

    # 100 000 jobs: in memory, then into a file (whose size is what the memory holds).
    seed = os.path.join(work, "seed-100k.json")
    size = generate(seed, args.seed_jobs)
    mine = load(emulator + ["--seed", seed])
    finish(mine)
    theirs = load(peer + [seed, ":memory:"])
    finish(theirs)
    database = os.path.join(work, "100k.sqlite")
    on_disk = load(emulator + ["--seed", seed, "--db", database])
    finish(on_disk)
    database_size = database_mb(database)
    label = f"{args.seed_jobs:,} jobs x 10 steps ({size:.0f} MB)"
    rows.append([f"{label}, in memory", "emulator", f"{mine['seconds']:.1f} s", f"{mine['peak']} MB", f"{mine['after']} MB"])
    rows.append([f"{label}, in memory", "json + sqlite3 (Python)", f"{theirs['seconds']:.1f} s", f"{theirs['peak']} MB",
                 f"{theirs['after']} MB"])
    rows.append([f"{label}, into --db ({database_size:.0f} MB file)", "emulator", f"{on_disk['seconds']:.1f} s",
                 f"{on_disk['peak']} MB", f"{on_disk['after']} MB"])
    # Issue 23: against the Python loader of the same run (an absolute time moves with the host).
    target(f"seed {args.seed_jobs:,} jobs x 10 steps in memory", "≤ json + sqlite3's time", f"{mine['seconds']:.1f} s",
           f"json + sqlite3 {theirs['seconds']:.1f} s ({mine['seconds'] / theirs['seconds']:.2f}x)",
           mine["seconds"] <= theirs["seconds"])
    target("... its peak RSS", "≤ 300 MB", f"{mine['peak']} MB", f"json + sqlite3 {theirs['peak']} MB", mine["peak"] <= 300)
    target("... RSS after loading", "≤ 1.5x the database", f"{mine['after']} MB ({mine['after'] / database_size:.2f}x)",
           f"database {database_size:.0f} MB", mine["after"] <= 1.5 * database_size)
    os.remove(seed)

    # A million jobs in one run, from one file into a database file.
    seed = os.path.join(work, "seed-1m.json")
    size = generate(seed, args.deep_jobs, jobs_per_run=args.deep_jobs, first_run=60_000_000)
    database = os.path.join(work, "million.sqlite")
    mine = load(emulator + ["--seed", seed, "--db", database])
    peer_database = os.path.join(work, "million-peer.sqlite")
    rows.append([f"{args.deep_jobs:,} jobs x 10 steps ({size:.0f} MB) into --db ({database_mb(database):.0f} MB)",
                 "emulator", f"{mine['seconds']:.1f} s", f"{mine['peak']} MB", f"{mine['after']} MB"])
    base = mine["line"].split()[-1] + "/api/v3/repos/bench/big-repo/actions/runs/60000000/jobs?per_page=100&page="
    last_page = args.deep_jobs // 100
    assert b'"total_count":%d' % args.deep_jobs in fetch(base + "1")
    first_page = wrk(base + "1", args.seconds, connections=4)
    deep_page = wrk(base + str(last_page), args.seconds, connections=4)
    finish(mine)
    theirs = load(peer + [seed, peer_database])
    finish(theirs)
    rows.append([f"{args.deep_jobs:,} jobs x 10 steps into a file", "json + sqlite3 (Python)", f"{theirs['seconds']:.1f} s",
                 f"{theirs['peak']} MB", f"{theirs['after']} MB"])
    target(f"seed {args.deep_jobs:,} jobs x 10 steps from one file into --db", "≤ 60 s", f"{mine['seconds']:.1f} s",
           f"json + sqlite3 {theirs['seconds']:.1f} s", mine["seconds"] <= 60)
    target("... its peak RSS", "≤ 400 MB", f"{mine['peak']} MB", f"json + sqlite3 {theirs['peak']} MB", mine["peak"] <= 400)
    ratio = deep_page["p50"] / first_page["p50"]
    target(f"page {last_page:,} of per_page=100 (wrk -c4, p50)", "within 1.5x page 1", f"{deep_page['p50']:.2f} ms ({ratio:.2f}x)",
           f"page 1 {first_page['p50']:.2f} ms", ratio <= 1.5)
    table("3. Scale: seeding", ["what", "loader", "time to serving", "peak RSS", "RSS after"], rows)
    table(f"3b. Deep pages of the {args.deep_jobs:,}-job run (wrk -c4 -d{args.seconds}s)", ["page", "req/s", "p50 ms", "p99 ms"],
          [["1", f"{first_page['rps']:,.0f}", f"{first_page['p50']:.2f}", f"{first_page['p99']:.2f}"],
           [f"{last_page:,}", f"{deep_page['rps']:,.0f}", f"{deep_page['p50']:.2f}", f"{deep_page['p99']:.2f}"]])

    # kill -9 while the million jobs load: the file reopens with none of them, or all.
    crashed = os.path.join(work, "crashed.sqlite")
    process = subprocess.Popen(emulator[:-2] + ["--log-level", "info", "--seed", seed, "--db", crashed],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in process.stderr:
        if f"jobs={args.deep_jobs // 2}/" in line:
            break
    process.kill()
    process.wait()
    wal = database_mb(crashed, "-wal")
    reopened = load(emulator + ["--db", crashed, "--seed", os.path.join(ROOT, "seed-data", "04-tokens.json")])
    try:
        answer = fetch(reopened["line"].split()[-1] + "/api/v3/repos/bench/big-repo/actions/runs/60000000/jobs?per_page=1")
        kept = int(re.search(rb'"total_count":(\d+)', answer).group(1))
    except urllib.error.HTTPError as error:
        kept = 0 if error.code == 404 else -1
    finish(reopened)
    target("kill -9 half-way through the million, reopen", "0 or all jobs", f"{kept:,} jobs",
           f"{wal:.0f} MB of WAL written before the kill", kept in (0, args.deep_jobs))
    os.remove(seed)


FANOUT_JOBS = 1000
FANOUT_HOOKS = "/api/v3/repos/octo-org/private-repo/hooks"


def control(emulator: Server, path: str, body: dict) -> dict:
    request = urllib.request.Request(emulator.url("/_emulator" + path), data=json.dumps(body).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"{}")


def fanout(args, work) -> None:
    """4. Webhook fan-out (issue 22): a run of 1 000 jobs created and then moved at once on a
    frozen clock (1 000 queued, 1 000 in_progress, 1 000 completed and the run's 3) to a Go
    receiver that answers 200, round after round while wrk reads GET job; then the same with a
    second hook whose receiver accepts connections and never answers."""
    receiver_port = free_port()
    receiver = Server("receiver", [build_go(work, "go-receiver"), str(receiver_port)], receiver_port)
    wait_for(receiver.url("/count"))
    received = lambda: int(fetch(receiver.url("/count")))
    hanging = socket.socket()  # the kernel completes the handshake; nobody ever reads or answers
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(4096)
    seed = os.path.join(work, "hooks.json")
    with open(seed, "w") as out:
        json.dump({"hooks": [{"repository": "octo-org/private-repo", "events": ["workflow_job", "workflow_run"],
                              "config": {"url": receiver.url("/hook"), "content_type": "json", "secret": "bench"}}]}, out)
    emulator = start_emulator(["--seed", os.path.join(ROOT, "seed-data"), "--seed", seed])
    auth = {"Authorization": f"Bearer {TOKEN}"}
    clock = json.loads(fetch(emulator.url("/_emulator/clock")))
    control(emulator, "/clock", {"now": clock["now"]})  # frozen: jobs move when advanced, all at once
    run = {"repository": "octo-org/private-repo", "workflow_name": "Fan-out",
           "jobs": [{"name": f"shard {n}", "queued_seconds": 1, "steps": [{"name": "test", "seconds": 1}]}
                    for n in range(FANOUT_JOBS)]}
    per_round = 3 * FANOUT_JOBS + 3

    def rounds_during(seconds: int) -> tuple:
        """Rounds back to back while wrk reads; (wrk's result, deliveries, seconds they took)."""
        reader = wrk_start(emulator.url(JOB_PATH), seconds, headers=auth)
        started, before, rounds = time.monotonic(), received(), 0
        while reader.poll() is None:
            target_count = received() + per_round
            control(emulator, "/runs", run)
            control(emulator, "/clock", {"advance_seconds": 10})
            while received() < target_count:
                time.sleep(0.005)
            rounds += 1
        elapsed = time.monotonic() - started
        return wrk_result(reader), received() - before, elapsed, rounds

    before = wrk(emulator.url(JOB_PATH), args.seconds, headers=auth)
    busy, delivered, elapsed, rounds = rounds_during(args.seconds)
    rate = delivered / elapsed
    # Alone again once the rounds are done: one quiet run's p99 can catch a stall of the
    # host's, and the comparison takes the lower of the two (the stricter).
    after = wrk(emulator.url(JOB_PATH), args.seconds, headers=auth)
    quiet = min(before, after, key=lambda result: result["p99"])
    request = urllib.request.Request(emulator.url(FANOUT_HOOKS), method="POST", headers={**auth, "Content-Type": "application/json"},
                                     data=json.dumps({"config": {"url": f"http://127.0.0.1:{hanging.getsockname()[1]}/",
                                                                 "content_type": "json"},
                                                      "events": ["workflow_job", "workflow_run"]}).encode())
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
    stuck, stuck_delivered, stuck_elapsed, stuck_rounds = rounds_during(args.seconds)
    rows = []
    for what, result, extra in (("GET job alone, before the rounds", before, ""), ("GET job alone, after them", after, ""),
                                (f"GET job while {rounds} rounds deliver", busy, f"{delivered:,} in {elapsed:.1f} s: {rate:,.0f}/s"),
                                (f"GET job while {stuck_rounds} rounds deliver, a second hook hanging", stuck,
                                 f"{stuck_delivered:,} to the answering hook in {stuck_elapsed:.1f} s: {stuck_delivered / stuck_elapsed:,.0f}/s")):
        rows.append([what, f"{result['rps']:,.0f}", f"{result['p50']:.2f}", f"{result['p99']:.2f}",
                     f"{result['p99'] / quiet['p99']:.2f}x", extra, result["bad"] or ""])
    table(f"4. Webhook fan-out: rounds of {FANOUT_JOBS:,} jobs moving at once ({per_round:,} deliveries each) to a Go receiver,"
          f" wrk -t2 -c32 -d{args.seconds}s on GET job in the same run",
          ["what", "req/s", "p50 ms", "p99 ms", "p99 / alone", "deliveries", "non-2xx"], rows)
    target("Webhook fan-out, 1 000 jobs moving at once", "≥ 1 000 deliveries/s", f"{rate:,.0f}/s", "", rate >= 1000)
    target("GET job p99 while deliveries go out", "< 1.1x its p99 alone", f"{busy['p99']:.2f} ms ({busy['p99'] / quiet['p99']:.2f}x)",
           f"alone {quiet['p99']:.2f} ms (the lower of two runs)", busy["p99"] < 1.1 * quiet["p99"])
    hanging.close()
    emulator.stop()
    receiver.stop()


def update_docs() -> None:
    """Writes the tables into docs/benchmarks.md and the targets into README.md, between markers."""
    for path, text in ((os.path.join(ROOT, "docs", "benchmarks.md"), "\n\n".join(printed)),
                       (os.path.join(ROOT, "README.md"), printed[0] + "\n\n" + printed[-1].split("\n", 2)[2])):
        with open(path) as page:
            content = page.read()
        begin, end = "<!-- bench:begin -->\n", "<!-- bench:end -->"
        if begin not in content or end not in content:
            sys.exit(f"bench: {path} lacks the {begin.strip()} and {end} markers")
        head, rest = content.split(begin, 1)
        tail = rest.split(end, 1)[1]
        with open(path, "w") as page:
            page.write(head + begin + text + "\n" + end + tail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per measurement")
    parser.add_argument("--startup-runs", type=int, default=30)
    parser.add_argument("--seed-jobs", type=int, default=100_000)
    parser.add_argument("--deep-jobs", type=int, default=1_000_000)
    parser.add_argument("--python", default=os.environ.get("BENCH_PYTHON", sys.executable),
                        help="a Python with flask and gunicorn")
    parser.add_argument("--only", choices=["throughput", "startup", "scale", "webhooks"], action="append",
                        help="a part; startup includes the instruction count")
    parser.add_argument("--update-docs", action="store_true",
                        help="write the tables into docs/benchmarks.md and README.md (every part only)")
    args = parser.parse_args()
    for tool in ("wrk", "nginx", "gcc", "go", "valgrind"):
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} is missing (make bench installs it)")
    only = args.only or ["throughput", "startup", "scale", "webhooks"]
    if args.update_docs and len(only) < 4:
        sys.exit("bench: --update-docs needs every part (no --only)")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    machine = f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores: {cpu}, {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') // 2**30} GiB; wrk shares the cores"
    print(f"## Benchmarks ({machine})")
    printed.append(f"Measured {machine}.")
    with tempfile.TemporaryDirectory() as work:
        os.chmod(work, 0o755)  # nginx's workers run as nobody when started by root
        try:
            if "throughput" in only:
                throughput(args, work)
            if "startup" in only:
                startup(args)
            if "scale" in only:
                scale(args, work)
            if "webhooks" in only:
                fanout(args, work)
        finally:
            for server in Server.running:
                server.stop()
    if memory_rows:
        table("5. Memory", ["what", "RSS"], memory_rows)
    if targets:
        table("6. Targets", ["what", "target", "measured", "peer, same run", ""], targets)
    if args.update_docs:
        update_docs()


if __name__ == "__main__":
    main()
