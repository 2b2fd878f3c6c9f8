"""Saving a page: nothing typed is lost, conditions apply on save, tables grow and shrink,
carried-over answers stay marked until confirmed, and colleagues' saves are not overwritten."""

import re
from decimal import Decimal
from io import BytesIO

from sqlalchemy import select, update

from reporting.extensions import db as _db
from reporting.models import Answer, Attachment, Report
from reporting.reports import workflow
from reporting.reports.answers import load_answers, save_answers

from .helpers import form_fields, login, reload


def _page(client, report, key="art1", **args):
    return client.get(f"/reports/{report.id}/pages/{key}", query_string=args)


def _post(client, report, data, key="art1", button="save", **kw):
    fields = form_fields(_page(client, report, key).text)
    fields.update(data)
    fields[button] = kw.pop("value", "")
    return client.post(f"/reports/{report.id}/pages/{key}", data=fields, **kw)


def _stored(report, fmt_key):
    from reporting.reports.workflow import report_format

    report = reload(report)
    return load_answers(report, report_format(report)).get(fmt_key)


def test_valid_values_are_saved_and_the_page_comes_back(fp_client, tiny_report):
    response = _post(
        fp_client,
        tiny_report,
        {
            "q.art1.mining-value": "no",
            "q.art1.count-value": "0",
            "q.art1.colours-value": ["blue", "red"],
        },
    )
    assert response.status_code == 302
    assert response.location.endswith(f"/reports/{tiny_report.id}/pages/art1")
    assert _stored(tiny_report, "art1.mining")["value"] == "no"
    assert _stored(tiny_report, "art1.count")["value"] == 0  # a reported zero, not a blank
    assert _stored(tiny_report, "art1.colours")["value"] == ["red", "blue"]
    page = fp_client.get(response.location).text
    assert "Saved." in page


def test_an_invalid_value_is_kept_as_typed_and_flagged_beside_the_field(fp_client, tiny_report):
    response = _post(fp_client, tiny_report, {"q.art1.count-value": "about twelve"})
    assert response.status_code == 302  # saved, as typed
    assert _stored(tiny_report, "art1.count") | {} and _stored(tiny_report, "art1.count")["invalid"]
    page = fp_client.get(response.location).text
    assert 'value="about twelve"' in page
    assert "Enter a whole number." in page
    field = re.search(r'<input[^>]*id="q\.art1\.count-value"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="q.art1.count-error"' in field
    assert 'id="q.art1.count-error"' in page


def test_numbers_typed_in_french_are_understood(client, focal_point, tiny_report):
    login(client, focal_point)
    client.get("/?lang=fr")
    _post(client, tiny_report, {"q.art1.mining-value": "yes", "q.art1.mining.tonnes-value": "12,5"})
    assert _stored(tiny_report, "art1.mining.tonnes")["value"] == Decimal("12.5")


def test_a_follow_up_question_appears_when_its_condition_holds(fp_client, tiny_report):
    hidden = re.search(
        r'<div class="question[^"]*"\s+id="q\.art1\.mining\.tonnes"[^>]*>',
        _page(fp_client, tiny_report).text,
    ).group(0)
    assert " hidden" in hidden and "data-visible-if" in hidden
    _post(fp_client, tiny_report, {"q.art1.mining-value": "yes"})
    shown = re.search(
        r'<div class="question[^"]*"\s+id="q\.art1\.mining\.tonnes"[^>]*>',
        _page(fp_client, tiny_report).text,
    ).group(0)
    assert " hidden" not in shown


def test_a_hidden_answer_is_kept_but_flagged_and_not_required(fp_client, tiny_report):
    _post(fp_client, tiny_report, {"q.art1.mining-value": "yes", "q.art1.mining.tonnes-value": "5"})
    _post(fp_client, tiny_report, {"q.art1.mining-value": "no"})
    answer = _db.session.scalars(
        select(Answer).where(
            Answer.report_id == tiny_report.id, Answer.question_key == "art1.mining.tonnes"
        )
    ).one()
    assert answer.hidden and answer.value_number == 5
    review = fp_client.get(f"/reports/{tiny_report.id}/review").text
    assert "How much?" not in review


def test_a_hidden_invalid_answer_does_not_block_submission(request_ctx, fp_client, tiny_report):
    _post(
        fp_client, tiny_report, {"q.art1.mining-value": "yes", "q.art1.mining.tonnes-value": "lots"}
    )
    _post(fp_client, tiny_report, {"q.art1.mining-value": "no"})
    issues = workflow.validate_report(reload(tiny_report))
    assert all(i.question_key != "art1.mining.tonnes" for i in issues)


def test_add_row_saves_and_shows_one_more_empty_row(fp_client, tiny_report):
    response = _post(
        fp_client,
        tiny_report,
        {"q.art1.exports-value-0-c_country": "Kenya", "q.art1.exports-value-0-c_quantity": "2"},
        button="add_row",
        value="art1.exports",
    )
    assert response.status_code == 302
    assert "add=art1.exports" in response.location and response.location.endswith("#q.art1.exports")
    assert _stored(tiny_report, "art1.exports")["value"] == [
        {"country": "KEN", "quantity": Decimal("2")}
    ]
    page = fp_client.get(response.location).text
    assert 'name="q.art1.exports-value-1-c_quantity"' in page
    assert 'value="Kenya"' in page


def test_remove_row_saves_without_that_row(fp_client, tiny_report):
    _post(
        fp_client,
        tiny_report,
        {"q.art1.exports-value-0-c_country": "KEN", "q.art1.exports-value-0-c_quantity": "2"},
        button="add_row",
        value="art1.exports",
    )
    fields = form_fields(_page(fp_client, tiny_report, add="art1.exports").text)
    fields.update(
        {
            "q.art1.exports-value-1-c_country": "DEU",
            "q.art1.exports-value-1-c_quantity": "3",
            "remove_row": "art1.exports:0",
        }
    )
    fp_client.post(f"/reports/{tiny_report.id}/pages/art1", data=fields)
    assert _stored(tiny_report, "art1.exports")["value"] == [
        {"country": "DEU", "quantity": Decimal("3")}
    ]


def test_a_bad_table_cell_is_kept_and_flagged_in_its_cell(fp_client, tiny_report):
    _post(
        fp_client,
        tiny_report,
        {"q.art1.exports-value-0-c_country": "DEU", "q.art1.exports-value-0-c_quantity": "a lot"},
    )
    page = _page(fp_client, tiny_report).text
    cell = re.search(r'<input[^>]*name="q\.art1\.exports-value-0-c_quantity"[^>]*>', page).group(0)
    assert 'value="a lot"' in cell and 'aria-invalid="true"' in cell
    assert 'id="q.art1.exports-value-0-c_quantity-error"' in page


def test_an_attachment_is_stored_once_by_content_and_downloadable(fp_client, tiny_report, app):
    pdf = b"%PDF-1.4\n% a tiny document\n"
    for _ in range(2):
        _post(
            fp_client,
            tiny_report,
            {"q.art1.file-value-upload": (BytesIO(pdf), "plan.pdf")},
            content_type="multipart/form-data",
        )
    attachments = _db.session.scalars(
        select(Attachment).where(Attachment.report_id == tiny_report.id)
    ).all()
    assert (
        len({a.sha256 for a in attachments}) == 1
        and attachments[0].content_type == "application/pdf"
    )
    token = _stored(tiny_report, "art1.file")["value"]
    page = _page(fp_client, tiny_report).text
    assert "plan.pdf" in page
    download = fp_client.get(f"/reports/{tiny_report.id}/attachments/{token}")
    try:
        assert download.status_code == 200 and download.data == pdf
        assert "attachment" in download.headers["Content-Disposition"]
    finally:
        download.close()


def test_an_attachment_of_a_refused_type_or_size_is_not_stored(
    fp_client, tiny_report, app, monkeypatch
):
    _post(
        fp_client,
        tiny_report,
        {"q.art1.file-value-upload": (BytesIO(b"MZ\x90\x00"), "tool.exe")},
        content_type="multipart/form-data",
    )
    _post(
        fp_client,
        tiny_report,
        {"q.art1.file-value-upload": (BytesIO(b"MZ\x90\x00"), "fake.pdf")},
        content_type="multipart/form-data",
    )
    monkeypatch.setitem(app.config, "ORT_MAX_ATTACHMENT_BYTES", 10)
    response = _post(
        fp_client,
        tiny_report,
        {"q.art1.file-value-upload": (BytesIO(b"%PDF-" + b"x" * 20), "big.pdf")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "larger than" in response.text
    assert _db.session.scalars(select(Attachment)).all() == []
    assert _stored(tiny_report, "art1.file") is None


def test_carried_over_answers_stay_marked_until_confirmed(
    request_ctx, fp_client, focal_point, party_a, short_cycle, minamata
):
    from reporting.models import ReportingCycle

    first = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    from reporting.questionnaire.samples import sample_answers

    prefilled = {q.key for q in minamata.iter_questions() if q.prefill}
    save_answers(
        first, minamata, sample_answers(minamata, "short", skip=prefilled), focal_point, "short"
    )
    workflow.submit(first, focal_point)
    later = _db.session.scalars(
        select(ReportingCycle).where(ReportingCycle.code == "2027-short")
    ).one()
    report = workflow.start_report(party_a, later, focal_point)
    _db.session.commit()
    page = _page(fp_client, report, "art3").text
    assert "Carried over from your last report" in page
    assert re.search(r'aria-describedby="[^"]*q\.art3\.primary_mining-carried', page)
    # Saving without changes keeps the marks; an edited answer loses its mark.
    fields = form_fields(page)
    fields["q.art3.stocks-value"] = "no" if fields["q.art3.stocks-value"] == "yes" else "yes"
    fields["save"] = ""
    fp_client.post(f"/reports/{report.id}/pages/art3", data=fields)
    answers = {
        a.question_key: a
        for a in _db.session.scalars(select(Answer).where(Answer.report_id == report.id))
    }
    assert answers["art3.primary_mining"].carried_over
    assert not answers["art3.stocks"].carried_over
    # "Confirm" clears every mark of the page.
    fields = form_fields(_page(fp_client, report, "art3").text)
    fields["confirm_carried"] = ""
    fp_client.post(f"/reports/{report.id}/pages/art3", data=fields)
    _db.session.expire_all()
    assert not any(
        a.carried_over
        for a in _db.session.scalars(
            select(Answer).where(Answer.report_id == report.id, Answer.question_key.like("art3.%"))
        )
    )


def test_a_colleagues_save_of_the_same_answer_is_not_overwritten(
    request_ctx, fp_client, contributor, tiny_report, tiny_format
):
    fields = form_fields(_page(fp_client, tiny_report).text)  # the focal point opens the page
    save_answers(tiny_report, tiny_format, {"art1.note": {"value": "theirs"}}, contributor)
    _db.session.execute(
        update(Report)
        .where(Report.id == tiny_report.id)
        .values(lock_version=Report.lock_version + 1)
    )
    _db.session.commit()
    fields.update({"q.art1.note-value": "mine", "q.art1.count-value": "7", "save": ""})
    response = fp_client.post(f"/reports/{tiny_report.id}/pages/art1", data=fields)
    assert response.status_code == 409
    assert 'value="mine"' in response.text  # the typed value is shown back
    assert "Their answer:" in response.text and "theirs" in response.text
    assert _stored(tiny_report, "art1.note")["value"] == "theirs"
    assert _stored(tiny_report, "art1.count")["value"] == 7  # the rest is merged
    # Saving again, choosing the user's version, keeps it (tests/web/test_live_editing.py).
    again = form_fields(response.text)
    again.update({"save": "", "resolve.art1.note": "mine"})
    assert fp_client.post(f"/reports/{tiny_report.id}/pages/art1", data=again).status_code == 302
    assert _stored(tiny_report, "art1.note")["value"] == "mine"


def test_a_colleagues_save_of_other_answers_is_merged(
    request_ctx, fp_client, contributor, tiny_report, tiny_format
):
    fields = form_fields(_page(fp_client, tiny_report).text)
    save_answers(tiny_report, tiny_format, {"art1.note": {"value": "theirs"}}, contributor)
    _db.session.execute(
        update(Report)
        .where(Report.id == tiny_report.id)
        .values(lock_version=Report.lock_version + 1)
    )
    _db.session.commit()
    fields.update({"q.art1.count-value": "7", "save": ""})
    assert fp_client.post(f"/reports/{tiny_report.id}/pages/art1", data=fields).status_code == 302
    assert _stored(tiny_report, "art1.note")["value"] == "theirs"
    assert _stored(tiny_report, "art1.count")["value"] == 7


def test_a_save_racing_another_is_shown_back_not_lost(fp_client, tiny_report, monkeypatch):
    from reporting.web import editing

    real = editing.load_answers

    def load_then_colleague_commits(report, fmt, **options):
        answers = real(report, fmt, **options)
        _db.session.execute(
            update(Report)
            .where(Report.id == report.id)
            .values(lock_version=Report.lock_version + 1)
            .execution_options(synchronize_session=False)
        )
        return answers

    monkeypatch.setattr(editing, "load_answers", load_then_colleague_commits)
    response = _post(fp_client, tiny_report, {"q.art1.note-value": "typed"})
    assert response.status_code == 409 and 'value="typed"' in response.text
    assert "at the same moment" in response.text


def test_save_and_continue_goes_to_the_next_page_then_to_the_review(fp_client, tiny_report):
    response = _post(
        fp_client,
        tiny_report,
        {"q.about.start-value": "2097-01-01"},
        key="A",
        button="save_continue",
    )
    assert response.location.endswith(f"/reports/{tiny_report.id}/pages/art1")
    response = _post(fp_client, tiny_report, {}, key="art1", button="save_continue")
    assert response.location.endswith(f"/reports/{tiny_report.id}/pages/art2")
    response = _post(fp_client, tiny_report, {}, key="art2", button="save_continue")
    assert response.location.endswith(f"/reports/{tiny_report.id}/review")


def test_a_submitted_report_is_shown_read_only(request_ctx, fp_client, tiny_report):
    report = reload(tiny_report)
    report.status = report.status.submitted
    _db.session.commit()
    page = _page(fp_client, report).text
    assert '<fieldset class="page-fields" disabled>' in page and 'name="save_continue"' not in page
    assert fp_client.post(f"/reports/{report.id}/pages/art1", data={"save": ""}).status_code == 403
