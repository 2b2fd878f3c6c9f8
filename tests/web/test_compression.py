"""Compression everywhere: pages, CSS, JS and the API's JSON come back brotli or gzip
(as the client asks) and decompress to the very bytes sent uncompressed; PDFs and
workbooks, compressed already, go out as they are; every answer says `Vary:
Accept-Encoding`."""

import gzip
import re
from pathlib import Path

import brotli
import pytest

from reporting import create_app
from reporting.api.clients import create_client
from reporting.extensions import db as _db
from tests.exports.factories import focal_point_of, make_report

from .helpers import login

DECODE = {"gzip": gzip.decompress, "br": brotli.decompress}
#: The parts of a page that differ between two requests: the CSRF tokens (signed with the
#: time, a new value each second), in forms and for the page's scripts (data-csrf).
CSRF = re.compile(rb'(?:name="csrf_token"[^>]*? value|data-csrf)="[^"]*"')


@pytest.fixture
def draft(request_ctx, full_cycle):
    report = make_report("MEX", full_cycle, "draft", seed=3)
    _db.session.commit()
    return report


def _both(client, url, encoding, **kwargs):
    """The body sent with `encoding` accepted, and the body sent with nothing accepted."""
    with client.get(
        url, headers={**kwargs.get("headers", {}), "Accept-Encoding": encoding}
    ) as packed:
        packed_body, packed_headers = packed.get_data(), packed.headers
        assert packed.status_code == 200, url
    with client.get(url, headers=kwargs.get("headers", {})) as plain:
        plain_body, plain_headers = plain.get_data(), plain.headers
    assert "Content-Encoding" not in plain_headers
    return packed_headers, packed_body, plain_body


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_an_article_page_is_compressed(client, draft, encoding):
    login(client, focal_point_of(draft.party))
    headers, packed, plain = _both(client, f"/reports/{draft.id}/pages/art3", encoding)
    assert headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in headers["Vary"]
    assert CSRF.sub(b"", DECODE[encoding](packed)) == CSRF.sub(b"", plain)
    assert len(packed) * 4 < len(plain)


def test_brotli_is_preferred_when_both_are_accepted(client, draft):
    login(client, focal_point_of(draft.party))
    response = client.get(
        f"/reports/{draft.id}", headers={"Accept-Encoding": "gzip, deflate, br, zstd"}
    )
    assert response.headers["Content-Encoding"] == "br"


@pytest.mark.parametrize("encoding", ["gzip", "br"])
@pytest.mark.parametrize("path", ["css/ort.css", "js/ort.js", "secretariat/secretariat.css"])
def test_static_files_are_compressed(client, app, path, encoding):
    headers, packed, plain = _both(client, f"/static/{path}", encoding)
    assert headers["Content-Encoding"] == encoding
    assert DECODE[encoding](packed) == plain == (Path(app.static_folder) / path).read_bytes()


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_the_apis_json_is_compressed(client, request_ctx, encoding):
    _api_client, token = create_client("Data centre", "read:published")
    _db.session.commit()
    headers, packed, plain = _both(
        client, "/api/v1/openapi.json", encoding, headers={"Authorization": f"Bearer {token}"}
    )
    assert headers["Content-Encoding"] == encoding
    assert headers["Content-Type"].startswith("application/json")
    assert DECODE[encoding](packed) == plain


def test_pdfs_and_workbooks_are_not_compressed_again(client, draft, admin):
    login(client, admin)
    for url in (f"/reports/{draft.id}/pdf", "/secretariat/formats/minamata/2023.1.xlsx"):
        with client.get(url, headers={"Accept-Encoding": "gzip, br"}) as response:
            body = response.get_data()
            assert response.status_code == 200, url
            assert "Content-Encoding" not in response.headers, url
            assert body[:4] in (b"%PDF", b"PK\x03\x04"), url
            assert "Accept-Encoding" in response.headers["Vary"], url


def test_compression_can_be_turned_off(app):
    quiet = create_app({**app.config, "ORT_COMPRESSION": False})
    response = quiet.test_client().get(
        "/static/css/ort.css", headers={"Accept-Encoding": "gzip, br"}
    )
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    response.close()
