"""Runs the Ruby Octokit suite (octokit_test.rb, minitest) against the emulator."""

import pathlib
import subprocess


def test_octokit_suite(either_emulator):
    result = subprocess.run(
        ["ruby", str(pathlib.Path(__file__).with_name("octokit_test.rb"))],
        env={"EMULATOR_URL": either_emulator.url, "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120,
    )
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failures, 0 errors" in result.stdout
