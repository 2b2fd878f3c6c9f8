"""The save benchmark measures saves that write (issue 14): a smoke run on a tiny data set
against a real gunicorn, and proof that it refuses a run whose saves wrote nothing."""

import os
import socket

import pytest

from bench import save_throughput as bench


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("save-bench")
    url = f"sqlite:///{tmp}/bench.sqlite3"
    env = {**os.environ, "DATABASE_URL": url, "ORT_INSTANCE_PATH": str(tmp), "SECRET_KEY": "bench"}
    env.pop("REDIS_URL", None)
    bench.prepare(env, 2)
    port = _free_port()
    process = bench.serve(env, 1, port)
    yield f"http://127.0.0.1:{port}", url
    process.terminate()
    process.wait()


def test_a_short_run_reports_only_verified_saves(server):
    base, url = server
    result = bench.measure(base, url, clients=2, seconds=1)
    assert result["acknowledged"] > 0 and result["failed"] == 0
    assert result["saves"] > 0 and result["p95"] >= result["p50"] > 0


def test_a_save_that_writes_nothing_fails_the_run(server):
    base, url = server
    editor = bench.Editor(base, 0)
    editor.field = "q.art3.no_such_question-value"  # what the old benchmark did
    before = bench.audit_counts(url, [editor])
    assert editor.save()  # the server takes the page back unchanged...
    problems = bench.lost_saves(url, [editor], before)
    assert problems and "acknowledged" in problems[0]  # ...and the check says so


def test_an_acknowledged_save_is_found_in_the_database(server):
    base, url = server
    editor = bench.Editor(base, 1)
    before = bench.audit_counts(url, [editor])
    assert editor.save() and editor.save()
    assert bench.lost_saves(url, [editor], before) == []
