"""The open data page and its files: published reports only (never a confidential answer
or personal data), one set per cycle and one of every cycle, revalidated with an ETag,
and not written to the audit trail."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest
from flask_babel import force_locale, format_date
from sqlalchemy import func, select

from reporting.exports import ExportFilters, iter_long_rows
from reporting.models import AuditEvent
from reporting.public.views.open_data import FILES
from reporting.questionnaire import get_format

from .conftest import get

FULL, SHORT = "2025-full", "2023-short"
PUBLISHED_FULL = {"MEX", "CHN", "BRA"}


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))


def _texts(response) -> list[str]:
    """Every text a file holds: the file itself, or each member of a zip (XLSX, package)."""
    if response.data[:2] != b"PK":
        return [response.data.decode("utf-8")]
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        return [archive.read(name).decode("utf-8") for name in archive.namelist()]


def _every_file(client, lang="en"):
    for code in (FULL, SHORT, "all"):
        for name in FILES:
            yield f"{code}/{name}", _texts(get(client, f"/data/{lang}/open-data/{code}/{name}"))


def _row(html: str, code: str) -> str:
    match = re.search(rf'<tr id="cycle-{code}">(.*?)</tr>', html, re.S)
    assert match, code
    return match.group(1)


def test_the_page_lists_each_cycle_with_published_reports_and_its_files(client, world):
    html = get(client, "/data/en/open-data").data.decode()
    assert '<td class="num">3</td>' in _row(html, FULL)  # MEX, CHN, BRA (embargo over)
    assert '<td class="num">1</td>' in _row(html, SHORT)  # MEX (IND only submitted)
    assert '<td class="num">4</td>' in _row(html, "all")
    assert 'id="cycle-2021-full"' not in html  # nothing published in it
    for name in FILES:
        assert f'href="/data/en/open-data/{FULL}/{name}"' in html
        assert f'href="/data/en/open-data/all/{name}"' in html
    assert 'href="/api/v1/docs"' in html
    assert 'class="table-scroll" tabindex="0" role="region" aria-labelledby="files"' in html


def test_the_page_states_the_licence_and_a_citation_dated_in_its_language(
    client, world, app, monkeypatch
):
    monkeypatch.setitem(app.config, "ORT_OPEN_DATA_LICENCE", "ODbL 1.0")
    monkeypatch.setitem(
        app.config, "ORT_OPEN_DATA_LICENCE_URL", "https://opendatacommons.org/licenses/odbl/1-0/"
    )
    html = get(client, "/data/fr/open-data").data.decode()
    assert (
        '<a href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license">ODbL 1.0</a>'
        in html
    )
    latest = max(r.publish_after for r in (world["MEX full"], world["CHN full"], world["BRA full"]))
    with app.test_request_context("/"), force_locale("fr"):
        as_of = format_date(latest, "long")
    assert as_of in html and FULL in html
    assert "http://localhost/data/fr/open-data#cycle-2025-full" in html


def test_the_long_file_holds_published_reports_only(client, world):
    rows = _csv(get(client, f"/data/en/open-data/{FULL}/long.csv"))
    assert {row["party_iso3"] for row in rows} == PUBLISHED_FULL  # not KEN, FRA, DEU, JOR
    assert {row["status"] for row in rows} == {"accepted"}
    every = _csv(get(client, "/data/en/open-data/all/long.csv"))
    assert {(row["party_iso3"], row["cycle_code"]) for row in every} == {
        *((iso3, FULL) for iso3 in PUBLISHED_FULL),
        ("MEX", SHORT),
    }


def test_no_file_holds_a_confidential_answer(client, world):
    for url, texts in _every_file(client):
        for text in texts:
            assert not re.search(r"(?<![\d.])12\.5(?!\d)", text), url


def test_no_file_holds_personal_data(client, world):
    cycle = world["MEX full"].cycle
    personal = {
        q.key
        for q in get_format(cycle.format_id, cycle.format_version).iter_questions()
        if q.personal
    }
    assert personal
    values: dict[bool, set[str]] = {True: set(), False: set()}
    for row in iter_long_rows(ExportFilters(cycles=[FULL], parties=sorted(PUBLISHED_FULL))):
        if row["value_text"]:
            values[row["question_key"] in personal].add(row["value_text"])
    personal_only = values[True] - values[False]  # e.g. the focal points' e-mail addresses
    assert any("@" in value for value in personal_only)
    for url, texts in _every_file(client):
        for text in texts:
            assert not any(key in text for key in personal), url
            assert not any(value in text for value in personal_only), url


def test_a_file_is_named_for_its_cycle_and_language_and_revalidated(client, world):
    response = get(client, f"/data/fr/open-data/{FULL}/long.csv")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="ort-minamata-2025-full-published-long-fr.csv"'
    )
    assert response.mimetype == "text/csv"
    etag = response.headers["ETag"]
    again = client.get(f"/data/fr/open-data/{FULL}/long.csv", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert get(client, "/data/en/open-data/all/data.xlsx").headers["Content-Disposition"] == (
        'attachment; filename="ort-minamata-all-cycles-published-data-en.xlsx"'
    )


def test_the_data_package_lists_its_resources(client, world):
    response = get(client, f"/data/en/open-data/{FULL}/datapackage.zip")
    assert response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert archive.testzip() is None
        descriptor = json.loads(archive.read("datapackage.json"))
        resources = {r["name"]: r["path"] for r in descriptor["resources"]}
        assert resources == {"long": "long.csv", "wide": "wide.csv", "codebook": "codebook.csv"}
        assert set(resources.values()) <= set(archive.namelist())
        wide = list(csv.DictReader(io.StringIO(archive.read("wide.csv").decode("utf-8"))))
    assert {row["party_iso3"] for row in wide} == PUBLISHED_FULL


def test_the_workbook_opens(client, world):
    from openpyxl import load_workbook

    response = get(client, f"/data/en/open-data/{FULL}/data.xlsx")
    book = load_workbook(io.BytesIO(response.data), read_only=True)
    assert "codebook" in book.sheetnames


@pytest.mark.parametrize(
    "url",
    [
        f"/data/en/open-data/{FULL}/secret.csv",
        f"/data/en/open-data/{FULL}/long.json",
        "/data/en/open-data/1999-full/long.csv",
        "/data/en/open-data/2021-full/long.csv",  # a cycle without published reports
        "/data/xx/open-data",
    ],
)
def test_unknown_files_cycles_and_languages_are_404(client, world, url):
    assert client.get(url).status_code == 404


def test_every_cycle_files_need_two_published_cycles(client, db, short_cycle, reviewer):
    from tests.exports.factories import make_report

    make_report("MEX", short_cycle, "accepted", seed=8, reviewer=reviewer)
    db.session.flush()
    html = get(client, "/data/en/open-data").data.decode()
    assert 'id="cycle-all"' not in html
    assert client.get("/data/en/open-data/all/long.csv").status_code == 404
    rows = _csv(get(client, f"/data/en/open-data/{SHORT}/long.csv"))
    assert {row["party_iso3"] for row in rows} == {"MEX"}


def test_no_published_report_yet(client, db):
    html = get(client, "/data/en/open-data").data.decode()
    assert "<table" not in html
    assert client.get(f"/data/en/open-data/{FULL}/long.csv").status_code == 404


def test_public_downloads_are_not_audited(client, world, db):
    def events() -> int:
        return db.session.scalar(select(func.count(AuditEvent.id)))

    before = events()
    for name in FILES:
        get(client, f"/data/en/open-data/{FULL}/{name}")
    get(client, "/data/en/open-data")
    assert events() == before


def test_the_arabic_page_is_right_to_left(client, world):
    html = get(client, "/data/ar/open-data").data.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert (
        get(client, f"/data/ar/open-data/{FULL}/long.csv")
        .headers["Content-Disposition"]
        .endswith('-long-ar.csv"')
    )
