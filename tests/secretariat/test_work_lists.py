"""The secretariat's work lists (reports awaiting review, open queries) and their filters;
accepting a report with open queries asks first; attachments on the review page."""

import secrets
from datetime import timedelta
from io import BytesIO

import pytest
from werkzeug.datastructures import FileStorage

from reporting.attachments import store_upload
from reporting.extensions import db
from reporting.models import ReportStatus
from reporting.models.types import utcnow
from reporting.queries import threads
from reporting.reports import workflow
from reporting.reports.answers import save_answers
from reporting.secretariat import queue
from tests.secretariat.factories import filled_report, login, submitted_report


@pytest.fixture
def reports(request_ctx, party_a, party_b, short_cycle, focal_point, other_focal_point):
    """Party A's report submitted 20 days ago, Party B's today, and a draft of Party A."""
    a = submitted_report(party_a, short_cycle, focal_point)
    a.submitted_at = utcnow() - timedelta(days=20)
    b = submitted_report(party_b, short_cycle, other_focal_point, seed=2)
    db.session.flush()
    return a, b


def _ids(rows):
    return [r.id for r in rows]


def test_the_queue_holds_submitted_reports_and_filters_them(reports, party_a, party_b):
    a, b = reports
    assert {a.id, b.id} <= set(_ids(queue.awaiting_review()))
    assert _ids(queue.awaiting_review(queue.Filters(party="MEX"))) == [a.id]
    assert _ids(queue.awaiting_review(queue.Filters(party="KEN", cycle="2023-short"))) == [b.id]
    assert queue.awaiting_review(queue.Filters(cycle="2025-full", party="MEX")) == []
    region = party_b.regional_group.value
    assert b.id in _ids(queue.awaiting_review(queue.Filters(region=region)))
    assert (party_a.regional_group.value == region) == (
        a.id in _ids(queue.awaiting_review(queue.Filters(region=region)))
    )
    old = _ids(queue.awaiting_review(queue.Filters(min_days=14)))
    assert a.id in old and b.id not in old


def test_decided_reports_leave_the_queue(reports, secretariat):
    a, b = reports
    workflow.return_for_revision(a, secretariat, "Revise.")
    workflow.accept(b, secretariat)
    assert not {a.id, b.id} & set(_ids(queue.awaiting_review()))


def test_open_queries_across_reports_with_filters(reports, secretariat, focal_point):
    a, b = reports
    qa = threads.ask(a, secretariat, "art3.exports", "Why?")
    qb = threads.ask(b, secretariat, "art3.exports", "Why?")
    done = threads.ask(b, secretariat, "art3.stocks", "Sure?")
    threads.resolve(done, secretariat)
    threads.reply(qa, focal_point, "Because.")  # answered: still open for the secretariat
    assert {qa.id, qb.id} <= set(_ids(queue.open_queries())) and done.id not in _ids(
        queue.open_queries()
    )
    assert _ids(queue.open_queries(queue.Filters(party="KEN"))) == [qb.id]
    qa.created_at = utcnow() - timedelta(days=31)
    db.session.flush()
    assert _ids(queue.open_queries(queue.Filters(min_days=30))) == [qa.id]


def test_the_pages_list_and_filter(client, reports, secretariat):
    a, b = reports
    threads.ask(b, secretariat, "art3.exports", "Why?")
    login(client, secretariat)
    page = client.get("/secretariat/review-queue?party=MEX").get_data(as_text=True)
    assert f"/secretariat/reports/{a.id}" in page and f'/secretariat/reports/{b.id}"' not in page
    assert 'aria-current="page">Awaiting review' in page
    page = client.get("/secretariat/open-queries?party=KEN&age=7&region=nonsense")
    assert page.status_code == 200 and "No query is open." in page.get_data(as_text=True)
    page = client.get("/secretariat/open-queries?party=KEN").get_data(as_text=True)
    assert f"/secretariat/reports/{b.id}#query-" in page


def test_accepting_with_open_queries_asks_first(client, reports, secretariat):
    a, _ = reports
    threads.ask(a, secretariat, "art3.exports", "Why?")
    with pytest.raises(workflow.OpenQueries):
        workflow.accept(a, secretariat)
    login(client, secretariat)
    response = client.post(f"/secretariat/reports/{a.id}/accept", data={})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is 1 open query on this report." in page
    assert 'name="confirm_open_queries" value="y"' in page
    db.session.expire_all()
    assert a.status == ReportStatus.submitted
    response = client.post(
        f"/secretariat/reports/{a.id}/accept", data={"confirm_open_queries": "y"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert a.status == ReportStatus.accepted


def test_a_report_without_open_queries_is_accepted_at_once(client, reports, secretariat):
    a, _ = reports
    login(client, secretariat)
    assert client.post(f"/secretariat/reports/{a.id}/accept", data={}).status_code == 302
    db.session.expire_all()
    assert a.status == ReportStatus.accepted


@pytest.fixture
def with_file(request_ctx, party_a, short_cycle, focal_point):
    """Party A's submitted report with a PDF attached to answer 4.4 of Article 3."""
    report = filled_report(party_a, short_cycle, focal_point)
    data = b"%PDF-1.4\n" + secrets.token_hex(16).encode()
    attachment = store_upload(
        report,
        "art3.exports.documents",
        FileStorage(BytesIO(data), filename="consents.pdf"),
        focal_point,
    )
    fmt = workflow.report_format(report)
    save_answers(
        report,
        fmt,
        {"art3.exports": {"value": "yes"}, "art3.exports.documents": {"value": attachment.token}},
        focal_point,
        short_cycle.kind,
    )
    workflow.submit(report, focal_point)
    return report, attachment


def test_the_review_page_links_the_file_with_name_type_and_size(
    client, with_file, secretariat, other_focal_point, focal_point
):
    report, attachment = with_file
    login(client, secretariat)
    page = client.get(f"/secretariat/reports/{report.id}").get_data(as_text=True)
    link = f"/reports/{report.id}/attachments/{attachment.token}"
    assert link in page and "consents.pdf" in page and "application/pdf" in page
    assert _download(client, link) == 200  # the secretariat downloads it
    login(client, other_focal_point)
    assert _download(client, link) == 404  # another Party finds nothing
    login(client, focal_point)
    assert _download(client, link) == 200


def _download(client, url) -> int:
    response = client.get(url)
    response.close()
    return response.status_code


def test_the_pdf_names_the_file_with_type_size_and_its_address(with_file):
    from reporting.pdf.report import latest_version, render_report
    from tests.pdf.helpers import contains, text_of

    report, attachment = with_file
    text = text_of(render_report(latest_version(report), "en"))
    assert contains(text, "consents.pdf (application/pdf,")
    assert contains(text, f"/reports/{report.id}/attachments/{attachment.token}")


def test_the_diffs_link_the_files_of_both_versions(client, with_file, secretariat, focal_point):
    report, first = with_file
    workflow.return_for_revision(report, secretariat, "Another document, please.")
    data = b"%PDF-1.4\n" + secrets.token_hex(16).encode()
    second = store_upload(
        report,
        "art3.exports.documents",
        FileStorage(BytesIO(data), filename="consents-v2.pdf"),
        focal_point,
    )
    save_answers(
        report,
        workflow.report_format(report),
        {"art3.exports.documents": {"value": second.token}},
        focal_point,
        report.cycle.kind,
    )
    workflow.submit(report, focal_point)
    links = [f"/reports/{report.id}/attachments/{a.token}" for a in (first, second)]
    login(client, focal_point)
    page = client.get(f"/reports/{report.id}/diff?from=1&to=2").get_data(as_text=True)
    assert all(link in page for link in links) and "consents-v2.pdf" in page
    login(client, secretariat)
    page = client.get(f"/secretariat/reports/{report.id}?version=2&compare=1").get_data(
        as_text=True
    )
    assert all(link in page for link in links) and "application/pdf" in page
