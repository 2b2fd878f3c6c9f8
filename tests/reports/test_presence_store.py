"""Where presence is kept: the public cache's backend under a prefix of its own, shared by
every worker of a host (files) or every host (Redis), never the database."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from flask import Flask
from flask_caching import Cache

from reporting.reports import presence


def _user(uid, name, party=1):
    return SimpleNamespace(id=uid, name=name, party_id=party)


def _worker(config):
    """A process of its own (an app with its own cache object) on the shared store."""
    app = Flask(__name__)
    store = Cache()
    store.init_app(app, config=presence.cache_config(config))
    return app, store


def _visit_as(worker, monkeypatch, user):
    app, store = worker
    monkeypatch.setattr(presence, "presence_cache", store)
    with app.app_context():
        return [v.name for v in presence.visit(1, "art1", user)]


def test_the_embedded_default_keeps_presence_in_files_beside_the_public_cache(tmp_path):
    settings = presence.cache_config(
        {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(tmp_path / "cache" / "public")}
    )
    assert settings["CACHE_TYPE"] == "FileSystemCache"
    assert settings["CACHE_DIR"] == str(tmp_path / "cache" / "presence")
    assert settings["CACHE_KEY_PREFIX"] == "ort-presence:"


def test_two_workers_of_a_host_share_presence_through_the_files(tmp_path, monkeypatch):
    config = {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(tmp_path / "public")}
    first, second = _worker(config), _worker(config)
    _visit_as(first, monkeypatch, _user(1, "Ana"))
    assert _visit_as(second, monkeypatch, _user(2, "Bea")) == ["Ana"]
    assert _visit_as(first, monkeypatch, _user(1, "Ana")) == ["Bea"]


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs TEST_REDIS_URL")
def test_two_hosts_share_presence_through_redis(monkeypatch):
    config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": os.environ["TEST_REDIS_URL"]}
    first, second = _worker(config), _worker(config)
    with first[0].app_context():
        first[1].delete("1:art1")
    _visit_as(first, monkeypatch, _user(1, "Ana"))
    assert _visit_as(second, monkeypatch, _user(2, "Bea")) == ["Ana"]
    assert _visit_as(second, monkeypatch, _user(3, "Other Party", party=2)) == []
    with first[0].app_context():
        first[1].delete("1:art1")
