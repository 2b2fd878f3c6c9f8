"""Configuration read from the environment, with safe embedded defaults.

The process keeps no state of its own: the database (SQLite by default, PostgreSQL
via DATABASE_URL), the attachment store and the rate-limit storage are all external.
"""

import logging
import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{instance_path / 'ort.sqlite3'}"
    # Heroku-style URLs name the driver-less scheme; we use psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


#: How compose.yaml's trial key begins: a key anyone can read, refused over HTTPS.
PLACEHOLDER_KEY = "CHANGE-ME"


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else one generated once into instance/.

    Every worker and host must share the key, so production sets SECRET_KEY; the
    embedded default keeps it in the instance folder so restarts keep sessions.
    """
    key = os.environ.get("SECRET_KEY")
    if key and key.startswith(PLACEHOLDER_KEY):
        if _https():
            raise RuntimeError(
                "SECRET_KEY is the public placeholder of compose.yaml: set a "
                "long random SECRET_KEY (docs/operations.md) before serving "
                "over HTTPS."
            )
        logging.getLogger(__name__).warning(
            "SECRET_KEY is the public placeholder of compose.yaml: fine for a trial, never "
            "for real data (anyone could forge sessions). Set a long random SECRET_KEY."
        )
    if key:
        return key
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def _task_queue(instance_path: Path, database_url: str) -> dict:
    """Where tasks wait and where their results go (see docs/architecture.md).

    `REDIS_URL` (production: any number of workers on any hosts); else, with no server to
    install, Kombu's SQLAlchemy transport and Celery's database result backend: on
    PostgreSQL the app's own database, on SQLite a sibling file `instance/queue.sqlite3`
    (the broker polls with BEGIN IMMEDIATE, which would queue behind the app's writers in
    the app's file, and its tables stay out of the app's migrations).
    `ORT_BROKER_URL` and `ORT_RESULT_BACKEND` name others explicitly.
    """
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        broker, results = redis_url, redis_url
    elif database_url.startswith("postgresql"):
        broker, results = f"sqla+{database_url}", f"db+{database_url}"
    else:
        queue_file = instance_path / "queue.sqlite3"
        broker, results = f"sqla+sqlite:///{queue_file}", f"db+sqlite:///{queue_file}"
    return {
        "broker_url": os.environ.get("ORT_BROKER_URL") or broker,
        "result_backend": os.environ.get("ORT_RESULT_BACKEND") or results,
        #: One queue name per deployment, so that two deployments can share one Redis.
        "task_default_queue": os.environ.get("ORT_TASK_QUEUE", "ort"),
        #: Redis only: an unacknowledged task (its worker died) goes back to the queue
        #: after this many seconds.
        "visibility_timeout": int(os.environ.get("ORT_TASK_VISIBILITY_TIMEOUT", 3600)),
    }


def _https() -> bool:
    return os.environ.get("ORT_HTTPS", "0") == "1"


def load_config(instance_path: Path) -> dict:
    database_url = _database_url(instance_path)
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Behind HTTPS (one switch): secure cookies, https links, HSTS (reporting.web.common).
        "ORT_HTTPS": _https(),
        "PREFERRED_URL_SCHEME": "https" if _https() else "http",
        "SESSION_COOKIE_SECURE": _https() or os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        "REMEMBER_COOKIE_SECURE": _https(),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "ORT_LANGUAGES": ["en", "fr", "es", "ru", "zh", "ar"],
        "ORT_ATTACHMENT_DIR": os.environ.get(
            "ORT_ATTACHMENT_DIR", str(instance_path / "attachments")
        ),
        "ORT_MAX_ATTACHMENT_BYTES": int(
            os.environ.get("ORT_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)
        ),
        "ORT_MAX_REPORT_ATTACHMENTS": int(os.environ.get("ORT_MAX_REPORT_ATTACHMENTS", 50)),
        "ORT_MAX_REPORT_ATTACHMENT_BYTES": int(
            os.environ.get("ORT_MAX_REPORT_ATTACHMENT_BYTES", 100 * 1024 * 1024)
        ),
        #: Offline workbooks uploaded back: the file's size and its cells (all sheets).
        "ORT_OFFLINE_MAX_BYTES": int(os.environ.get("ORT_OFFLINE_MAX_BYTES", 10 * 1024 * 1024)),
        "ORT_OFFLINE_MAX_CELLS": int(os.environ.get("ORT_OFFLINE_MAX_CELLS", 200_000)),
        "MAX_CONTENT_LENGTH": int(os.environ.get("ORT_MAX_REQUEST_BYTES", 25 * 1024 * 1024)),
        # Shared by every worker and host when Redis is there (else per process).
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI")
        or os.environ.get("REDIS_URL")
        or "memory://",
        "ORT_COMPRESSION": os.environ.get("ORT_COMPRESSION", "1") != "0",
        "ORT_TRUSTED_PROXIES": int(os.environ.get("ORT_TRUSTED_PROXIES", "0")),
        "ORT_SESSION_IDLE_MINUTES": int(os.environ.get("ORT_SESSION_IDLE_MINUTES", "120")),
        "ORT_SESSION_MAX_HOURS": float(os.environ.get("ORT_SESSION_MAX_HOURS", "12")),
        "ORT_RESET_LINK_MAX_AGE": int(os.environ.get("ORT_RESET_LINK_MAX_AGE", 2 * 3600)),
        "ORT_INVITATION_LINK_MAX_AGE": int(
            os.environ.get("ORT_INVITATION_LINK_MAX_AGE", 24 * 3600)
        ),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER"),
        #: Mail delivery through the task queue: retries of a transient SMTP failure,
        #: the first delay in seconds (doubled each time, with jitter) and the longest.
        "ORT_MAIL_MAX_RETRIES": int(os.environ.get("ORT_MAIL_MAX_RETRIES", 6)),
        "ORT_MAIL_RETRY_BACKOFF": int(os.environ.get("ORT_MAIL_RETRY_BACKOFF", 30)),
        "ORT_MAIL_RETRY_BACKOFF_MAX": int(os.environ.get("ORT_MAIL_RETRY_BACKOFF_MAX", 3600)),
        "TASK_QUEUE": _task_queue(instance_path, database_url),
        #: Jobs (exports, PDF bundles): where their files are kept (a volume shared by
        #: every worker and web host), for how long, and how often progress is written.
        "ORT_JOB_DIR": os.environ.get("ORT_JOB_DIR", str(instance_path / "jobs")),
        "ORT_JOB_RETENTION_HOURS": float(os.environ.get("ORT_JOB_RETENTION_HOURS", 72)),
        "ORT_JOB_PROGRESS_EVERY": int(os.environ.get("ORT_JOB_PROGRESS_EVERY", 500)),
        **_public_cache(instance_path),
        #: Logs: `json` lines (the default outside debug and testing) or `text`; the level.
        "ORT_LOG_FORMAT": os.environ.get("ORT_LOG_FORMAT"),
        "ORT_LOG_LEVEL": os.environ.get("ORT_LOG_LEVEL", "INFO"),
        #: The bearer token of the Prometheus scrape of /metrics (unset: admins only).
        "ORT_METRICS_TOKEN": os.environ.get("ORT_METRICS_TOKEN"),
        #: The licence the public dashboard states for published data.
        "ORT_OPEN_DATA_LICENCE": os.environ.get("ORT_OPEN_DATA_LICENCE", "CC BY 4.0"),
        "ORT_OPEN_DATA_LICENCE_URL": os.environ.get(
            "ORT_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
        ),
    }


def _public_cache(instance_path: Path) -> dict:
    """Where the public dashboard keeps what it computed for the current publication state:
    Redis with `REDIS_URL` (shared by every worker and host); else files in the instance
    folder (shared by the workers of the one host of the embedded default)."""
    redis_url = os.environ.get("CACHE_REDIS_URL") or os.environ.get("REDIS_URL")
    common = {
        "CACHE_DEFAULT_TIMEOUT": int(os.environ.get("ORT_PUBLIC_CACHE_SECONDS", 86400)),
        #: How long a process trusts the publication state it read (seconds).
        "ORT_PUBLIC_STAMP_SECONDS": float(os.environ.get("ORT_PUBLIC_STAMP_SECONDS", 2)),
        "CACHE_KEY_PREFIX": "ort-public:",
    }
    if redis_url:
        return {**common, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url}
    return {
        **common,
        "CACHE_TYPE": "FileSystemCache",
        "CACHE_THRESHOLD": 20000,
        "CACHE_DIR": str(instance_path / "cache" / "public"),
    }
