"""Compression of every text response, pages, CSS, JS, JSON and CSV alike: brotli when
the client accepts it (every current browser), else gzip. One setup for the whole app,
the API included.

Registered before any other `after_request` function, so it runs last (Flask runs them
last-first) and compresses the body every other hook has finished with.

Files that are compressed already (PDF, XLSX, ZIP, images) are not in the list:
compressing them again costs CPU and saves nothing. Streamed responses (the API's
exports, static files) are compressed as they go, with gzip too: most scripts accept
only gzip. `ORT_COMPRESSION=0` turns it off (a proxy in front that compresses, or the
benchmark's baseline).
"""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_compress import Compress

#: What is compressed (by media type); everything else goes out as it is.
MIMETYPES = [
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "text/plain",
    "text/csv",
    "application/json",
    "application/problem+json",
    "application/geo+json",
    "application/xml",
    "image/svg+xml",
]
ALGORITHMS = ["br", "gzip"]


def init_compression(app: Flask) -> None:
    """Compress the app's responses (nothing when `ORT_COMPRESSION` is off)."""
    if not app.config.get("ORT_COMPRESSION", True):
        return
    app.config.setdefault("COMPRESS_MIMETYPES", MIMETYPES)
    app.config.setdefault("COMPRESS_ALGORITHM", ALGORITHMS)
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ALGORITHMS)
    compress = Compress()
    compress.init_app(app)  # COMPRESS_REGISTER: its after_request, registered now
    app.extensions["ort_compress"] = compress
    app.after_request(_read_static_file)  # registered after: runs just before compression


def _read_static_file(response):
    """A static text file read into memory (the largest is a few KB): compressed whole,
    with its length, and its file closed with the response (compressed as a stream, the
    file would stay open until garbage collection)."""
    if (
        request.endpoint == "static"
        and response.status_code == 200
        and response.mimetype in current_app.config["COMPRESS_MIMETYPES"]
    ):
        response.direct_passthrough = False
        response.make_sequence()
    return response
