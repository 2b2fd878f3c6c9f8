"""Log records carry the request's context, each request ends with one access line, and
the JSON format writes them as one object a line."""

from __future__ import annotations

import json
import logging

import pytest
from flask import Flask

from reporting.observability.logs import init_logs, json_formatter

from ..web.helpers import login


def _access(caplog) -> logging.LogRecord:
    lines = [r for r in caplog.records if r.name == "reporting.access"]
    assert len(lines) == 1, [r.getMessage() for r in lines]
    return lines[0]


def test_a_request_ends_with_one_json_access_line(client, focal_point, caplog):
    login(client, focal_point)
    with caplog.at_level(logging.INFO, logger="reporting.access"):
        response = client.get("/", headers={"X-Request-Id": "req-json-1"})
    assert response.status_code == 200
    line = json.loads(json_formatter().format(_access(caplog)))
    assert line["timestamp"].startswith("20") and line["timestamp"].endswith("+00:00")
    assert (line["level"], line["logger"]) == ("INFO", "reporting.access")
    assert line["message"] == "GET home.index 200"
    assert line["request_id"] == "req-json-1"
    assert (line["user_id"], line["party"]) == (focal_point.id, "MEX")
    assert (line["route"], line["method"], line["status"]) == ("home.index", "GET", 200)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0


def test_an_anonymous_request_has_no_user_or_party(client, caplog):
    with caplog.at_level(logging.INFO, logger="reporting.access"):
        client.get("/healthz")
    line = json.loads(json_formatter().format(_access(caplog)))
    assert "user_id" not in line and "party" not in line
    assert line["route"] == "health.healthz" and line["status"] == 200


def test_a_staff_members_line_has_no_party(client, secretariat, caplog):
    login(client, secretariat)
    with caplog.at_level(logging.INFO, logger="reporting.access"):
        client.get("/secretariat/")
    record = _access(caplog)
    assert (record.user_id, record.party) == (secretariat.id, None)


def test_every_record_of_a_request_carries_its_id(app, client, monkeypatch, caplog):
    def noisy():
        logging.getLogger("reporting.somewhere").warning("something to say")
        return "ok"

    monkeypatch.setitem(app.view_functions, "health.healthz", noisy)
    with caplog.at_level(logging.INFO):
        response = client.get("/healthz")
    said = [r for r in caplog.records if r.getMessage() == "something to say"]
    assert said and said[0].request_id == response.headers["X-Request-Id"]
    assert said[0].route == "health.healthz"


def test_records_outside_a_request_have_no_request_fields(caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("reporting.cli").info("from the command line")
    line = json.loads(json_formatter().format(caplog.records[-1]))
    assert line["message"] == "from the command line"
    assert not {"request_id", "user_id", "route", "method"} & line.keys()


@pytest.fixture
def root_logging(app):
    """Leave the root logger as the session's app configured it."""
    root = logging.getLogger()
    level = root.level
    yield
    init_logs(app)
    root.setLevel(level)


@pytest.mark.parametrize(("fmt", "is_json"), [("json", True), ("text", False), (None, True)])
def test_the_format_and_level_come_from_the_configuration(root_logging, capsys, fmt, is_json):
    other = Flask("elsewhere")
    other.config.update(ORT_LOG_FORMAT=fmt, ORT_LOG_LEVEL="warning")
    init_logs(other)
    logging.getLogger("reporting.x").info("not shown")
    logging.getLogger("reporting.x").warning("shown")
    written = capsys.readouterr().err.strip().splitlines()
    assert len(written) == 1
    if is_json:
        assert json.loads(written[0])["message"] == "shown"
    else:
        assert written[0].endswith("WARNING reporting.x [None] shown")


def test_debug_and_testing_default_to_text(root_logging, capsys):
    other = Flask("elsewhere")
    other.testing = True
    init_logs(other)
    logging.getLogger("reporting.x").warning("plain")
    assert capsys.readouterr().err.strip().endswith("plain")
    with pytest.raises(json.JSONDecodeError):
        json.loads(capsys.readouterr().err or "x")


def test_a_request_that_commits_still_logs_the_users_party(
    app, client, focal_point, caplog, monkeypatch
):
    from flask_login import current_user

    from reporting.extensions import db

    def saves():
        current_user.name = "Ana Saved"  # the view never reads the user's Party
        db.session.commit()
        return "saved"

    monkeypatch.setitem(app.view_functions, "health.healthz", saves)
    login(client, focal_point)
    db.session.expire_all()  # the user is read by the request, its Party not loaded
    with caplog.at_level(logging.INFO, logger="reporting.access"):
        client.get("/healthz")
    record = _access(caplog)
    assert (record.user_id, record.party) == (focal_point.id, "MEX")
