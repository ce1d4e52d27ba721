"""Runs the Ruby Octokit write suite (octokit_write_test.rb, minitest) on an emulator of its own."""

import os
import pathlib
import subprocess

from conftest import Emulator


def test_octokit_write_suite():
    server = Emulator()
    try:
        result = subprocess.run(
            ["ruby", str(pathlib.Path(__file__).with_name("octokit_write_test.rb"))],
            env={**os.environ, "EMULATOR_URL": server.url}, capture_output=True, text=True, timeout=120,
        )
    finally:
        server.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 runs" in result.stdout and " 0 failures, 0 errors" in result.stdout, result.stdout
