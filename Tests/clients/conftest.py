"""Starts the real emulator (the built executable) for the client tests: one over HTTP and,
for gh, one over HTTPS with a throwaway CA."""

import json
import os
import pathlib
import urllib.request
import subprocess
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("EMULATOR_BIN", ROOT / ".build" / "debug" / "actions-emulator"))

# Tokens of the demo seed (seed-data/04-tokens.json).
CLASSIC = "ghp_octocatRepoScope000000000000000001"
FINE_GRAINED = "github_pat_octocatActionsRead_0000000006"
HUBOT = "ghp_hubotRepoScope00000000000000000003"
JOB = 399444496
MATRIX_RUN = 30433700
RETRIED_RUN = 30433642


def build_go(program, tmp_path):
    """Builds the Go program in Tests/clients/<program> against Debian's Go packages (GOPATH
    mode: no module proxy is reachable); the binary's path."""
    binary = tmp_path / program
    env = {"GO111MODULE": "off", "GOPATH": "/usr/share/gocode", "GOCACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    subprocess.run(["go", "build", "-o", str(binary), "."], cwd=pathlib.Path(__file__).with_name(program), env=env,
                   check=True, timeout=300)
    return binary


class Emulator:
    def __init__(self, *extra_args):
        self.args = extra_args
        self.process = subprocess.Popen(
            [str(BINARY), "--port", "0", "--seed", str(ROOT / "seed-data"), *extra_args],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        line = self.process.stdout.readline().strip()
        prefix = "actions-emulator listening on "
        if not line.startswith(prefix):
            self.process.kill()
            raise RuntimeError(f"emulator did not start: {line!r}")
        self.url = line[len(prefix):]
        self.port = int(self.url.rsplit(":", 1)[1])

    def journal(self):
        """The emulator's request journal, oldest first."""
        with urllib.request.urlopen(f"{self.url}/_emulator/requests") as response:
            return json.load(response)["requests"]

    def stop(self):
        self.process.terminate()
        assert self.process.wait(timeout=10) == 0


@pytest.fixture(scope="session")
def emulator():
    server = Emulator()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def rate_limited_emulator():
    """Rate limiting turned on, as a GitHub Enterprise Server administrator can."""
    server = Emulator("--rate-limit", "true")
    yield server
    server.stop()


@pytest.fixture(scope="session", params=["default", "rate-limit"])
def either_emulator(request):
    """Each client that must work in both modes runs once against each."""
    return request.getfixturevalue("emulator" if request.param == "default" else "rate_limited_emulator")


def _run(*command, cwd):
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def certificates():
    """A CA and a server certificate for localhost/127.0.0.1 signed by it, made with openssl."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="emulator-tls-"))
    _run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=emulator test CA",
         "-keyout", "ca.key", "-out", "ca.pem", cwd=folder)
    _run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
         "-keyout", "server.key", "-out", "server.csr", cwd=folder)
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    _run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
         "-days", "2", "-extfile", "san.ext", "-out", "server.pem", cwd=folder)
    return folder


@pytest.fixture(scope="session", params=["default", "rate-limit"])
def tls_emulator(certificates, request):
    extra = ["--rate-limit", "true"] if request.param == "rate-limit" else []
    server = Emulator("--tls-cert", str(certificates / "server.pem"), "--tls-key", str(certificates / "server.key"), *extra)
    assert server.url.startswith("https://")
    yield server
    server.stop()
