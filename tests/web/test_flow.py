"""The whole job in the browser: log in, start, fill every article, fix an invalid value
found by the review, submit, get returned, resubmit, and compare the two versions."""

import re

from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import Report, ReportStatus, Submission
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.web.pages import report_pages

from .helpers import form_fields


def _as_fields(q, value) -> dict:
    """A sample answer as the page's form fields."""
    name = f"q.{q.key}-value"
    if q.kind.name == "table":
        fields = {}
        for index, row in enumerate(value):
            for column in q.columns:
                fields[f"{name}-{index}-c_{column.key}"] = str(row.get(column.key) or "")
        return fields
    return {name: value if isinstance(value, list) else str(value)}


def fill_page(client, report_id, page, answers, button="save_continue"):
    url = f"/reports/{report_id}/pages/{page.key}"
    page_html = client.get(url).text
    fields = form_fields(page_html)
    for q in page.questions:
        if q.key in answers and not fields.get(f"q.{q.key}-value"):
            fields.update(_as_fields(q, answers[q.key]["value"]))
    fields[button] = ""
    return client.post(url, data=fields)


def test_a_focal_point_fills_checks_submits_and_resubmits_a_report(
    client, focal_point, secretariat, party_a, short_cycle, minamata, app
):
    # Log in through the form; the home page offers to start the short report.
    response = client.post(
        "/login", data={"email": "FP.A@example.org", "password": "correct horse battery"}
    )
    assert response.status_code == 302 and response.location == "/"
    home = client.get("/").text
    assert "Short report 2023" in home and "Not started" in home
    response = client.post(f"/cycles/{short_cycle.code}/start")
    report = _db.session.scalars(select(Report).where(Report.party_id == party_a.id)).one()
    assert response.location == f"/reports/{report.id}"
    report_id = report.id

    # Fill in every page with "Save and continue"; the last one leads to the review.
    pages = report_pages(minamata, "short")
    answers = sample_answers(minamata, "short", seed=3)
    # Mining that existed at entry into force: new mining would ask to confirm a warning.
    answers["art3.primary_mining.at_entry_into_force"] = {"value": "yes"}
    answers["art3.stocks"] = {"value": "yes"}
    answers["art3.stocks.list"] = {
        "value": [{"location": "Port depot", "substance": "mercury", "quantity": "about 60"}]
    }
    for page in pages:
        response = fill_page(client, report_id, page, answers)
        assert response.status_code == 302, page.key
    # The invalid quantity was saved as typed: the page said so, the review lists it.
    art3 = client.get(f"/reports/{report_id}/pages/art3").text
    assert 'value="about 60"' in art3 and "Enter a number, e.g. 12.5." in art3
    review = client.get(f"/reports/{report_id}/review").text
    assert "Enter a number, e.g. 12.5." in review
    link = f'href="/reports/{report_id}/pages/art3#q.art3.stocks.list-value-0-c_quantity"'
    assert link in review
    submit_page = client.get(f"/reports/{report_id}/submit").text
    assert "cannot be submitted yet" in submit_page

    # Correct it; the report is then complete (home shows the progress per article).
    fields = form_fields(art3)
    fields.update({"q.art3.stocks.list-value-0-c_quantity": "60.5", "save": ""})
    client.post(f"/reports/{report_id}/pages/art3", data=fields)
    review = client.get(f"/reports/{report_id}/review").text
    assert "Every required question is answered" in review, re.findall(
        r'class="issue-message">([^<]*)', review
    )
    home = client.get("/").text
    assert "missing" not in home and "invalid value" not in home and "Nothing" in home

    # Submit: a receipt with the version, time and content hash.
    submit_page = client.get(f"/reports/{report_id}/submit").text
    fields = form_fields(submit_page)
    response = client.post(f"/reports/{report_id}/submit", data=fields)
    assert response.location == f"/reports/{report_id}/versions/1"
    first = _db.session.scalars(select(Submission).where(Submission.report_id == report_id)).one()
    receipt = client.get(response.location).text
    assert first.content_hash in receipt and "Receipt of submission" in receipt
    assert client.post(f"/reports/{report_id}/pages/art3", data={"save": ""}).status_code == 403

    # The secretariat returns it; the focal point sees why, edits and resubmits.
    with app.test_request_context():
        workflow.return_for_revision(
            _db.session.get(Report, report_id),
            secretariat,
            "Please report the stock in metric tonnes.",
        )
    _db.session.commit()
    overview = client.get(f"/reports/{report_id}").text
    assert "Returned for revision" in overview and "metric tonnes" in overview
    fields = form_fields(client.get(f"/reports/{report_id}/pages/art3").text)
    fields.update({"q.art3.stocks.list-value-0-c_quantity": "61", "save": ""})
    client.post(f"/reports/{report_id}/pages/art3", data=fields)
    fields = form_fields(client.get(f"/reports/{report_id}/submit").text)
    response = client.post(f"/reports/{report_id}/submit", data=fields)
    assert response.location == f"/reports/{report_id}/versions/2"
    assert _db.session.get(Report, report_id).status == ReportStatus.submitted

    # Versions and the question-by-question differences between them.
    versions = client.get(f"/reports/{report_id}/versions").text
    assert "Changes from version 1" in versions
    diff = client.get(f"/reports/{report_id}/diff", query_string={"from": 1, "to": 2}).text
    assert "1 answer differs." in diff
    assert "Individual stocks of mercury" in diff
    assert re.search(
        r"<td class=\"changed\"><bdi>60\.5</bdi></td>.*<td class=\"changed\"><bdi>61</bdi></td>",
        diff,
        re.S,
    )


def test_warnings_need_a_tick_before_submitting(
    request_ctx, client, focal_point, party_a, short_cycle, minamata
):
    from reporting.reports.answers import save_answers

    from .helpers import login

    report = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    prefilled = {q.key for q in minamata.iter_questions() if q.prefill}
    answers = sample_answers(minamata, "short", skip=prefilled)
    answers.update(
        {
            "art3.exports": {"value": "yes"},
            "art3.exports.consent": {"value": "yes"},
            "art3.exports.total_quantity": {"value": "5000"},
        }
    )
    save_answers(report, minamata, answers, focal_point, "short")
    _db.session.commit()
    report_id = report.id
    login(client, focal_point)
    page = client.get(f"/reports/{report_id}/submit").text
    assert "More than 1,000 metric tons" in page
    fields = form_fields(page)
    response = client.post(f"/reports/{report_id}/submit", data=fields)
    assert response.status_code == 200 and "Tick this box" in response.text
    assert 'aria-describedby="confirm-error"' in response.text
    fields["confirm_warnings"] = "y"
    assert client.post(f"/reports/{report_id}/submit", data=fields).status_code == 302


def test_a_report_changed_after_the_check_is_not_submitted_unseen(
    request_ctx, client, focal_point, party_a, short_cycle, minamata
):
    from reporting.reports.answers import save_answers

    from .helpers import login

    report = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    prefilled = {q.key for q in minamata.iter_questions() if q.prefill}
    save_answers(
        report, minamata, sample_answers(minamata, "short", skip=prefilled), focal_point, "short"
    )
    _db.session.commit()
    report_id = report.id
    login(client, focal_point)
    fields = form_fields(client.get(f"/reports/{report_id}/submit").text)
    report = _db.session.get(Report, report_id)
    report.language = "fr"  # a colleague's save moves the lock version
    _db.session.commit()
    response = client.post(f"/reports/{report_id}/submit", data=fields)
    assert response.status_code == 200 and "changed after you checked it" in response.text
    assert _db.session.get(Report, report_id).status == ReportStatus.draft
