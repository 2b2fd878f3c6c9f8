"""HTTP done right: paging headers, ETags, compression, problem details, docs."""

import gzip
import re

import pytest

from reporting.api.problems import PROBLEM_TYPES


def links(response) -> dict[str, str]:
    return {
        rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers["Link"])
    }


def test_lists_are_paged_with_a_total_and_links(client, partner):
    first = client.get("/api/v1/parties?page_size=10&region=africa", headers=partner)
    total = int(first.headers["X-Total-Count"])
    assert total > 20 and len(first.get_json()) == 10
    rels = links(first)
    assert set(rels) == {"first", "next", "last"}
    assert "region=africa" in rels["next"] and "page=2" in rels["next"]
    last = client.get(rels["last"], headers=partner)
    pages = -(-total // 10)
    assert f"page={pages}" in rels["last"]
    assert len(last.get_json()) == total - 10 * (pages - 1)
    assert set(links(last)) == {"first", "prev", "last"}
    seen = []
    url = rels["first"]
    while url:
        page = client.get(url, headers=partner)
        seen += [p["iso3"] for p in page.get_json()]
        url = links(page).get("next")
    assert len(seen) == len(set(seen)) == total


def test_an_etag_answers_304_when_nothing_changed(client, partner):
    first = client.get("/api/v1/cycles", headers=partner)
    etag = first.headers["ETag"]
    again = client.get("/api/v1/cycles", headers={**partner, "If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    other = client.get("/api/v1/cycles?kind=full", headers={**partner, "If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag


def test_responses_are_gzipped_when_the_client_asks(client, partner):
    response = client.get(
        "/api/v1/formats/minamata/2023.1", headers={**partner, "Accept-Encoding": "gzip"}
    )
    assert response.headers["Content-Encoding"] == "gzip"
    plain = client.get("/api/v1/formats/minamata/2023.1", headers=partner)
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(response.data) == plain.data
    assert len(response.data) < len(plain.data) / 3


def problem(response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.data
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"]
    assert body["type"] == f"http://localhost/api/v1/problems/{slug}"
    return body


def test_errors_are_problem_details_with_a_stable_type(client, partner, webhook_token):
    problem(client.get("/api/v1/no-such-thing", headers=partner), 404, "not-found")
    problem(client.get("/api/v1/reports/999999", headers=partner), 404, "not-found")
    body = problem(client.get("/api/v1/parties?page=0", headers=partner), 422, "validation-error")
    assert "page" in body["errors"]["query"]
    body = problem(
        client.get("/api/v1/parties?colour=red", headers=partner), 422, "validation-error"
    )
    assert "colour" in body["errors"]["query"]
    response = client.delete("/api/v1/parties", headers=partner)
    problem(response, 405, "method-not-allowed")
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "HEAD"}
    hooks = {"Authorization": f"Bearer {webhook_token}"}
    problem(
        client.post(
            "/api/v1/webhooks", data="{not json", headers=hooks, content_type="application/json"
        ),
        400,
        "bad-request",
    )
    problem(client.get("/api/v1/changes?after=123456", headers=partner), 409, "cursor-ahead")


def test_integer_path_segments_are_bounded(client, partner):
    problem(client.get(f"/api/v1/reports/{2**63}", headers=partner), 404, "not-found")
    problem(client.get("/api/v1/reports/0", headers=partner), 404, "not-found")


def test_nul_characters_are_refused_before_reaching_the_database(client, partner):
    problem(client.get("/api/v1/reports?cycle=%00", headers=partner), 400, "bad-request")
    problem(client.get("/api/v1/cycles/a%00b", headers=partner), 404, "not-found")


@pytest.mark.parametrize("slug", sorted(PROBLEM_TYPES))
def test_every_problem_type_uri_resolves_to_its_description(client, slug):
    response = client.get(f"/api/v1/problems/{slug}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["type"] == f"http://localhost/api/v1/problems/{slug}"
    assert body["title"] and body["description"]


def test_web_pages_keep_their_own_error_pages(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_the_openapi_document_is_served_and_valid(client):
    from openapi_spec_validator import validate

    spec = client.get("/api/v1/openapi.json").get_json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    error = spec["components"]["responses"]["DEFAULT_ERROR"]["content"]
    assert list(error) == ["application/problem+json"]
    assert {"/api/v1/reports", "/api/v1/changes", "/api/v1/webhooks"} <= set(spec["paths"])


def test_the_docs_page_loads_only_local_assets(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/api/v1/docs/assets/") for s in sources)
    assert '"validatorUrl": null' in page
    for source in sources:
        with client.get(source) as asset:
            assert asset.status_code == 200 and len(asset.data) > 1000, source
