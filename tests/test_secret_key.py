"""The public placeholder key of compose.yaml is for trials: a warning over plain HTTP, a
refusal to start over HTTPS (where real users log in)."""

import logging

import pytest

from reporting import config


def test_the_placeholder_key_is_refused_over_https(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "CHANGE-ME-public-placeholder-not-a-secret")
    monkeypatch.setenv("ORT_HTTPS", "1")
    with pytest.raises(RuntimeError, match="placeholder"):
        config.load_config(tmp_path)


def test_the_placeholder_key_warns_on_a_trial(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("SECRET_KEY", "CHANGE-ME-public-placeholder-not-a-secret")
    monkeypatch.setenv("ORT_HTTPS", "0")
    with caplog.at_level(logging.WARNING, logger="reporting.config"):
        settings = config.load_config(tmp_path)
    assert settings["SECRET_KEY"].startswith(config.PLACEHOLDER_KEY)
    assert any("placeholder" in r.getMessage() for r in caplog.records)


def test_a_real_key_is_taken_silently(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("SECRET_KEY", "5f2b" * 16)
    monkeypatch.setenv("ORT_HTTPS", "1")
    with caplog.at_level(logging.WARNING, logger="reporting.config"):
        assert config.load_config(tmp_path)["SECRET_KEY"] == "5f2b" * 16
    assert not caplog.records
