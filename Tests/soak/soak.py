#!/usr/bin/env python3
"""make soak: 64 connections of mixed requests (mix.lua: every endpoint, log redirects, control
API writes) for SECONDS against a release build, sampling RSS and open file descriptors every
ten seconds. Fails on any 5xx, any non-2xx/3xx, any socket error, RSS in the last minute more
than 10% (and 4 MB) above the first, or more descriptors at the end than after warm-up."""
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 600
binary = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, ".build", "release", "actions-emulator")

process = subprocess.Popen([binary, "--port", "0", "--seed", os.path.join(ROOT, "seed-data"), "--log-level", "warning"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
url = process.stdout.readline().split()[-1]
samples = []  # (elapsed seconds, RSS MB, open descriptors)
started = time.monotonic()
stop = threading.Event()


def sample():
    while not stop.wait(10 if seconds >= 120 else 2):
        with open(f"/proc/{process.pid}/status") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024
        samples.append((time.monotonic() - started, rss, len(os.listdir(f"/proc/{process.pid}/fd"))))


sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
wrk = subprocess.run(["wrk", "-t2", "-c64", f"-d{seconds}s", "-s", os.path.join(ROOT, "Tests", "soak", "mix.lua"), url],
                     capture_output=True, text=True)
stop.set()
sampler.join()
with urllib.request.urlopen(url + "/_emulator/metrics") as response:
    metrics = response.read().decode()
process.terminate()
exit_code = process.wait(30)

total = int(re.search(r"(\d+) requests in", wrk.stdout).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk.stdout)
socket_errors = re.search(r"Socket errors: (.*)", wrk.stdout)
server_errors = sum(int(count) for count in re.findall(r'status="5\d\d"[^\n]* (\d+)', metrics))
window = 60 if seconds >= 180 else max(4, seconds // 4)
first = [s for s in samples if s[0] <= window]
last = [s for s in samples if s[0] >= samples[-1][0] - window]
first_rss = sum(s[1] for s in first) / len(first)
last_rss = sum(s[1] for s in last) / len(last)
print(f"soak: {seconds} s, 64 connections, {total} requests ({total / seconds:,.0f}/s), "
      f"non-2xx/3xx {bad.group(1) if bad else 0}, socket errors {socket_errors.group(1) if socket_errors else 'none'}, "
      f"5xx in metrics {server_errors}, exit {exit_code}")
print(f"RSS first {window} s {first_rss:.1f} MB, last {window} s {last_rss:.1f} MB; "
      f"descriptors after warm-up {first[-1][2]}, at the end {samples[-1][2]}")
print("samples (s, RSS MB, fds): " + ", ".join(f"({t:.0f}, {r:.1f}, {f})" for t, r, f in samples))
failed = (bad or socket_errors or server_errors or exit_code != 0
          or last_rss > first_rss * 1.1 + 4 or samples[-1][2] > first[-1][2])
sys.exit(1 if failed else 0)
