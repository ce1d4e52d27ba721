#!/usr/bin/env python3
"""`make bench`: the emulator measured beside its peers in the same run, on loopback.

1. Throughput and latency (wrk, keep-alive): GET job and a 30-job list page on a private
   repository with a classic token, against nginx serving the identical bytes as static
   files, a bare libmicrohttpd program answering those bytes, and Flask under gunicorn.
2. Start-up: exec to the first 200 on GET job with the demo seed, against the Flask stub.
3. Scale: seeding 100 000 jobs x 10 steps; page 1 against page 10 000 (per_page=100) of a
   1 000 000-job run in a file-backed database.
4. Memory: RSS idle with the demo seed, peak under benchmark 1, and across repeated runs.

Every figure is printed with the peer's and their ratio. Needs wrk, nginx and gcc (the
Makefile installs them) and a venv with Flask and gunicorn (BENCH_PYTHON)."""
import argparse
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
memory_rows = []  # filled by the benchmarks as they go, printed last as table 4


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, headers=None, timeout=600.0) -> None:
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
            time.sleep(0.01)


def fetch(url: str, headers=None) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
        return response.read()


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
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout

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
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    sys.stdout.flush()


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
        with open(body_file, "wb") as out:
            out.write(fetch(emulator.url(path), auth))
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

    # The library's own limit, one process per body.
    mhd_binary = os.path.join(work, "mhd-fixed")
    subprocess.run(["gcc", "-O2", "-o", mhd_binary, os.path.join(ROOT, "Benchmarks", "peers", "mhd-fixed.c"),
                    "-lmicrohttpd"], check=True)
    mhd = {name: Server("libmicrohttpd", [mhd_binary, str(port), body, "2"], port)
           for (name, _, body), port in zip(routes, (free_port(), free_port()))}

    routes_file = os.path.join(work, "routes.tsv")
    with open(routes_file, "w") as out:
        for _, path, body in routes:
            out.write(f"{path.split('?')[0]}\t{body}\n")
    flask_port = free_port()
    flask = Server("flask", [args.python, "-m", "gunicorn", "-w", "2", "-k", "gthread", "--threads", "8",
                             "-b", f"127.0.0.1:{flask_port}", "flask_stub:app"], flask_port,
                   env={"BENCH_ROUTES": routes_file}, cwd=os.path.join(ROOT, "Benchmarks", "peers"))
    peers = [nginx, flask] + list(mhd.values())
    for name, path, _ in routes:
        wait_for(nginx.url(path))
        wait_for(mhd[name].url(path))
        wait_for(flask.url(path))

    rows = []
    peak = 0
    for name, path, body in routes:
        results = {}
        for label, server, headers in (("emulator", emulator, auth), ("nginx", nginx, {}),
                                       ("libmicrohttpd", mhd[name], {}), ("gunicorn+Flask", flask, {})):
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

    def flask_once(routes_file):
        port = free_port()
        started = time.perf_counter()
        process = subprocess.Popen([args.python, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "flask_stub:app"],
                                   cwd=os.path.join(ROOT, "Benchmarks", "peers"), env={**os.environ, "BENCH_ROUTES": routes_file},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(f"http://127.0.0.1:{port}{DEMO_JOB_PATH}", timeout=30)
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
        mine = [emulator_once() for _ in range(args.startup_runs)]
        theirs = [flask_once(routes_file) for _ in range(max(5, args.startup_runs // 3))]
    median_mine, median_theirs = statistics.median(mine), statistics.median(theirs)
    table(f"2. Start-up: exec to the first 200 on GET job ({len(mine)} and {len(theirs)} runs)",
          ["server", "median ms", "min ms", "max ms", "emulator / peer"],
          [["emulator (demo seed, 133 jobs)", f"{median_mine:.1f}", f"{min(mine):.1f}", f"{max(mine):.1f}", ""],
           ["gunicorn+Flask stub (1 worker)", f"{median_theirs:.1f}", f"{min(theirs):.1f}", f"{max(theirs):.1f}",
            f"{median_mine / median_theirs:.2f}x the time"]])
    memory_rows.append(["emulator idle RSS, demo seed", f"{idle} MB"])


def scale(args, work) -> None:
    rows = []
    seed = os.path.join(work, "seed-100k.json")
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate-seed.py"), "--jobs", str(args.seed_jobs),
                    "--steps", "10", "--out", seed], check=True)
    size_mb = os.path.getsize(seed) / 1e6
    started = time.perf_counter()
    process = subprocess.Popen([EMULATOR, "--port", "0", "--log-level", "warning", "--seed", seed],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    process.stdout.readline()
    seconds = time.perf_counter() - started
    peak = rss_kib(process.pid, "VmHWM") // 1024
    process.terminate()
    process.wait()
    os.remove(seed)
    rows.append([f"seed {args.seed_jobs:,} jobs x 10 steps ({size_mb:.0f} MB), in memory", f"{seconds:.1f} s",
                 f"{args.seed_jobs * 11 / seconds:,.0f} rows/s", f"peak RSS {peak} MB"])

    # A million jobs in one run, loaded through the control API in pieces into a file database.
    database = os.path.join(work, "million.sqlite")
    emulator = start_emulator(["--db", database, "--seed", os.path.join(ROOT, "seed-data", "01-docs-example.json")])
    started = time.perf_counter()
    chunk = 50_000
    for first in range(0, args.deep_jobs, chunk):
        part = os.path.join(work, "part.json")
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate-seed.py"), "--jobs",
                        str(min(chunk, args.deep_jobs - first)), "--first-index", str(first), "--steps", "1",
                        "--jobs-per-run", str(args.deep_jobs), "--first-run", "60000000", "--out", part], check=True)
        with open(part, "rb") as body:
            data = body.read()
        request = urllib.request.Request(emulator.url("/_emulator/seed"), data=data, method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=600) as response:
            response.read()
    load_seconds = time.perf_counter() - started
    base = "/api/v3/repos/bench/big-repo/actions/runs/60000000/jobs?per_page=100&page="
    last_page = args.deep_jobs // 100
    assert b'"total_count":%d' % args.deep_jobs in fetch(emulator.url(base + "1"))
    first_page = wrk(emulator.url(base + "1"), args.seconds, connections=4)
    deep_page = wrk(emulator.url(base + str(last_page)), args.seconds, connections=4)
    emulator.stop()
    rows.append([f"{args.deep_jobs:,} jobs x 1 step in one run, file DB, via POST /_emulator/seed",
                 f"{load_seconds:.1f} s", f"{args.deep_jobs * 2 / load_seconds:,.0f} rows/s", ""])
    rows.append([f"page 1 of per_page=100 (wrk -c4)", f"p50 {first_page['p50']:.2f} ms",
                 f"{first_page['rps']:,.0f} req/s", f"p99 {first_page['p99']:.2f} ms"])
    rows.append([f"page {last_page:,} of per_page=100 (wrk -c4)", f"p50 {deep_page['p50']:.2f} ms",
                 f"{deep_page['rps']:,.0f} req/s",
                 f"p99 {deep_page['p99']:.2f} ms; p50 {deep_page['p50'] / first_page['p50']:.2f}x page 1"])
    table("3. Scale", ["what", "time", "rate", "notes"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per measurement")
    parser.add_argument("--startup-runs", type=int, default=30)
    parser.add_argument("--seed-jobs", type=int, default=100_000)
    parser.add_argument("--deep-jobs", type=int, default=1_000_000)
    parser.add_argument("--python", default=os.environ.get("BENCH_PYTHON", sys.executable),
                        help="a Python with flask and gunicorn")
    parser.add_argument("--only", choices=["throughput", "startup", "scale"], action="append")
    args = parser.parse_args()
    for tool in ("wrk", "nginx", "gcc"):
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} is missing (make bench installs it)")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    print(f"## Benchmarks ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores: {cpu}; wrk shares the cores)")
    only = args.only or ["throughput", "startup", "scale"]
    with tempfile.TemporaryDirectory() as work:
        os.chmod(work, 0o755)  # nginx's workers run as nobody when started by root
        try:
            if "throughput" in only:
                throughput(args, work)
            if "startup" in only:
                startup(args)
            if "scale" in only:
                scale(args, work)
        finally:
            for server in Server.running:
                server.stop()
    if memory_rows:
        table("4. Memory", ["what", "RSS"], memory_rows)


if __name__ == "__main__":
    main()
