"""compose.yaml's services, run as Docker would run them but on this machine: the init's
command first, then the app's, the worker's and the scheduler's command lines, each with
the image's and its service's environment (volumes become shared temporary folders), on
the test's Redis and a fresh database. The instance must serve its demo data, be ready,
take a log-in, run a task on the worker, and stop cleanly.
"""

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from .deployfiles import ROOT, ContainerPaths, command, environment, load_compose, load_dockerfile

CODE_DIR = "/app"
#: Seconds the services get to be ready, serve and run a task after the init (about 10
#: on an idle machine of 2 cores; more when other work shares it).
STARTUP_SECONDS = 60


@pytest.fixture
def redis_url():
    import redis

    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("Redis is unreachable: TEST_REDIS_URL is not set (compose runs Redis 7)")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis is unreachable at {url}: {exc}")
    return url


@pytest.fixture
def deployment_database(tmp_path):
    """A fresh PostgreSQL database when the tests run on PostgreSQL, else an SQLite file
    on a folder every service shares (compose runs PostgreSQL; the app runs on both)."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'volumes' / 'database' / 'ort.sqlite3'}"
        return
    import psycopg

    name = f"ort_deploy_{uuid.uuid4().hex[:12]}"
    server = urllib.parse.urlsplit(url.replace("postgresql+psycopg", "postgresql"))
    admin = server._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield server._replace(scheme="postgresql", path=f"/{name}").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _service_env(name, service, root, overrides):
    """What the container's process would see: the image's ENV, then the service's
    environment, its paths mapped onto `root`; then the test's database, Redis and port."""
    paths = ContainerPaths(root, name, service, CODE_DIR)
    image_env = load_dockerfile().env()
    image_env["PATH"] = f"{Path(sys.executable).parent}:{os.environ['PATH']}"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ORT_", "MAIL_", "GUNICORN_", "CACHE_", "RATELIMIT_"))
        and key
        not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "PORT", "HOST", "WORKERS", "FLASK_APP")
    }
    env.update({k: paths.map(v) for k, v in image_env.items() if k != "PATH"})
    env["PATH"] = image_env["PATH"]
    env.update({k: paths.map(v) for k, v in environment(service).items()})
    env.update(overrides)
    for key in ("ORT_INSTANCE_PATH", "ORT_ATTACHMENT_DIR", "ORT_JOB_DIR"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    if env["DATABASE_URL"].startswith("sqlite:///"):
        Path(env["DATABASE_URL"].removeprefix("sqlite:///")).parent.mkdir(exist_ok=True)
    return env, [paths.map(part) for part in command(service)]


def _wait_for(check, what, deadline, processes):
    while time.monotonic() < deadline:
        for name, (process, log) in processes.items():
            if process.poll() is not None:
                pytest.fail(f"{name} exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        result = check()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def _get(opener, url):
    try:
        with opener.open(url, timeout=5) as response:
            return response.status, response.geturl(), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode()
    except OSError:
        return None, url, ""


def _forget_queue(redis_url, queue):
    """Kombu's keys of this test's queue (its bindings outlive the workers)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"*{queue}*"))
    if keys:
        client.delete(*keys)
    client.close()


def test_the_compose_services_serve_a_working_instance(tmp_path, redis_url, deployment_database):
    services = load_compose()["services"]
    port = _free_port()
    overrides = {
        "DATABASE_URL": deployment_database,
        "REDIS_URL": redis_url,
        # One gunicorn process (compose runs 4): less start-up on 2 cores.
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": "1",
        # A queue of this test's own on the shared test Redis.
        "ORT_TASK_QUEUE": f"ort-deploy-{uuid.uuid4().hex[:8]}",
    }

    env, init = _service_env("init", services["init"], tmp_path, overrides)
    done = subprocess.run(init, cwd=ROOT, env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-3000:]
    password = re.search(r"password for all: (\S+)\)", done.stdout).group(1)
    assert "admin@ort.example" in done.stdout

    processes = {}
    try:
        for name in ("app", "worker", "scheduler"):
            env, cmd = _service_env(name, services[name], tmp_path, overrides)
            log = tmp_path / f"{name}.log"
            with log.open("w") as out:
                process = subprocess.Popen(
                    cmd,
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            processes[name] = (process, log)
        deadline = time.monotonic() + STARTUP_SECONDS
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        base = f"http://127.0.0.1:{port}"

        _, _, body = _wait_for(
            lambda: (r := _get(opener, f"{base}/readyz"))[0] == 200 and r,
            "/readyz",
            deadline,
            processes,
        )
        assert set(json.loads(body)["checks"].values()) == {"ok"}
        assert _get(opener, f"{base}/healthz")[0] == 200
        healthcheck = json.loads(load_dockerfile().all("HEALTHCHECK")[0].split(" CMD ", 1)[1])
        app_env = _service_env("app", services["app"], tmp_path, overrides)[0]
        assert subprocess.run(healthcheck, env=app_env, timeout=10).returncode == 0

        page = _get(opener, f"{base}/login")[2]
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {"csrf_token": token, "email": "admin@ort.example", "password": password}
        ).encode()
        with opener.open(f"{base}/login", data=form, timeout=10) as response:
            status, url, page = response.status, response.geturl(), response.read().decode()
        assert status == 200 and not url.endswith("/login")
        assert "Ada Admin" in page, "logged in as the demo admin"

        _wait_for(
            lambda: "ready." in processes["worker"][1].read_text(),
            "the worker",
            deadline,
            processes,
        )
        from celery import Celery

        client = Celery(broker=redis_url, backend=redis_url)
        try:
            result = client.send_task(
                "reporting.tasks.jobs.remove_expired_files", queue=overrides["ORT_TASK_QUEUE"]
            )
            assert result.get(timeout=max(1, deadline - time.monotonic())) == 0
            result.forget()
        finally:
            client.close()
        _wait_for(
            lambda: "beat: Starting" in processes["scheduler"][1].read_text(),
            "the scheduler",
            deadline,
            processes,
        )
    finally:
        for process, _ in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for name, (process, log) in processes.items():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                pytest.fail(f"{name} did not stop on SIGTERM:\n{log.read_text()[-3000:]}")
        _forget_queue(redis_url, overrides["ORT_TASK_QUEUE"])
    for name, (process, log) in processes.items():
        assert process.returncode == 0, f"{name}: {log.read_text()[-3000:]}"
    assert not (ROOT / "celerybeat-schedule").exists(), "nothing is written into the code"
    assert (
        subprocess.run(healthcheck, env=app_env, capture_output=True, timeout=10).returncode != 0
    ), "unhealthy once the app has stopped"
