"""The upload and confirmation pages of an offline workbook."""

from __future__ import annotations

import io
import re
import zipfile
from html import unescape

from flask import render_template_string
from sqlalchemy import func, select

from reporting.extensions import db as _db
from reporting.models import AuditEvent, ReportStatus
from reporting.offline import layout
from reporting.reports.answers import load_answers, save_answers
from reporting.reports.workflow import report_format
from tests.web.helpers import login

from .builders import Book


def _upload(client, report, data: bytes, name="answers.xlsx"):
    return client.post(
        f"/reports/{report.id}/offline/upload",
        data={"workbook": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def _hidden(html: str) -> str:
    return re.search(r'name="changes" type="hidden" value="([^"]*)"', html).group(1)


def _stored(report):
    return load_answers(report, report_format(report))


def _flashes(client, response) -> str:
    assert response.status_code == 303
    return unescape(client.get(response.headers["Location"]).get_data(as_text=True))


def test_upload_preview_confirm(fp_client, tiny_report):
    book = Book(tiny_report).answer("art1.count", 4).answer("art1.note", "Hi", comment="Customs")
    response = _upload(fp_client, tiny_report, book.bytes())
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Changes from the workbook" in html and "2 answers will change" in html
    assert "Count" in html and "Note" in html and "Customs" in html
    assert "Confirm and save these answers" in html
    assert _stored(tiny_report) == {}  # nothing saved yet
    response = fp_client.post(
        f"/reports/{tiny_report.id}/offline/apply", data={"changes": _hidden(html)}
    )
    assert response.headers["Location"].endswith(f"/reports/{tiny_report.id}")
    assert "2 answers saved from the workbook." in _flashes(fp_client, response)
    stored = _stored(tiny_report)
    assert stored["art1.count"]["value"] == 4 and stored["art1.note"]["comment"] == "Customs"


def test_problems_and_conflicts_on_the_preview(fp_client, tiny_report):
    fmt = report_format(tiny_report)
    book = Book(tiny_report).answer("art1.count", 500).answer("art1.year", 2021)
    save_answers(tiny_report, fmt, {"art1.year": {"value": "2030"}})
    _db.session.commit()
    html = _upload(fp_client, tiny_report, book.bytes()).get_data(as_text=True)
    assert "Enter a number from 0 to 100." in html
    assert 'name="take" value="art1.year"' in html
    assert "Changed in ORT since the workbook was downloaded." in html
    changes = _hidden(html)
    # Confirmed without choosing: the browser's answer is kept, the other saved as typed.
    fp_client.post(f"/reports/{tiny_report.id}/offline/apply", data={"changes": changes})
    assert _stored(tiny_report)["art1.year"]["value"] == 2030
    assert _stored(tiny_report)["art1.count"]["value"] == "500"


def test_a_chosen_conflict_is_saved(fp_client, tiny_report):
    fmt = report_format(tiny_report)
    book = Book(tiny_report).answer("art1.year", 2021)
    save_answers(tiny_report, fmt, {"art1.year": {"value": "2030"}})
    _db.session.commit()
    html = _upload(fp_client, tiny_report, book.bytes()).get_data(as_text=True)
    fp_client.post(
        f"/reports/{tiny_report.id}/offline/apply",
        data={"changes": _hidden(html), "take": "art1.year"},
    )
    assert _stored(tiny_report)["art1.year"]["value"] == 2021


def test_a_save_between_preview_and_confirmation_shows_the_preview_again(fp_client, tiny_report):
    html = _upload(fp_client, tiny_report, Book(tiny_report).answer("art1.year", 2021).bytes())
    changes = _hidden(html.get_data(as_text=True))
    save_answers(tiny_report, report_format(tiny_report), {"art1.year": {"value": "2030"}})
    _db.session.commit()
    response = fp_client.post(
        f"/reports/{tiny_report.id}/offline/apply", data={"changes": changes, "take": "art1.year"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone changed some of these answers since the preview" in html
    assert (
        'name="take" value="art1.year"' in html
        and "checked" not in html.split('value="art1.year"')[1][:20]
    )
    assert _stored(tiny_report)["art1.year"]["value"] == 2030


def _events(report):
    return _db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.report_id == report.id)
    )


def _token(report, **overrides):
    facts = {
        "report_id": report.id,
        "cycle": report.cycle.code,
        "party": report.party.iso3,
        "version": report.cycle.format_version,
        **overrides,
    }
    return layout.sign(**facts)


def test_bad_workbooks_are_refused_with_their_message_and_change_nothing(
    app, fp_client, tiny_report, monkeypatch
):
    before, lock = _events(tiny_report), tiny_report.lock_version

    def filled(**kw):
        return Book(tiny_report, **kw).answer("art1.count", 4).answer("art1.note", "x")

    not_ort = filled()
    del not_ort.wb[layout.META_SHEET]
    many = filled()
    for row in range(100, 200):
        for col in range(1, 10):
            many.sheet_of("art1.count").cell(row, col, "x")
    cases = {
        b"%PDF-1.4": "not an Excel workbook",
        filled().bytes()[:3000]: "not an Excel workbook",
        filled(token="forged").bytes(): "hidden data was changed",
        not_ort.bytes(): "not downloaded from ORT",
        filled(token=_token(tiny_report, party="KEN")).bytes(): "another Party's report",
        filled(token=_token(tiny_report, report_id=tiny_report.id + 1)).bytes(): (
            "another report of your Party"
        ),
        filled(token=_token(tiny_report, version="0")).bytes(): "another version",
        filled(token=_token(tiny_report, report_id=None, cycle="2023-short")).bytes(): (
            "another reporting cycle"
        ),
        many.bytes(): "too big to import",
    }
    monkeypatch.setitem(app.config, "ORT_OFFLINE_MAX_CELLS", 600)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", b" " * (80 * 1024 * 1024))
    cases[bomb.getvalue()] = "too big to import"
    for data, message in cases.items():
        response = _upload(fp_client, tiny_report, data)
        assert message in _flashes(fp_client, response)
    assert _stored(tiny_report) == {}
    assert _events(tiny_report) == before and tiny_report.lock_version == lock


def test_no_file_and_a_forged_confirmation(fp_client, tiny_report):
    response = fp_client.post(f"/reports/{tiny_report.id}/offline/upload", data={})
    assert "Choose the workbook (.xlsx) to upload." in _flashes(fp_client, response)
    response = fp_client.post(
        f"/reports/{tiny_report.id}/offline/apply", data={"changes": "eyJmb3JnZWQiOjF9.abc"}
    )
    assert "This preview can no longer be confirmed" in _flashes(fp_client, response)
    assert _stored(tiny_report) == {}


def test_another_partys_report_and_staff(client, tiny_report, other_focal_point, secretariat):
    data = Book(tiny_report).answer("art1.count", 4).bytes()
    login(client, other_focal_point)
    assert _upload(client, tiny_report, data).status_code == 404
    login(client, secretariat)
    assert _upload(client, tiny_report, data).status_code == 403
    assert _stored(tiny_report) == {}


def test_a_submitted_report_takes_no_workbook(fp_client, tiny_report):
    data = Book(tiny_report).answer("art1.count", 4).bytes()
    tiny_report.status = ReportStatus.submitted
    _db.session.commit()
    assert _upload(fp_client, tiny_report, data).status_code == 403


def test_an_unchanged_workbook_says_so(fp_client, tiny_report):
    html = _upload(fp_client, tiny_report, Book(tiny_report).bytes()).get_data(as_text=True)
    assert "The workbook changes no answers of this report." in html


def test_the_upload_partial(app, tiny_report, focal_point):
    with app.test_request_context("/"):
        from flask_login import login_user

        login_user(focal_point)
        html = render_template_string(
            '{% include "reports/_offline_upload.html" %}', report=tiny_report
        )
    assert f'action="/reports/{tiny_report.id}/offline/upload"' in html
    assert 'enctype="multipart/form-data"' in html and 'accept=".xlsx"' in html
    assert 'name="csrf_token"' in html and 'type="submit"' in html


def test_a_save_racing_the_confirmation_saves_nothing_and_shows_the_preview(
    fp_client, tiny_report, monkeypatch
):
    from sqlalchemy.orm.exc import StaleDataError

    html = _upload(fp_client, tiny_report, Book(tiny_report).answer("art1.year", 2021).bytes())
    changes = _hidden(html.get_data(as_text=True))

    def raced(*args, **kwargs):
        raise StaleDataError("another save committed first")

    monkeypatch.setattr("reporting.offline.apply.save_answers", raced)
    response = fp_client.post(f"/reports/{tiny_report.id}/offline/apply", data={"changes": changes})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Someone else saved this report at the same moment" in html
    assert "Confirm and save these answers" in html
    assert _stored(tiny_report) == {}
