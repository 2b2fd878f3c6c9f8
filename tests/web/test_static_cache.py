"""Fingerprinted static files (flask-static-digest): pages link `ort-<md5>.css`, served
with a year-long immutable cache; a file's new content is a new URL; plain or unknown
static URLs are kept briefly or not found, never an error. Pages with a Party's draft
data stay out of every cache."""

import hashlib
import json
import re
from pathlib import Path

import pytest

from reporting.extensions import db as _db
from reporting.web import static_files
from reporting.web.static_files import IMMUTABLE, SHORT, compile_static, is_digested
from tests.exports.factories import focal_point_of, make_report

from .helpers import login

LINK = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def _md5(app, path: str) -> str:
    return hashlib.md5((Path(app.static_folder) / path).read_bytes()).hexdigest()


@pytest.fixture
def draft_page(client, request_ctx, full_cycle):
    report = make_report("MEX", full_cycle, "draft", seed=3)
    _db.session.commit()
    login(client, focal_point_of(report.party))
    return client.get(f"/reports/{report.id}/pages/art3")


def test_a_page_links_its_css_and_js_by_their_content(app, draft_page):
    links = set(LINK.findall(draft_page.text))
    assert {
        f"/static/css/ort-{_md5(app, 'css/ort.css')}.css",
        f"/static/js/ort-{_md5(app, 'js/ort.js')}.js",
        # A report page's checks as typed and its list of problems.
        f"/static/css/checks-{_md5(app, 'css/checks.css')}.css",
        f"/static/js/checks-{_md5(app, 'js/checks.js')}.js",
        f"/static/css/history-{_md5(app, 'css/history.css')}.css",
        f"/static/js/history-{_md5(app, 'js/history.js')}.js",
    } <= links
    for link in links:  # and a page's own files (e.g. js/autosave.js) the same way
        folder, name, digest, ext = re.fullmatch(
            r"/static/(\w+)/([\w-]+?)-([0-9a-f]{32})\.(\w+)", link
        ).groups()
        assert digest == _md5(app, f"{folder}/{name}.{ext}")


def test_a_fingerprinted_file_is_cached_a_year_and_never_revalidated(app, client, draft_page):
    for url in LINK.findall(draft_page.text):
        with client.get(url) as response:
            assert response.status_code == 200, url
            assert response.headers["Cache-Control"] == IMMUTABLE, url
            plain = re.sub(r"-[0-9a-f]{32}", "", url.removeprefix("/static/"))
            assert response.get_data() == (Path(app.static_folder) / plain).read_bytes()


def test_a_plain_static_url_is_kept_briefly_then_revalidated(client):
    with client.get("/static/css/ort.css") as response:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == SHORT
        etag = response.headers["ETag"]
    with client.get("/static/css/ort.css", headers={"If-None-Match": etag}) as again:
        assert again.status_code == 304
        assert again.headers["Cache-Control"] == SHORT


@pytest.mark.parametrize(
    "url",
    [
        "/static/css/ort-" + "0" * 32 + ".css",
        "/static/css/ort-" + "f" * 31 + ".css",
        "/static/css/nothing-" + "a" * 32 + ".css",
    ],
)
def test_an_old_or_unknown_fingerprint_is_not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "immutable" not in response.headers.get("Cache-Control", "")


def test_the_pages_of_the_error_layout_link_fingerprinted_css(client, app):
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert f"/static/css/ort-{_md5(app, 'css/ort.css')}.css" in page.text


def test_new_content_gets_a_new_name(tmp_path):
    (tmp_path / "css").mkdir()
    source = tmp_path / "css" / "site.css"
    source.write_text("body { color: black }")
    compile_static(tmp_path)
    first = json.loads((tmp_path / "cache_manifest.json").read_text())["css/site.css"]
    assert first == f"css/site-{hashlib.md5(b'body { color: black }').hexdigest()}.css"
    assert (tmp_path / first).read_text() == "body { color: black }"
    source.write_text("body { color: navy }")
    compile_static(tmp_path)
    second = json.loads((tmp_path / "cache_manifest.json").read_text())["css/site.css"]
    assert second != first and (tmp_path / second).read_text() == "body { color: navy }"
    assert is_digested(second) and not is_digested("css/site.css")
    assert not list(tmp_path.rglob("*.gz")) and not list(tmp_path.rglob("*.br"))


def test_a_draft_reports_article_page_is_no_store(draft_page):
    assert draft_page.status_code == 200
    assert draft_page.cache_control.no_store


def test_a_read_only_static_folder_is_a_warning_not_a_failure(tmp_path, monkeypatch):
    def read_only(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(static_files, "_compile", read_only)
    problem = static_files.try_compile_static(tmp_path)
    assert "Permission denied" in problem and "flask digest compile" in problem
