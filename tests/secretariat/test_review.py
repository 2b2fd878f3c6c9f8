"""Reviewing a report: versions, differences, return and accept (with embargo), audit trail."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, Report, ReportStatus
from reporting.models.types import utcnow
from reporting.reports import workflow
from reporting.reports.answers import save_answers
from reporting.reports.diff import diff_answers
from reporting.reports.present import plain, present
from reporting.reports.versions import submission_of
from reporting.secretariat import review
from tests.secretariat.factories import login, submitted_report


@pytest.fixture
def report(party_a, short_cycle, focal_point):
    return submitted_report(party_a, short_cycle, focal_point)


@pytest.fixture
def resubmitted(report, secretariat, focal_point):
    """Version 1 returned, the institution's name corrected, version 2 submitted."""
    workflow.return_for_revision(report, secretariat, "Check the institution's name.")
    fmt = workflow.report_format(report)
    save_answers(
        report,
        fmt,
        {"party.focal_point.institution": {"value": "Ministry of Environment (SEMARNAT)"}},
        focal_point,
        "short",
    )
    workflow.submit(report, focal_point)
    return report


def _changed_key(report):
    fmt = workflow.report_format(report)
    return [
        c.question_key
        for c in diff_answers(
            fmt,
            submission_of(report, 1).content["answers"],
            submission_of(report, 2).content["answers"],
        )
    ]


def test_diff_lists_added_removed_and_changed_answers_in_format_order(minamata):
    before = {
        "art3.exports": {"state": "value", "value": "yes"},
        "art3.stocks": {"state": "value", "value": "no"},
        "party.focal_point.name": {"state": "value", "value": "A"},
    }
    after = {
        "art3.exports": {"state": "value", "value": "no"},
        "art3.primary_mining": {"state": "value", "value": "no"},
        "party.focal_point.name": {"state": "value", "value": "A"},
    }
    changes = diff_answers(minamata, before, after)
    assert [(c.question_key, c.change) for c in changes] == [
        ("art3.primary_mining", "added"),
        ("art3.stocks", "removed"),
        ("art3.exports", "changed"),
    ]
    assert changes[2].before["value"] == "yes" and changes[2].after["value"] == "no"


def test_review_page_shows_answers_by_section_with_numbers_and_texts(client, secretariat, report):
    login(client, secretariat)
    page = client.get(f"/secretariat/reports/{report.id}").get_data(as_text=True)
    assert "Mexico" in page and "2023-short" in page
    assert "Article 3: Mercury supply sources and trade" in page
    assert "Did your country allow any export of mercury during the reporting period?" in page
    assert 'id="q-art3.exports"' in page
    assert "Version 1 of 1" in page
    assert "Report started" in page and "Submitted" in page  # audit trail


def test_reading_a_version_uses_its_snapshot_not_the_live_answers(report, secretariat, focal_point):
    workflow.return_for_revision(report, secretariat, "Please check.")
    fmt = workflow.report_format(report)
    save_answers(
        report,
        fmt,
        {"party.focal_point.institution": {"value": "Changed after v1"}},
        focal_point,
        "short",
    )
    version, sections = review.read_version(report, 1)
    shown = {a.question.key: a for s in sections for a in s.answers}
    assert plain(shown["party.focal_point.institution"].shown.text) != "Changed after v1"
    _, working = review.read_version(
        Report(id=report.id, cycle=report.cycle, party=report.party, submitted_versions=0), None
    )
    live = {a.question.key: a for s in working for a in s.answers}
    assert plain(live["party.focal_point.institution"].shown.text) == "Changed after v1"


def test_choice_answers_show_labels_and_tables_show_rows(report):
    _, sections = review.read_version(report, 1)
    shown = {a.question.key: a for s in sections for a in s.answers}
    assert plain(shown["art3.exports"].shown.text) in ("Yes", "No")
    tables = [a.shown for a in shown.values() if a.shown.columns and a.shown.rows]
    assert tables, "the sample report has at least one table with rows"
    assert all(len(row) == len(t.columns) for t in tables for row in t.rows)


def test_unknown_version_is_404(client, secretariat, report):
    login(client, secretariat)
    assert client.get(f"/secretariat/reports/{report.id}?version=7").status_code == 404
    assert client.get("/secretariat/reports/999999").status_code == 404
    assert client.get("/secretariat/reports/99999999999").status_code == 404


def test_differences_between_versions_are_shown_question_by_question(
    client, secretariat, resubmitted
):
    login(client, secretariat)
    changed = _changed_key(resubmitted)
    assert changed == ["party.focal_point.institution"]
    page = client.get(f"/secretariat/reports/{resubmitted.id}?version=2&compare=1").get_data(
        as_text=True
    )
    assert "Differences between version 1 and version 2" in page
    assert 'href="#q-party.focal_point.institution"' in page
    diff = page[page.index("changes-title") : page.index('id="queries"')]
    assert "Ministry of Environment (SEMARNAT)" in diff
    same = client.get(f"/secretariat/reports/{resubmitted.id}?version=2&compare=2")
    assert "Differences between" not in same.get_data(as_text=True)


def test_return_for_revision_needs_a_message_and_is_audited(client, secretariat, report):
    login(client, secretariat)
    response = client.post(f"/secretariat/reports/{report.id}/return", data={"message": ""})
    assert response.status_code == 302 and report.status == ReportStatus.submitted
    response = client.post(
        f"/secretariat/reports/{report.id}/return",
        data={"message": "Please give quantities in tonnes."},
    )
    assert response.status_code == 302
    db.session.refresh(report)
    assert report.status == ReportStatus.returned
    event = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.report_id == report.id, AuditEvent.action == "report.return"
        )
    ).one()
    assert event.user_id == secretariat.id
    assert event.details["message"] == "Please give quantities in tonnes."


def test_accept_without_embargo_publishes_at_once(client, secretariat, report):
    login(client, secretariat)
    client.post(f"/secretariat/reports/{report.id}/accept", data={"embargo_until": ""})
    db.session.refresh(report)
    assert report.status == ReportStatus.accepted and report.is_published
    assert db.session.scalar(select(Report.id).where(Report.published_clause())) == report.id


def test_accept_with_a_future_embargo_is_not_published_until_then(client, secretariat, report):
    login(client, secretariat)
    day = (utcnow() + timedelta(days=30)).date()
    response = client.post(
        f"/secretariat/reports/{report.id}/accept",
        data={"embargo_until": day.isoformat()},
        follow_redirects=True,
    )
    assert "will be published on" in response.get_data(as_text=True)
    db.session.refresh(report)
    assert report.status == ReportStatus.accepted and not report.is_published
    assert report.publish_after == datetime(day.year, day.month, day.day, tzinfo=UTC)
    assert db.session.scalar(select(Report.id).where(Report.published_clause())) is None
    later = report.publish_after + timedelta(seconds=1)
    assert db.session.scalar(select(Report.id).where(Report.published_clause(later))) == report.id
    page = client.get(f"/secretariat/reports/{report.id}").get_data(as_text=True)
    assert "embargoed until" in page


def test_accepting_or_returning_twice_is_refused(client, secretariat, report):
    login(client, secretariat)
    client.post(f"/secretariat/reports/{report.id}/accept", data={})
    assert client.post(f"/secretariat/reports/{report.id}/accept", data={}).status_code == 403
    assert (
        client.post(f"/secretariat/reports/{report.id}/return", data={"message": "x"}).status_code
        == 403
    )
    db.session.refresh(report)
    assert report.status == ReportStatus.accepted


@pytest.mark.parametrize("who", ["focal_point", "contributor"])
def test_national_users_cannot_return_or_accept(client, request, report, who):
    login(client, request.getfixturevalue(who))
    assert client.post(f"/secretariat/reports/{report.id}/accept", data={}).status_code == 403
    assert (
        client.post(f"/secretariat/reports/{report.id}/return", data={"message": "x"}).status_code
        == 403
    )
    db.session.refresh(report)
    assert report.status == ReportStatus.submitted


def test_decision_forms_are_offered_only_for_a_submitted_report(client, secretariat, report):
    login(client, secretariat)
    assert 'id="decision"' in client.get(f"/secretariat/reports/{report.id}").get_data(as_text=True)
    client.post(f"/secretariat/reports/{report.id}/accept", data={})
    assert 'id="decision"' not in client.get(f"/secretariat/reports/{report.id}").get_data(
        as_text=True
    )


def test_resubmitted_report_can_be_accepted(client, secretariat, resubmitted):
    login(client, secretariat)
    client.post(f"/secretariat/reports/{resubmitted.id}/accept", data={})
    db.session.refresh(resubmitted)
    assert resubmitted.status == ReportStatus.accepted and resubmitted.submitted_versions == 2


def test_questions_hidden_by_a_condition_are_marked_not_asked(
    party_b, short_cycle, other_focal_point
):
    from tests.secretariat.factories import filled_report

    report = filled_report(party_b, short_cycle, other_focal_point)
    fmt = workflow.report_format(report)
    save_answers(report, fmt, {"art3.stocks": {"value": "no"}}, other_focal_point, "short")
    workflow.submit(report, other_focal_point)
    _, sections = review.read_version(report, 1)
    shown = {a.question.key: a for s in sections for a in s.answers}
    assert shown["art3.stocks.list"].hidden and shown["art3.stocks.sources"].hidden
    assert not shown["art3.stocks"].hidden and plain(shown["art3.stocks"].shown.text) == "No"


def test_a_multiple_choice_reads_as_its_options_labels(minamata, request_ctx):
    """Each chosen code is one option ("iii" is not three times "i")."""
    q = next(q for q in minamata.iter_questions() if q.kind.multiple and len(q.choices) >= 3)
    codes = [c.code for c in q.choices]
    longest = max(codes, key=len)
    shown = present(q, {"value": [longest]})
    assert [plain(line) for line in shown.lines] == [
        next(str(c.label) for c in q.choices if c.code == longest)
    ]
    assert plain(present(q, {"value": codes[:2]}).text).count(";") == 1
