"""Static files under fingerprinted names, with flask-static-digest.

`flask digest compile` (run by `flask ort init`, and by the tests' set-up) writes a copy
of every file in reporting/static under a name with its MD5 (`css/ort-<md5>.css`) and a
manifest; templates link with `static_url_for('static', filename=...)`, which gives the
fingerprinted name once the manifest exists (the plain name before). A fingerprinted URL
never changes content, so browsers keep it a year without asking again (`immutable`); a
plain static URL is kept five minutes, then revalidated (ETag). The copies are build
products, never committed (.gitignore).
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask, request
from flask_static_digest import FlaskStaticDigest
from flask_static_digest.digester import DIGESTED_FILE_REGEX
from flask_static_digest.digester import compile as _compile

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300, must-revalidate"
_DIGESTED = re.compile(DIGESTED_FILE_REGEX + r"(\.[\w.]+)?$")


def init_static(app: Flask) -> None:
    """Fingerprinted URLs in templates and the static files' caching headers."""
    # Compressed when served (reporting.web.compression): no .gz/.br copies on disk.
    app.config.setdefault("FLASK_STATIC_DIGEST_COMPRESSION", [])
    FlaskStaticDigest(app)
    app.after_request(_cache_headers)


def compile_static(static_folder: str | Path, blacklist: list[str] | None = None) -> None:
    """Write the fingerprinted copies and the manifest into `static_folder` (idempotent)."""
    folder = str(Path(static_folder)) + "/"
    _compile(folder, folder, blacklist or [], False, False)


def try_compile_static(static_folder: str | Path) -> str | None:
    """`compile_static`, or why it could not (a read-only code folder, as in some images):
    the app still works, linking the plain names."""
    try:
        compile_static(static_folder)
    except OSError as exc:
        return (
            f"the fingerprinted static files could not be written ({exc}); pages link the "
            f"plain names (kept five minutes). Run `flask digest compile` where the code "
            f"folder is writable, e.g. when building the image."
        )
    return None


def is_digested(filename: str) -> bool:
    return bool(_DIGESTED.search(filename.rsplit("/", 1)[-1]))


def _cache_headers(response):
    if request.endpoint != "static" or response.status_code not in (200, 206, 304):
        return response
    filename = (request.view_args or {}).get("filename", "")
    response.headers["Cache-Control"] = IMMUTABLE if is_digested(filename) else SHORT
    return response
