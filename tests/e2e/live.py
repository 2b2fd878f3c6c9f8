"""A live server for the browser tests: the app in its own process (`flask run`) on a
free port, with its own SQLite database and instance folder, set up through the CLI.

The test database is a transaction of the test process and cannot be shared, so each
browser test module builds its own instance with `set_up` (a Python script run once).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Variables of the test process that must not reach the live server.
PRIVATE = ("TEST_DATABASE", "MAIL_", "REDIS_URL", "ORT_BROKER", "ORT_RESULT")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def live_env(folder: Path, **extra: str) -> dict:
    """The environment of a live server (and its worker) in `folder`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(PRIVATE)}
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'e2e.sqlite3'}",
        ORT_INSTANCE_PATH=str(folder),
        SECRET_KEY="e2e",
        ORT_ATTACHMENT_DIR=str(folder / "files"),
        FLASK_APP="app",
        **extra,
    )
    return env


def set_up(env: dict, script: str, *args: str) -> None:
    """Run a set-up script (migrate, seed, users, demo data) in the server's environment."""
    subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


@contextlib.contextmanager
def live_server(env: dict):
    """Start the server, wait until /healthz answers, yield its base URL, stop it."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "flask", "run", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the live server did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
