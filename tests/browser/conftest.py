"""Fixtures for the real-browser tests: a Voilà server on 127.0.0.1 and Debian's headless Chromium.

Chromium is never downloaded: Playwright (its wheel carries the driver) launches the system
browser (``chromium`` on the PATH, as ``.ci/run`` installs it with apt). When it is absent the
tests skip locally with the reason, and fail in CI (``CI=true``), where they must run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "browser"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT_S = 90.0
BROWSER_LAUNCH_TIMEOUT_MS = 120_000


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _missing(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason} (CI=true: the browser test must run in CI)")
    pytest.skip(reason)


def chromium_executable() -> str | None:
    """The system Chromium: ``$JOURNEYKIT_CHROMIUM``, else ``chromium`` on the PATH, else None."""
    explicit = os.environ.get("JOURNEYKIT_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"the server exited with code {proc.returncode} before listening on port {port}:\n"
                + log.read_text(errors="replace")[-3000:]
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(
        f"the server did not listen on 127.0.0.1:{port} within {timeout:.0f} s:\n"
        + log.read_text(errors="replace")[-3000:]
    )


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture(scope="session")
def build_dir() -> Path:
    """``build/browser/`` (git-ignored): server logs and screenshots."""
    BUILD.mkdir(parents=True, exist_ok=True)
    return BUILD


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium_executable()
    if path is None:
        _missing("Chromium not found (install Debian's `chromium`, or set JOURNEYKIT_CHROMIUM)")
    return path  # type: ignore[return-value]


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    """A headless Chromium driven by Playwright (no browser download: the system executable)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Python package `playwright` is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=chromium_path,
            args=CHROMIUM_ARGS,
            headless=True,
            timeout=BROWSER_LAUNCH_TIMEOUT_MS,
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def voila_server(build_dir: Path) -> Iterator[Callable[[Path], str]]:
    """Start Voilà on a free 127.0.0.1 port for a notebook; returns the page URL.

    The server runs as a subprocess with the current interpreter (so the kernel sees this
    checkout of journeykit) and is always terminated when the test ends.
    """
    try:
        import voila  # noqa: F401
    except ImportError:
        _missing("Python package `voila` is not installed (pip install -e '.[test]')")
    procs: list[subprocess.Popen] = []
    logs = []

    def start(notebook: Path) -> str:
        port = free_port()
        log = build_dir / f"voila-{notebook.stem}-{port}.log"
        env = dict(os.environ)
        env.update(
            MPLBACKEND="Agg",
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
            TQDM_DISABLE="1",
        )
        handle = log.open("w")
        logs.append(handle)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "voila",
                str(notebook),
                f"--port={port}",
                "--no-browser",
                "--Voila.ip=127.0.0.1",
                "--VoilaConfiguration.show_tracebacks=True",
            ],
            cwd=notebook.parent,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        procs.append(proc)
        _wait_for_port(port, proc, log, SERVER_START_TIMEOUT_S)
        return f"http://127.0.0.1:{port}/"

    try:
        yield start
    finally:
        for proc in procs:
            _stop(proc)
        for handle in logs:
            handle.close()
