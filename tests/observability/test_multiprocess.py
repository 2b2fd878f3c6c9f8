"""Under gunicorn (several processes) a scrape adds up every process's values, read from
PROMETHEUS_MULTIPROC_DIR; gunicorn.conf.py sets the folder and tells it of dead workers."""

from __future__ import annotations

import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from reporting.observability.metrics import app_registry

from .conftest import TOKEN

ROOT = Path(__file__).resolve().parents[2]
WRITE = """
from reporting.observability import metrics
metrics.record_request("health.healthz", "GET", 200, 0.02)
metrics.record_task("tests.observability.say", "SUCCESS", 1.5)
"""


def _write_from_a_process(folder: Path) -> None:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    subprocess.run([sys.executable, "-c", WRITE], cwd=ROOT, env=env, check=True, timeout=60)


def test_a_scrape_adds_up_the_values_of_every_process(tmp_path):
    _write_from_a_process(tmp_path)
    _write_from_a_process(tmp_path)
    registry = app_registry(str(tmp_path))
    assert (
        registry.get_sample_value(
            "ort_http_requests_total", {"route": "health.healthz", "method": "GET", "status": "200"}
        )
        == 2
    )
    assert (
        registry.get_sample_value(
            "ort_task_duration_seconds_sum", {"task": "tests.observability.say", "state": "SUCCESS"}
        )
        == 3.0
    )


def test_metrics_read_the_folder_when_it_is_set(client, metrics_token, tmp_path, monkeypatch):
    _write_from_a_process(tmp_path)
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    text = client.get("/metrics", headers={"Authorization": f"Bearer {metrics_token}"}).text
    assert (
        'ort_task_duration_seconds_count{state="SUCCESS",task="tests.observability.say"} 1.0'
        in text
    )
    assert "ort_task_queue_length" in text  # the queue is asked at scrape time all the same


def test_gunicorn_gives_its_workers_the_folder_and_forgets_dead_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert f"PROMETHEUS_MULTIPROC_DIR={tmp_path}" in settings["raw_env"]
    live = tmp_path / "gauge_livesum_4242.db"
    live.write_bytes(b"")
    settings["child_exit"](None, type("Worker", (), {"pid": 4242})())
    assert not live.exists()


def test_gunicorn_with_two_workers_counts_every_request(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tmp_path / "metrics"
    env = {
        **os.environ,
        "PORT": str(port),
        "WORKERS": "2",
        "ORT_INSTANCE_PATH": str(tmp_path),
        "ORT_METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(folder),
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
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
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/static/css/ort.css", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        for _ in range(20):
            urllib.request.urlopen(f"{base}/healthz", timeout=30).read()
        scrape = urllib.request.Request(
            f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
        )
        text = urllib.request.urlopen(scrape, timeout=10).read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert 'ort_http_requests_total{method="GET",route="health.healthz",status="200"} 20.0' in text
    assert list(folder.glob("counter_*.db"))  # the workers wrote there, not in memory
