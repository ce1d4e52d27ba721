"""Starts the real emulator (the built executable) for the client tests: one over HTTP and,
for gh, one over HTTPS with a throwaway CA."""

import os
import pathlib
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


class Emulator:
    def __init__(self, *extra_args):
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

    def stop(self):
        self.process.terminate()
        assert self.process.wait(timeout=10) == 0


@pytest.fixture(scope="session")
def emulator():
    server = Emulator()
    yield server
    server.stop()


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


@pytest.fixture(scope="session")
def tls_emulator(certificates):
    server = Emulator("--tls-cert", str(certificates / "server.pem"), "--tls-key", str(certificates / "server.key"))
    assert server.url.startswith("https://")
    yield server
    server.stop()
