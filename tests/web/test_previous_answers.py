"""The previous report's answer beside each question of a page, and copying it in."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from reporting.reports.answers import load_answers
from reporting.reports.workflow import report_format
from tests.previous_reports import history_report

from .helpers import form_fields, login, reload


@pytest.fixture
def history(request_ctx, party_a, focal_point):
    return history_report(party_a, focal_point)


def _page(client, report, key="art3"):
    return client.get(f"/reports/{report.id}/pages/{key}")


def _note(html: str, key: str) -> str:
    """The previous-answer note of question `key`, or ""."""
    found = re.search(
        rf'<div class="previous-answer" data-copy-for="q\.{re.escape(key)}".*?</div>\s*'
        r"(?:<button.*?</button>\s*<span[^>]*></span>\s*)?</div>",
        html,
        re.S,
    )
    return found.group(0) if found else ""


def test_the_page_shows_each_previous_answer_with_its_cycle(fp_client, history):
    html = _page(fp_client, history).text
    note = _note(html, "art3.chlor_alkali.quantity")
    assert "Your answer in Full report 2021:" in note
    assert "12.5" in note and 'name="copy_previous" value="art3.chlor_alkali.quantity"' in note
    # described by the note
    assert 'aria-describedby="q.art3.chlor_alkali.quantity-previous"' in note
    other = _note(html, "art3.exports.total_quantity")
    assert "Your answer in Short report 2023:" in other and "40" in other


def test_a_period_bound_question_starts_empty_with_its_old_answer_beside(fp_client, history):
    html = _page(fp_client, history).text
    fields = form_fields(html)
    assert fields["q.art3.exports-value"] == "yes"  # carried over
    assert fields["q.art3.exports.total_quantity-value"] == ""  # period-bound: not carried
    note = _note(html, "art3.exports.total_quantity")
    assert "Short report 2023" in note and 'data-fill=\'{"state": "value", "value": "40"}\'' in note


def test_no_previous_answer_no_note(client, request_ctx, party_b, other_focal_point):
    from reporting.reports import workflow
    from tests.previous_reports import cycle

    report = workflow.start_report(party_b, cycle("2025-full"), other_focal_point)
    from reporting.extensions import db

    db.session.commit()
    login(client, other_focal_point)
    html = _page(client, report).text
    assert "previous-answer" not in html and "copy_previous" not in html


def test_another_partys_page_never_shows_our_answers(client, history, party_b, other_focal_point):
    from reporting.extensions import db
    from reporting.reports import workflow
    from tests.previous_reports import cycle

    theirs = workflow.start_report(party_b, cycle("2025-full"), other_focal_point)
    db.session.commit()
    login(client, other_focal_point)
    assert "previous-answer" not in _page(client, theirs).text
    assert _page(client, history).status_code in (403, 404)


def test_copying_without_javascript_saves_the_previous_answer(fp_client, history):
    lock = history.lock_version
    fields = form_fields(_page(fp_client, history).text)
    fields["copy_previous"] = "art3.chlor_alkali.quantity"
    fields["q.art3.chlor_alkali-value"] = "yes"
    fields["q.art3.chlor_alkali.quantity-comment"] = "checked with the ministry"
    response = fp_client.post(f"/reports/{history.id}/pages/art3", data=fields)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/pages/art3#q.art3.chlor_alkali.quantity")
    report = reload(history)
    stored = load_answers(report, report_format(report))["art3.chlor_alkali.quantity"]
    assert stored["value"] == Decimal("12.5")
    assert stored["comment"] == "checked with the ministry"  # the rest as typed
    assert report.lock_version > lock  # saved through the optimistic lock
    html = fp_client.get(response.headers["Location"]).text
    assert "Your answer from Full report 2021 was copied in and saved." in html
    assert 'name="copy_previous" value="art3.chlor_alkali.quantity"' not in html  # same now


def test_copying_a_table_takes_its_rows_from_the_server(fp_client, history):
    from reporting.reports.history import previous_answers

    fmt = report_format(history)
    previous = previous_answers(history, fmt, [fmt.question("art3.exports.list")])
    rows = previous["art3.exports.list"].answer["value"]
    html = _page(fp_client, history).text
    note = _note(html, "art3.exports.list")
    assert note and "data-fill" not in note  # no script copy: the server adds the rows
    fields = form_fields(html)
    fields["copy_previous"] = "art3.exports.list"
    fp_client.post(f"/reports/{history.id}/pages/art3", data=fields)
    report = reload(history)
    assert load_answers(report, fmt)["art3.exports.list"]["value"] == rows


def test_copying_with_a_stale_page_is_refused_as_a_concurrent_save(fp_client, history):
    fields = form_fields(_page(fp_client, history).text)
    fields["lock_version"] = "0"
    fields["q.art3.chlor_alkali.quantity-original"] = "stale"
    fields["copy_previous"] = "art3.chlor_alkali.quantity"
    response = fp_client.post(f"/reports/{history.id}/pages/art3", data=fields)
    assert response.status_code == 409  # someone else changed it: both shown, nothing lost


def test_copying_a_question_without_previous_answer_says_so(fp_client, history):
    fields = form_fields(_page(fp_client, history).text)
    fields["copy_previous"] = "art5.part1"  # answered before, but not a question of this page
    fields["q.art3.chlor_alkali.quantity-comment"] = "typed before the click"
    response = fp_client.post(f"/reports/{history.id}/pages/art3", data=fields)
    assert response.status_code == 400
    assert "There is no previous answer to copy for this question." in response.text
    assert "typed before the click" in response.text  # nothing typed is lost
    fields["copy_previous"] = "no.such.question"
    assert fp_client.post(f"/reports/{history.id}/pages/art3", data=fields).status_code == 400
