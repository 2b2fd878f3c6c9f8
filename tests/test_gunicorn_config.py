"""The gunicorn configuration that bin/run (and a deployment) uses serves the app."""

import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORT", "5123")
    monkeypatch.setenv("WORKERS", "3")
    monkeypatch.setenv("GUNICORN_WORKER_CLASS", "gthread")
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["bind"] == "127.0.0.1:5123"
    assert (settings["workers"], settings["worker_class"]) == (3, "gthread")
    assert settings["graceful_timeout"] > 0 and settings["max_requests_jitter"] > 0


def test_bin_run_serves_through_the_configuration_file():
    assert "-c gunicorn.conf.py" in (ROOT / "bin" / "run").read_text()


def test_gunicorn_serves_the_app_with_it_and_logs_each_request(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "PORT": str(port),
        "WORKERS": "1",
        "ORT_INSTANCE_PATH": str(tmp_path),
        "DATABASE_URL": "",
    }
    env.pop("DATABASE_URL")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--no-control-socket",
            "-c",
            "gunicorn.conf.py",
            "app:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        assert body == b'{"status":"ok"}\n'
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert '"GET /healthz HTTP/1.1" 200' in output and "ms " in output
