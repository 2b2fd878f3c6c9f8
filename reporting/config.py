"""Configuration read from the environment, with safe embedded defaults.

The process keeps no state of its own: the database (SQLite by default, PostgreSQL
via DATABASE_URL), the attachment store and the rate-limit storage are all external.
"""
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
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else one generated once into instance/.

    Every worker and host must share the key, so production sets SECRET_KEY; the
    embedded default keeps it in the instance folder so restarts keep sessions.
    """
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def load_config(instance_path: Path) -> dict:
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "ORT_LANGUAGES": ["en", "fr", "es", "ru", "zh", "ar"],
        "ORT_ATTACHMENT_DIR": os.environ.get(
            "ORT_ATTACHMENT_DIR", str(instance_path / "attachments")
        ),
        "ORT_MAX_ATTACHMENT_BYTES": int(os.environ.get("ORT_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)),
        "ORT_MAX_REPORT_ATTACHMENTS": int(os.environ.get("ORT_MAX_REPORT_ATTACHMENTS", 50)),
        "ORT_MAX_REPORT_ATTACHMENT_BYTES": int(os.environ.get(
            "ORT_MAX_REPORT_ATTACHMENT_BYTES", 100 * 1024 * 1024)),
        "MAX_CONTENT_LENGTH": int(os.environ.get("ORT_MAX_REQUEST_BYTES", 25 * 1024 * 1024)),
        # Shared by every worker and host when Redis is there (else per process).
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI")
        or os.environ.get("REDIS_URL") or "memory://",
        "ORT_TRUSTED_PROXIES": int(os.environ.get("ORT_TRUSTED_PROXIES", "0")),
        "ORT_SESSION_IDLE_MINUTES": int(os.environ.get("ORT_SESSION_IDLE_MINUTES", "120")),
        "ORT_SESSION_MAX_HOURS": float(os.environ.get("ORT_SESSION_MAX_HOURS", "12")),
        "ORT_RESET_LINK_MAX_AGE": int(os.environ.get("ORT_RESET_LINK_MAX_AGE", 2 * 3600)),
        "ORT_INVITATION_LINK_MAX_AGE": int(os.environ.get("ORT_INVITATION_LINK_MAX_AGE", 24 * 3600)),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER"),
    }
