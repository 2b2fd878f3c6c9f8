"""Readiness for the load balancer, and the one HTTPS switch."""

from pathlib import Path

from reporting import config as config_module


def test_ready_when_the_database_queue_and_attachment_store_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json == {
        "status": "ready",
        "checks": {"database": "ok", "queue": "ok", "rate_limits": "ok", "attachments": "ok"},
    }


def test_not_ready_when_the_attachment_store_cannot_be_written(client, app, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setitem(app.config, "ORT_ATTACHMENT_DIR", str(blocker / "attachments"))
    response = client.get("/readyz")
    assert response.status_code == 503 and response.headers["Retry-After"] == "10"
    assert response.json["checks"]["attachments"] == "unavailable"
    assert response.json["checks"]["database"] == "ok"


def test_not_ready_when_the_broker_or_redis_does_not_answer(client, app, monkeypatch):
    celery = app.extensions["celery"]
    monkeypatch.setattr(celery.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(app.config, "RATELIMIT_STORAGE_URI", "redis://127.0.0.1:1/0")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["queue"] == "unavailable"
    assert response.json["checks"]["rate_limits"] == "unavailable"


def test_https_is_one_switch_secure_cookies_https_links_and_hsts(client, app, monkeypatch):
    monkeypatch.setenv("ORT_HTTPS", "1")
    settings = config_module.load_config(Path(app.instance_path))
    assert settings["SESSION_COOKIE_SECURE"] and settings["REMEMBER_COOKIE_SECURE"]
    assert settings["PREFERRED_URL_SCHEME"] == "https" and settings["ORT_HTTPS"]
    assert "Strict-Transport-Security" not in client.get("/login").headers
    monkeypatch.setitem(app.config, "ORT_HTTPS", True)
    for path in ("/login", "/api/v1/cycles"):
        assert client.get(path).headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_without_the_switch_cookies_may_travel_over_http(app, monkeypatch):
    monkeypatch.delenv("ORT_HTTPS", raising=False)
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    settings = config_module.load_config(Path(app.instance_path))
    assert not settings["SESSION_COOKIE_SECURE"] and settings["PREFERRED_URL_SCHEME"] == "http"
