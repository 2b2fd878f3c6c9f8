"""Helpers of the PDF tests: reading PDFs back (pages, text layer, comparisons that ignore
how lines were broken and how Arabic was shaped), and requests as a given user."""

import html
import re
import shutil
import subprocess
import unicodedata
from io import BytesIO

import pytest
from flask import g
from pypdf import PdfReader

from reporting.auth.sessions import session_values


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-"), "not a PDF"
    return PdfReader(BytesIO(data), strict=True)


def text_of(data: bytes, layout: bool = False) -> str:
    """The text layer of every page (`layout`: keep table rows on one line)."""
    mode = {"extraction_mode": "layout"} if layout else {}
    return "\n".join(page.extract_text(**mode) for page in read(data).pages)


def poppler_text(data: bytes) -> str:
    """The text layer as poppler's pdftotext reads it. For Arabic mixed with digits it is
    the reliable reader: pypdf 6 drops the digits and the words beside them."""
    _require_poppler()
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def _require_poppler() -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: install poppler-utils (.ci/run does)")


def squeeze(text: str) -> str:
    """Compatibility forms folded (Arabic presentation forms -> letters), no white space
    or directional marks: a phrase is found whatever line it was wrapped onto."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if not c.isspace() and unicodedata.category(c) != "Cf")


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>'
)


def words(data: bytes, page: int) -> list[tuple[str, float, float, float]]:
    """(text as drawn, x min, y min, x max) of every word of a page, by poppler: the
    glyphs of a word in the order they are drawn, left to right."""
    _require_poppler()
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [
        (html.unescape(m[4]), float(m[1]), float(m[2]), float(m[3])) for m in _WORD.finditer(out)
    ]


def contains(layer: str, expected: str) -> bool:
    return squeeze(expected) in squeeze(layer)


def login(client, user) -> None:
    with client.session_transaction() as session:
        session.update(session_values(user))


def get(client, url: str, user=None):
    """GET as `user` (anonymous if None). The test's application context is shared with
    the client's requests, so Flask-Login's cached user is dropped first."""
    if user is not None:
        login(client, user)
    else:
        with client.session_transaction() as session:
            session.clear()
    g.pop("_login_user", None)
    return client.get(url)
