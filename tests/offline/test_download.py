"""Downloading the offline workbook: the page, the files, their names and languages, who
may have them, and what the audit trail says."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import AuditEvent, Role
from reporting.offline import layout
from reporting.offline.layout import Col
from reporting.offline.write import XLSX_MIMETYPE
from reporting.reports import workflow
from tests.conftest import make_user
from tests.exports.factories import filled_report, focal_point_of, party
from tests.web.helpers import login

from .conftest import open_workbook, question_rows, sheet_of


def meta(wb) -> dict:
    ws = wb[layout.META_SHEET]
    return {ws.cell(row, 1).value: ws.cell(row, 2).value for row in range(1, ws.max_row + 1)}


def visible_pages(wb) -> list[str]:
    return [
        ws[layout.PAGE_KEY_CELL].value for ws in wb.worksheets[1:] if ws.sheet_state == "visible"
    ]


def test_the_overview_links_the_offline_page_which_offers_every_article(client, tiny_filled):
    login(client, focal_point_of(party("MEX")))
    overview = client.get(f"/reports/{tiny_filled.id}").get_data(as_text=True)
    assert f'href="/reports/{tiny_filled.id}/offline"' in overview
    page = client.get(f"/reports/{tiny_filled.id}/offline")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert f'action="/reports/{tiny_filled.id}/offline/workbook.xlsx"' in body
    boxes = re.findall(r'<input type="checkbox"[^>]*name="pages" value="([^"]+)" checked>', body)
    assert boxes == ["A", "art1", "art2"]
    assert 'formaction="/cycles/2099-tiny/workbook.xlsx"' in body


def test_the_workbook_downloads_in_the_users_language_with_the_chosen_pages(client, tiny_filled):
    login(client, focal_point_of(party("MEX")))
    response = client.get(
        f"/reports/{tiny_filled.id}/offline/workbook.xlsx?pages=art1&pages=art2&lang=fr"
    )
    assert response.status_code == 200
    assert response.mimetype == XLSX_MIMETYPE
    disposition = response.headers["Content-Disposition"]
    assert "attachment" in disposition and "ORT-MEX-2099-tiny-fr.xlsx" in disposition
    assert "no-store" in response.headers["Cache-Control"]
    wb = open_workbook(response.data)
    assert visible_pages(wb) == ["art1", "art2"]
    assert meta(wb)["language"] == "fr"
    assert (
        sheet_of(wb, "art1")
        .cell(question_rows(sheet_of(wb, "art1"))["art1.mining"], Col.ANSWER)
        .value
        == "Oui"
    )
    (event,) = _db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "download.offline_workbook")
    )
    assert event.report_id == tiny_filled.id and event.party_id == tiny_filled.party_id
    assert event.details == {"pages": ["art1", "art2"], "language": "fr"}


def test_pages_may_be_listed_in_one_parameter(client, tiny_filled):
    login(client, focal_point_of(party("MEX")))
    response = client.get(f"/reports/{tiny_filled.id}/offline/workbook.xlsx?pages=A,art2")
    assert visible_pages(open_workbook(response.data)) == ["A", "art2"]
    every = client.get(f"/reports/{tiny_filled.id}/offline/workbook.xlsx")
    assert visible_pages(open_workbook(every.data)) == ["A", "art1", "art2"]


def test_an_unknown_page_is_a_clear_message_not_a_workbook(client, tiny_filled):
    login(client, focal_point_of(party("MEX")))
    response = client.get(
        f"/reports/{tiny_filled.id}/offline/workbook.xlsx?pages=art1&pages=<b>nope</b>"
    )
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert "is not an article or part of this report" in body
    assert html.escape("<b>nope</b>") in body and "<b>nope</b>" not in body
    assert not _db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "download.offline_workbook")
    ).first()
    french = client.get(f"/reports/{tiny_filled.id}/offline/workbook.xlsx?pages=nope&lang=fr")
    assert french.status_code == 400 and 'lang="fr"' in french.get_data(as_text=True)


def test_another_partys_focal_point_gets_nothing(client, tiny_filled, other_focal_point):
    login(client, other_focal_point)
    for url in (
        f"/reports/{tiny_filled.id}/offline",
        f"/reports/{tiny_filled.id}/offline/workbook.xlsx",
        f"/reports/{tiny_filled.id}/offline/workbook.xlsx?pages=nope",
    ):
        assert client.get(url).status_code == 404, url


def test_the_secretariat_may_download_a_report_and_a_blank_workbook(
    client, tiny_filled, secretariat
):
    login(client, secretariat)
    report = client.get(f"/reports/{tiny_filled.id}/offline/workbook.xlsx")
    assert report.status_code == 200 and meta(open_workbook(report.data))["party"] == "MEX"
    blank = client.get("/cycles/2099-tiny/workbook.xlsx")
    assert blank.status_code == 200
    assert "ORT-2099-tiny-blank-en.xlsx" in blank.headers["Content-Disposition"]
    facts = meta(open_workbook(blank.data))
    assert facts["report"] is None and facts["party"] is None
    cycle_page = client.get("/secretariat/cycles/2023-short").get_data(as_text=True)
    assert 'href="/cycles/2023-short/workbook.xlsx"' in cycle_page


def test_a_focal_points_blank_workbook_names_their_party(client, focal_point, tiny_cycle):
    login(client, focal_point)
    response = client.get("/cycles/2099-tiny/workbook.xlsx?pages=art2&lang=ar")
    assert response.status_code == 200
    assert "ORT-MEX-2099-tiny-blank-ar.xlsx" in response.headers["Content-Disposition"]
    wb = open_workbook(response.data)
    facts = meta(wb)
    assert facts["party"] == "MEX" and facts["report"] is None
    assert layout.verify(facts["token"])["p"] == "MEX"
    assert visible_pages(wb) == ["art2"]
    assert all(ws.sheet_view.rightToLeft for ws in wb.worksheets)
    home = client.get("/").get_data(as_text=True)
    assert 'href="/cycles/2023-short/workbook.xlsx"' in home


def test_the_blank_workbook_is_for_the_cycles_convention_only(client, party_a, tiny_cycle):
    outsider = make_user(
        "pops.a@example.org", Role.focal_point, party_a, conventions=("stockholm",)
    )
    login(client, outsider)
    assert client.get("/cycles/2099-tiny/workbook.xlsx").status_code == 403
    assert client.get("/cycles/no-such-cycle/workbook.xlsx").status_code == 404


def test_a_blank_workbook_refuses_unknown_pages(client, focal_point, tiny_cycle):
    login(client, focal_point)
    response = client.get("/cycles/2099-tiny/workbook.xlsx?pages=art9")
    assert response.status_code == 400
    assert "is not an article or part" in response.get_data(as_text=True)


def test_a_report_not_open_for_changes_says_so_and_still_downloads(client, request_ctx, tiny_cycle):
    user = focal_point_of(party("MEX"))
    overrides = {"art1.mining": {"value": "yes"}, "art1.mining.tonnes": {"value": "12.5"}}
    report = filled_report(party("MEX"), tiny_cycle, user, seed=3, overrides=overrides)
    workflow.submit(report, user)
    _db.session.commit()
    login(client, user)
    page = client.get(f"/reports/{report.id}/offline").get_data(as_text=True)
    assert "not open for changes" in page
    assert client.get(f"/reports/{report.id}/offline/workbook.xlsx").status_code == 200


def test_a_draft_says_nothing_of_the_kind(client, tiny_filled):
    login(client, focal_point_of(party("MEX")))
    page = client.get(f"/reports/{tiny_filled.id}/offline").get_data(as_text=True)
    assert "not open for changes" not in page
