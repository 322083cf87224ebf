"""``make lab``: JupyterLab on the repository root, as root too (containers, workshop servers).

The test runs the Makefile's own target (not a copy of its command) with ``LAB_OPTS`` for a
private port and token, asks the real server for ``/api/contents`` and shuts it down.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(sys.prefix)
START_TIMEOUT_S = 120.0

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="`make` is not installed")


def _make(*args: str) -> list[str]:
    # -o: never rebuild the virtual environment from a test; VENV: the interpreter running pytest
    return [
        "make",
        "-s",
        "--no-print-directory",
        "-o",
        f"{VENV}/.journeykit-installed",
        f"VENV={VENV}",
        *args,
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_adds_allow_root_only_for_root_and_passes_lab_opts():
    out = subprocess.run(
        _make("-n", "lab", "LAB_OPTS=--no-browser --port=9999"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f'--ServerApp.root_dir="{ROOT}"' in out
    assert ("--allow-root" in out) == (os.geteuid() == 0)
    assert out.rstrip().endswith("--no-browser --port=9999")


def _get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - 127.0.0.1
        return json.load(response)


def test_make_lab_serves_lessons_and_exercises_from_the_repository_root(tmp_path):
    port, token = _free_port(), secrets.token_hex(16)
    opts = (
        f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
        f"--ServerApp.port_retries=0 --IdentityProvider.token={token}"
    )
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp_path / "workspaces")
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        _make("lab", f"LAB_OPTS={opts}"),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: make and jupyter stop together
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT_S
        listing = None
        while listing is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    f"make lab did not serve on port {port} (exit {proc.poll()}):\n"
                    + (tmp_path / "lab.log").read_text(errors="replace")[-3000:]
                )
            try:
                listing = _get(f"{base}/api/contents", token)
            except OSError:
                time.sleep(0.5)
        names = {item["name"]: item["type"] for item in listing["content"]}
        assert names.get("notebooks") == "directory" and names.get("exercises") == "directory"
        lessons = {i["name"] for i in _get(f"{base}/api/contents/notebooks", token)["content"]}
        exercises = {i["name"] for i in _get(f"{base}/api/contents/exercises", token)["content"]}
        # a lesson's "Exercise" link (../exercises/NN_slug.ipynb) is inside the served root
        assert "05_measuring.ipynb" in lessons and "05_measuring.ipynb" in exercises
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        log.close()
