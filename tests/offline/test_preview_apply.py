"""Previewing and applying a workbook: changes, problems, conflicts, merging, the trail."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reporting.extensions import db as _db
from reporting.models import Answer, AuditEvent, ReportStatus
from reporting.offline.apply import NotEditable, PreviewChanged, apply_changes
from reporting.offline.preview import (
    PreviewInvalid,
    compare,
    incoming_answers,
    sign,
    unsign,
)
from reporting.offline.read import read_workbook
from reporting.reports.answers import load_answers, save_answers
from reporting.reports.workflow import report_format

from .builders import Book


def _changes(report, book):
    fmt = report_format(report)
    workbook = read_workbook(book.bytes(), report, fmt)
    return compare(report, fmt, incoming_answers(workbook.answers))


def _apply(report, book, user, take=()):
    fmt = report_format(report)
    workbook = read_workbook(book.bytes(), report, fmt)
    incoming = incoming_answers(workbook.answers)
    changes = compare(report, fmt, incoming)
    seen = {c.key: c.seen for c in changes}
    return apply_changes(report, fmt, incoming, seen, user, take=set(take))


def _stored(report):
    return load_answers(report, report_format(report))


def _events(report):
    return _db.session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.report_id == report.id, AuditEvent.action == "answer.change")
    )


def test_every_change_is_listed_with_current_and_new_answers(tiny_report, focal_point):
    fmt = report_format(tiny_report)
    save_answers(tiny_report, fmt, {"art1.count": {"value": "3"}, "art1.year": {"value": "2020"}})
    book = Book(tiny_report).answer("art1.count", 4).answer("art1.year", 2020)
    book.answer("art1.mining.tonnes", "1234.5")
    changes = _changes(tiny_report, book)
    assert [c.key for c in changes] == ["art1.mining.tonnes", "art1.count"]  # format order
    count = changes[1]
    assert count.current.text == "\u20683\u2069" and count.new.text == "\u20684\u2069"
    assert "1,234.5" in changes[0].new.text and not changes[0].conflict
    assert not any(c.problems for c in changes)


def test_problems_come_from_the_draft_validation_and_the_value_is_saved_as_typed(
    tiny_report, focal_point
):
    book = Book(tiny_report).answer("art1.count", 500).answer("art1.colour", "Purple")
    book.table("art1.exports", [{"country": "Atlantis", "quantity": "-1"}])
    changes = {c.key: c for c in _changes(tiny_report, book)}
    assert changes["art1.count"].problems == ("Enter a number from 0 to 100.",)
    assert changes["art1.colour"].problems == ("Choose one of the listed options.",)
    assert any("Row 1, Quantity" in p for p in changes["art1.exports"].problems)
    assert changes["art1.colour"].new.invalid
    _apply(tiny_report, book, focal_point)
    stored = _stored(tiny_report)
    assert stored["art1.count"]["value"] == "500" and stored["art1.count"]["invalid"]
    assert stored["art1.colour"]["value"] == "Purple"


def test_apply_saves_in_one_go_with_one_audit_event_per_changed_answer(tiny_report, focal_point):
    book = Book(tiny_report).answer("art1.count", 4).answer("art1.year", 2021)
    book.answer("art1.note", "Hello", comment="From customs")
    lock = tiny_report.lock_version
    before = _events(tiny_report)
    saved = _apply(tiny_report, book, focal_point)
    assert sorted(saved) == ["art1.count", "art1.note", "art1.year"]
    assert _events(tiny_report) - before == 3
    assert tiny_report.lock_version == lock + 1
    stored = _stored(tiny_report)
    assert stored["art1.count"]["value"] == 4
    assert stored["art1.note"]["comment"] == "From customs"
    # The same workbook again changes nothing, and writes nothing.
    assert _changes(tiny_report, Book(tiny_report).answer("art1.count", 4)) == []


def test_the_confidential_mark_is_kept(tiny_report, focal_point):
    fmt = report_format(tiny_report)
    save_answers(tiny_report, fmt, {"art1.count": {"value": "3", "confidential": True}})
    _apply(tiny_report, Book(tiny_report).answer("art1.count", 9), focal_point)
    assert _stored(tiny_report)["art1.count"]["confidential"] is True


def test_conditions_are_refreshed(tiny_report, focal_point):
    fmt = report_format(tiny_report)
    save_answers(
        tiny_report, fmt, {"art1.mining": {"value": "yes"}, "art1.mining.tonnes": {"value": "5"}}
    )
    _apply(tiny_report, Book(tiny_report).answer("art1.mining", "No"), focal_point)
    hidden = _db.session.scalar(
        select(Answer.hidden).where(
            Answer.report_id == tiny_report.id, Answer.question_key == "art1.mining.tonnes"
        )
    )
    assert hidden is True


def test_an_answer_changed_in_the_browser_and_left_alone_in_the_workbook_is_kept(
    tiny_report, focal_point
):
    book = Book(tiny_report).answer("art1.count", 4)  # downloaded now: count is blank
    save_answers(tiny_report, report_format(tiny_report), {"art1.year": {"value": "2030"}})
    changes = _changes(tiny_report, book)
    assert [c.key for c in changes] == ["art1.count"]
    _apply(tiny_report, book, focal_point)
    assert _stored(tiny_report)["art1.year"]["value"] == 2030


def test_a_conflict_is_shown_and_applied_only_when_chosen(tiny_report, focal_point):
    fmt = report_format(tiny_report)
    book = Book(tiny_report).answer("art1.count", 4).answer("art1.year", 2021)
    save_answers(tiny_report, fmt, {"art1.count": {"value": "8"}})  # in the browser meanwhile
    changes = {c.key: c for c in _changes(tiny_report, book)}
    assert changes["art1.count"].conflict and not changes["art1.year"].conflict
    assert changes["art1.count"].current.text == "\u20688\u2069"
    assert changes["art1.count"].new.text == "\u20684\u2069"
    _apply(tiny_report, book, focal_point)
    stored = _stored(tiny_report)
    assert stored["art1.count"]["value"] == 8  # neither value lost: the browser's kept
    assert stored["art1.year"]["value"] == 2021
    # Chosen explicitly, the workbook's value is saved.
    _apply(tiny_report, book, focal_point, take=["art1.count"])
    assert _stored(tiny_report)["art1.count"]["value"] == 4


def test_a_change_made_between_preview_and_confirmation_is_shown_again(tiny_report, focal_point):
    fmt = report_format(tiny_report)
    book = Book(tiny_report).answer("art1.count", 4).answer("art1.year", 2021)
    incoming = incoming_answers(read_workbook(book.bytes(), tiny_report, fmt).answers)
    seen = {c.key: c.seen for c in compare(tiny_report, fmt, incoming)}
    save_answers(tiny_report, fmt, {"art1.count": {"value": "8"}})  # saved in the browser
    _db.session.flush()
    lock = tiny_report.lock_version
    with pytest.raises(PreviewChanged) as caught:
        apply_changes(tiny_report, fmt, incoming, seen, focal_point, take={"art1.count"})
    assert {c.key: c.conflict for c in caught.value.changes} == {
        "art1.count": True,
        "art1.year": False,
    }
    stored = _stored(tiny_report)
    assert stored["art1.count"]["value"] == 8 and "art1.year" not in stored
    assert tiny_report.lock_version == lock


def test_two_workbooks_with_different_pages_merge(tiny_report, focal_point):
    first = Book(tiny_report, pages=["art1"]).answer("art1.count", 4)
    second = Book(tiny_report, pages=["art2"]).answer("art2.share", "40")
    assert (
        "art2.share"
        not in read_workbook(first.bytes(), tiny_report, report_format(tiny_report)).answers
    )
    _apply(tiny_report, first, focal_point)
    assert [c.key for c in _changes(tiny_report, second)] == ["art2.share"]
    _apply(tiny_report, second, focal_point)
    stored = _stored(tiny_report)
    assert stored["art1.count"]["value"] == 4
    assert str(stored["art2.share"]["value"]) == "40"


def test_a_blank_workbook_fills_in_without_erasing(tiny_report, focal_point):
    fmt = report_format(tiny_report)
    save_answers(tiny_report, fmt, {"art1.count": {"value": "3"}, "art1.year": {"value": "2020"}})
    book = Book(tiny_report, blank=True).answer("art1.note", "New").answer("art1.year", 2022)
    changes = {c.key: c for c in _changes(tiny_report, book)}
    assert set(changes) == {"art1.note", "art1.year"}  # count left blank: not erased
    assert changes["art1.year"].conflict and not changes["art1.note"].conflict


def test_only_draft_reports_take_a_workbook(tiny_report, focal_point):
    book = Book(tiny_report).answer("art1.count", 4)
    tiny_report.status = ReportStatus.submitted
    with pytest.raises(NotEditable):
        _apply(tiny_report, book, focal_point)


def test_the_signed_preview_is_checked(tiny_report, focal_point, contributor):
    fmt = report_format(tiny_report)
    changes = _changes(tiny_report, Book(tiny_report).answer("art1.count", 4))
    token = sign(tiny_report, focal_point, changes)
    incoming, seen = unsign(token, tiny_report, focal_point, fmt)
    assert incoming["art1.count"].payload["value"] == "4"
    assert seen == {"art1.count": changes[0].seen}
    for bad in (token[:-3] + "abc", "", "not a token"):
        with pytest.raises(PreviewInvalid):
            unsign(bad, tiny_report, focal_point, fmt)
    with pytest.raises(PreviewInvalid):
        unsign(token, tiny_report, contributor, fmt)
