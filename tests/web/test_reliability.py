"""Saving and submitting when things go wrong: a second submit, a save racing another, a
database that does not answer, an attachment store that cannot be written. Each gets a
clear page in the user's language, never a 500, and nothing typed is lost."""

from io import BytesIO

from flask_babel import force_locale, gettext
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from reporting.extensions import db as _db
from reporting.models import Attachment, Report, ReportStatus, Submission
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers

from .helpers import form_fields, login, reload
from .test_saving import _post, _stored


def _outage(*args, **kwargs):
    raise OperationalError("COMMIT", {}, ConnectionRefusedError("connection refused"))


def _in(lang: str, text: str) -> str:
    with force_locale(lang):
        return gettext(text)


def _submittable(party, cycle, user, fmt) -> int:
    report = workflow.start_report(party, cycle, user, carry_over=False)
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    save_answers(report, fmt, sample_answers(fmt, cycle.kind, skip=prefilled), user, cycle.kind)
    _db.session.commit()
    return report.id


def _submissions(report_id):
    return _db.session.scalars(select(Submission).where(Submission.report_id == report_id)).all()


# -- submitting twice ---------------------------------------------------------------------


def test_a_second_submit_of_the_same_report_shows_its_receipt(
    request_ctx, client, focal_point, party_a, short_cycle, minamata
):
    report_id = _submittable(party_a, short_cycle, focal_point, minamata)
    login(client, focal_point)
    fields = form_fields(client.get(f"/reports/{report_id}/submit").text)
    assert client.post(f"/reports/{report_id}/submit", data=fields).status_code == 302
    again = client.post(f"/reports/{report_id}/submit", data=fields)  # a double click
    assert again.status_code == 302
    assert again.location.endswith(f"/reports/{report_id}/versions/1")
    receipt = client.get(again.location)
    assert receipt.status_code == 200 and "This report was already submitted" in receipt.text
    assert len(_submissions(report_id)) == 1


def test_a_submit_racing_another_submit_shows_the_receipt_not_an_error(
    request_ctx, client, focal_point, party_a, short_cycle, minamata, monkeypatch
):
    """The second request read the report before the first committed: its write fails on
    the lock version (StaleDataError on PostgreSQL), and it answers with the receipt."""
    report_id = _submittable(party_a, short_cycle, focal_point, minamata)
    real = workflow.submit

    def submitted_meanwhile(report, user, **kw):
        read = {
            name: getattr(report, name)
            for name in ("lock_version", "status", "submitted_versions", "submitted_at")
        }
        real(report, user, **kw)  # the other request
        _db.session.commit()
        for name, value in read.items():  # this request still has the report as it read it
            set_committed_value(report, name, value)
        return real(report, user, **kw)

    monkeypatch.setattr(workflow, "submit", submitted_meanwhile)
    login(client, focal_point)
    fields = form_fields(client.get(f"/reports/{report_id}/submit").text)
    response = client.post(f"/reports/{report_id}/submit", data=fields)
    assert response.status_code == 302
    assert response.location.endswith(f"/reports/{report_id}/versions/1")
    assert "This report was already submitted" in client.get(response.location).text
    assert len(_submissions(report_id)) == 1
    assert _db.session.get(Report, report_id).status == ReportStatus.submitted


def test_a_submit_failing_on_a_concurrent_save_asks_to_check_again(
    request_ctx, client, focal_point, party_a, short_cycle, minamata, monkeypatch
):
    report_id = _submittable(party_a, short_cycle, focal_point, minamata)

    def stale(*args, **kwargs):
        raise StaleDataError("UPDATE statement on table 'report' expected to update 1 row(s)")

    monkeypatch.setattr(workflow, "submit", stale)
    login(client, focal_point)
    fields = form_fields(client.get(f"/reports/{report_id}/submit").text)
    response = client.post(f"/reports/{report_id}/submit", data=fields)
    assert response.status_code == 409
    assert "changed while you were submitting it" in response.text
    assert _db.session.get(Report, report_id).status == ReportStatus.draft


# -- saving -------------------------------------------------------------------------------


def test_a_save_whose_commit_hits_a_concurrent_save_is_shown_back(
    fp_client, tiny_report, monkeypatch
):
    def stale():
        raise StaleDataError("UPDATE statement on table 'report' expected to update 1 row(s)")

    fields = form_fields(fp_client.get(f"/reports/{tiny_report.id}/pages/art1").text)
    fields.update({"q.art1.note-value": "typed by me", "save": ""})
    with monkeypatch.context() as patch:
        patch.setattr(_db.session, "commit", stale)
        response = fp_client.post(f"/reports/{tiny_report.id}/pages/art1", data=fields)
    assert response.status_code == 409
    assert 'value="typed by me"' in response.text and "at the same moment" in response.text
    assert _stored(tiny_report, "art1.note") is None


def test_a_database_outage_during_a_save_gives_a_translated_503_with_the_typed_values(
    client, focal_point, tiny_report, monkeypatch
):
    login(client, focal_point)
    client.get("/?lang=fr")
    fields = form_fields(client.get(f"/reports/{tiny_report.id}/pages/art1").text)
    fields.update({"q.art1.note-value": "Ministère, typed", "q.art1.count-value": "12", "save": ""})
    with monkeypatch.context() as patch:
        patch.setattr(_db.session, "commit", _outage)
        response = client.post(f"/reports/{tiny_report.id}/pages/art1", data=fields)
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert '<html lang="fr"' in response.text
    assert _in(
        "fr",
        "The database could not be reached, so nothing was saved. Your answers are "
        "shown below: save again in a few minutes.",
    ) in response.text.replace("&#39;", "'")
    assert 'value="Ministère, typed"' in response.text and 'value="12"' in response.text
    assert 'name="save"' in response.text  # the form, ready to be saved again
    assert _stored(tiny_report, "art1.note") is None


def test_when_even_reading_fails_the_503_page_keeps_what_was_typed(
    fp_client, tiny_report, monkeypatch
):
    from reporting.web import reports

    fields = form_fields(fp_client.get(f"/reports/{tiny_report.id}/pages/art1").text)
    fields.update({"q.art1.note-value": "keep <this> safe", "save": ""})
    monkeypatch.setattr(reports, "report_for", _outage)
    response = fp_client.post(f"/reports/{tiny_report.id}/pages/art1?lang=es", data=fields)
    assert response.status_code == 503
    assert _in("es", "The service is unavailable") in response.text
    assert "keep &lt;this&gt; safe" in response.text  # shown, escaped
    assert 'name="q.art1.note-value" value="keep &lt;this&gt; safe"' in response.text  # to resend
    assert f'action="/reports/{tiny_report.id}/pages/art1?lang=es"' in response.text


def test_the_503_page_needs_no_database_for_its_layout(app, client, monkeypatch):
    """The full layout reads the user and their Party; without a database a bare one does."""
    from reporting.web import errors

    real = errors.render_template

    def layout_fails(template, **context):
        if context.get("layout") == "base.html":
            _outage()
        return real(template, **context)

    monkeypatch.setattr(errors, "render_template", layout_fails)
    monkeypatch.setitem(app.view_functions, "home.index", _outage)
    response = client.get("/?lang=ar")
    assert response.status_code == 503
    assert '<html lang="ar" dir="rtl">' in response.text
    assert _in("ar", "The service is unavailable") in response.text


def test_the_api_answers_a_database_outage_with_a_503_problem(app, client, monkeypatch):
    monkeypatch.setitem(app.view_functions, "api_reports.Reports", _outage)
    response = client.get("/api/v1/reports")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.json["type"].endswith("/problems/service-unavailable")
    assert response.headers["Retry-After"]


def test_healthz_is_a_json_503_when_the_database_is_down(client, monkeypatch):
    assert client.get("/healthz").json == {"status": "ok"}
    with monkeypatch.context() as patch:
        patch.setattr(_db.session, "execute", _outage)
        response = client.get("/healthz")
    assert response.status_code == 503 and response.mimetype == "application/json"
    assert response.json["status"] == "unavailable"


# -- the attachment store -----------------------------------------------------------------


def test_an_unwritable_attachment_store_saves_the_rest_and_marks_the_file(
    app, fp_client, tiny_report, tmp_path, monkeypatch
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setitem(app.config, "ORT_ATTACHMENT_DIR", str(blocker / "store"))
    response = _post(
        fp_client,
        tiny_report,
        {
            "q.art1.note-value": "saved anyway",
            "q.art1.count-value": "3",
            "q.art1.file-value-upload": (BytesIO(b"%PDF-1.4 plan"), "plan.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert _stored(tiny_report, "art1.note")["value"] == "saved anyway"
    assert _stored(tiny_report, "art1.count")["value"] == 3
    assert _stored(tiny_report, "art1.file") is None
    assert _db.session.scalars(select(Attachment)).all() == []
    page = response.text
    error = page.split('id="q.art1.file-error"', 1)[1].split("</div>", 1)[0]
    assert "The file could not be stored, try again." in error
    assert 'value="saved anyway"' in page
    assert reload(tiny_report).lock_version > 1
