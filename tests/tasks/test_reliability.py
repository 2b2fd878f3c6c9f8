"""A task survives its worker being killed: acknowledged late, it goes back to the queue
and runs to the end. On the embedded broker, a killed pool process is detected by the
worker (`task_reject_on_worker_lost`); on Redis, a whole worker killed (nothing left to
give the message back) is covered by the visibility timeout: another worker takes it."""

import os
import signal
import uuid

import pytest
from celery import Celery

from .conftest import wait_for
from .workers import Worker


def _first_run_pid(marker, worker):
    return int(wait_for(lambda: marker.exists() and marker.read_text().split(), worker)[0])


def test_a_task_whose_pool_process_is_killed_runs_again_to_the_end(worker, tasks_app, tmp_path):
    marker = tmp_path / "nap"
    result = tasks_app.extensions["celery"].send_task("tests.tasks.nap", args=[str(marker), 60])
    pid = _first_run_pid(marker, worker)
    assert pid != worker.process.pid  # the pool process, not the worker itself
    os.kill(pid, signal.SIGKILL)
    assert result.get(timeout=30) == 2  # redelivered, and this time it finished
    assert len(marker.read_text().split()) == 2


@pytest.fixture
def redis_url():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (.ci/run sets it)")
    return url


def test_on_redis_a_task_whose_worker_is_killed_is_done_by_the_next_worker(
    redis_url, worker_env, tasks_app, tmp_path
):
    env = {
        **worker_env,
        "ORT_BROKER_URL": redis_url,
        "ORT_RESULT_BACKEND": redis_url,
        "ORT_TASK_QUEUE": f"ort-test-{uuid.uuid4().hex[:12]}",
        "ORT_TASK_VISIBILITY_TIMEOUT": "2",
    }
    sender = Celery("sender", broker=redis_url, backend=redis_url, set_as_current=False)
    sender.conf.update(
        task_default_queue=env["ORT_TASK_QUEUE"],
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        broker_transport_options={"visibility_timeout": 2},
    )
    marker = tmp_path / "nap"
    first = Worker(env, tmp_path, pool="solo").start()
    try:
        result = sender.send_task("tests.tasks.nap", args=[str(marker), 60])
        assert _first_run_pid(marker, first) == first.process.pid
        first.kill()  # the whole worker: it cannot give the message back
    finally:
        first.stop()
    second = Worker(env, tmp_path, pool="solo").start()
    try:
        assert result.get(timeout=30) == 2
        assert len(marker.read_text().split()) == 2
    finally:
        second.stop()
        sender.close()
