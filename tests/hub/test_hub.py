"""A real JupyterHub on 127.0.0.1 with two learner accounts, each running a lesson (marker ``hub``).

The hub is started from the configuration the workshop guide ships
(``docs/workshop/jupyterhub_config.py``) in its test mode: two learners, each with a home folder
holding a learner copy of the course (``journeykit workshop copy``, as nbgitpuller would put it
there). Through the hub's REST API and the proxy, the test starts both learners' servers, opens a
kernel in each and runs lesson 01 there with papermill, then reads the executed notebook back
through the learner's own contents API.

Needs ``jupyterhub`` (the test extra) and ``configurable-http-proxy`` (npm; ``.ci/run`` installs
it into ``.ci/node``). Outside CI the test skips when they are missing; in CI it fails.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.hub

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "docs" / "workshop" / "jupyterhub_config.py"
LEARNERS = ("ani", "budi")


def _proxy() -> str | None:
    local = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _need(thing: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{thing} is missing; .ci/run installs it")
    pytest.skip(f"{thing} is not installed")


def _api(base: str, token: str, path: str, method: str = "GET", body: object = None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", f"token {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=60) as resp:
        text = resp.read().decode()
        return resp.status, (json.loads(text) if text else None)


def _wait(what: str, ok, timeout: float = 120.0):
    end = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < end:
        try:
            value = ok()
            if value:
                return value
        except (urllib.error.URLError, ConnectionError, OSError) as err:
            last = err
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what} ({last})")


async def _run_code(ws_url: str, token: str, code: str, timeout: float = 300.0) -> tuple[str, str]:
    """Execute ``code`` in a kernel over the Jupyter websocket; return (status, stdout)."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    conn = await websocket_connect(
        HTTPRequest(ws_url, headers={"Authorization": f"token {token}"}, request_timeout=60)
    )
    msg_id = uuid.uuid4().hex
    conn.write_message(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": "trainer",
                    "session": uuid.uuid4().hex,
                    "msg_type": "execute_request",
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "content": {"code": code, "silent": False, "store_history": False},
                "channel": "shell",
                "buffers": [],
            }
        )
    )
    out: list[str] = []
    status, idle = None, False
    end = time.monotonic() + timeout
    while status is None or not idle:  # the reply (shell) and "idle" (iopub) both arrive
        remaining = end - time.monotonic()
        assert remaining > 0, "kernel did not answer in time"
        raw = await asyncio.wait_for(conn.read_message(), remaining)
        assert raw is not None, "websocket closed"
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["header"]["msg_type"]
        if kind == "stream":
            out.append(msg["content"]["text"])
        elif kind == "error":
            out.append("\n".join(msg["content"]["traceback"]))
        elif kind == "execute_reply":
            status = msg["content"]["status"]
        elif kind == "status":
            idle = msg["content"]["execution_state"] == "idle"
    conn.close()
    return status, "".join(out)


def _in_own_loop(coro):
    """Run ``coro`` on a fresh event loop in a thread: other tests (a kernel, a browser) may have
    left this thread's loop running, and asyncio.run refuses to nest."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture
def hub(tmp_path):
    pytest.importorskip("jupyterhub", reason="jupyterhub is not installed")
    proxy = _proxy()
    if proxy is None:
        _need("configurable-http-proxy")
    homes = tmp_path / "homes"
    for learner in LEARNERS:  # what an nbgitpuller link would have put there
        subprocess.run(
            [
                sys.executable,
                "-m",
                "journeykit",
                "workshop",
                "copy",
                "--out",
                str(homes / learner / "journeykit"),
                "--root",
                str(ROOT),
            ],
            check=True,
            capture_output=True,
        )
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        PATH=f"{Path(proxy).parent}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        JOURNEYKIT_HUB_TEST="1",
        JOURNEYKIT_HUB_USERS=",".join(LEARNERS),
        JOURNEYKIT_HUB_IP="127.0.0.1",
        JOURNEYKIT_HUB_PORT=str(port),
        JOURNEYKIT_HUB_INTERNAL_PORT=str(_free_port()),
        JOURNEYKIT_HUB_PROXY_API_PORT=str(_free_port()),
        JOURNEYKIT_HUB_TOKEN=token,
        JOURNEYKIT_HUB_STATE=str(tmp_path),
        JOURNEYKIT_HUB_HOMES=str(homes),
    )
    log = (tmp_path / "hub.log").open("w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("jupyterhub")), "-f", str(CONFIG)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait("the hub", lambda: _api(base, token, "/hub/api/")[0] == 200, timeout=60)
        yield base, token, homes
    finally:
        for learner in LEARNERS:
            with contextlib.suppress(Exception):  # best effort while tearing down
                _api(base, token, f"/hub/api/users/{learner}/server", method="DELETE")
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        if os.environ.get("JOURNEYKIT_HUB_LOG"):
            print((tmp_path / "hub.log").read_text())


def test_two_learners_each_run_a_lesson_on_one_hub(hub):
    base, token, homes = hub
    for learner in LEARNERS:
        status, _ = _api(base, token, f"/hub/api/users/{learner}/server", method="POST")
        assert status in (201, 202)
    for learner in LEARNERS:
        _wait(
            f"{learner}'s server",
            lambda learner=learner: (
                _api(base, token, f"/hub/api/users/{learner}")[1]["servers"]
                .get("", {})
                .get("ready")
            ),
        )
    for learner in LEARNERS:
        # the learner's own server sees the course in their home
        _, listing = _api(base, token, f"/user/{learner}/api/contents/journeykit/notebooks")
        names = {item["name"] for item in listing["content"]}
        assert "01_stage_models.ipynb" in names
        _, kernel = _api(base, token, f"/user/{learner}/api/kernels", method="POST", body={})
        ws = f"ws://127.0.0.1:{base.rsplit(':', 1)[1]}/user/{learner}/api/kernels/{kernel['id']}/channels"
        code = (
            "import papermill as pm\n"
            "nb = pm.execute_notebook('journeykit/notebooks/01_stage_models.ipynb',\n"
            "    'journeykit/notebooks/01_stage_models.run.ipynb', cwd='journeykit/notebooks',\n"
            f"    kernel_name='python3', progress_bar=False, parameters={{'lang': 'id', 'seed': {len(learner)}}})\n"
            "print('ran', len(nb.cells), 'cells')\n"
        )
        status, out = _in_own_loop(_run_code(ws, token, code))
        assert status == "ok", out
        assert "ran" in out and "cells" in out
        _, page = _api(
            base,
            token,
            f"/user/{learner}/api/contents/journeykit/notebooks/01_stage_models.run.ipynb",
        )
        executed = page["content"]
        errors = [
            o
            for c in executed["cells"]
            for o in c.get("outputs", [])
            if o.get("output_type") == "error"
        ]
        assert not errors
        injected = [
            c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])
        ]
        assert 'lang = "id"' in "".join(injected[0]["source"])
    # each learner's work lives in their own home only
    for learner in LEARNERS:
        assert (homes / learner / "journeykit" / "notebooks" / "01_stage_models.run.ipynb").exists()
