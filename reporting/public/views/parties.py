"""One page per Party: its published answers across cycles side by side, and the PDF of
each published report.

A Party appears once one of its reports is published. Its answers are the accepted
version as the public may see it (`reporting.reports.reading.published`): confidential
answers and questions that identify a person are not there at all, so they show as a
dash, like a question left unanswered. Values are printed by the one presenter
(`reporting.reports.present`), so the page and its PDFs say the same in the page's
language.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, render_template
from flask_babel import gettext as _
from sqlalchemy import select

from ...extensions import db
from ...geography.names import country_name, sort_key
from ...models import Party, Report, ReportingCycle
from ...pdf.fonts import FontsMissing
from ...pdf.report import published_version, render_report
from ...questionnaire.definition import Format, Question
from ...questionnaire.translate import qt
from ...reports.present import Presented, is_unanswered, present
from ...reports.reading import published, read_version
from .. import bp
from ..cache import Payload, cached
from ..selection import language

ISO3 = "<string(length=3):iso3>"


@dataclass(frozen=True)
class Published:
    """One published report of the Party: its cycle and its published answers (typed)."""

    cycle: ReportingCycle
    fmt: Format
    answers: dict[str, dict]


def published_parties() -> list[dict]:
    """Parties with a published report and their published cycles (oldest first), by
    name in the page's language."""
    rows = db.session.execute(
        select(Party, ReportingCycle)
        .join(Report, Report.party_id == Party.id)
        .join(ReportingCycle, ReportingCycle.id == Report.cycle_id)
        .where(Report.published_clause())
        .order_by(ReportingCycle.year, ReportingCycle.code)
    ).all()
    parties: dict[int, dict] = {}
    for party, cycle in rows:
        entry = parties.setdefault(
            party.id, {"party": party, "name": country_name(party.iso3), "cycles": []}
        )
        entry["cycles"].append(cycle)
    return sorted(parties.values(), key=lambda entry: sort_key(entry["name"]))


def _party_or_404(iso3: str) -> Party:
    party = db.session.scalars(select(Party).where(Party.iso3 == iso3)).first()
    return party or abort(404)


def published_reports(party: Party) -> list[Report]:
    """The Party's published reports, oldest cycle first."""
    return list(
        db.session.scalars(
            select(Report)
            .join(ReportingCycle, ReportingCycle.id == Report.cycle_id)
            .where(Report.party_id == party.id, Report.published_clause())
            .order_by(ReportingCycle.year, ReportingCycle.code)
        )
    )


def _published(report: Report) -> Published:
    version = read_version(report, report.submitted_versions)
    if version is None:
        abort(404)
    read = published(version)
    return Published(report.cycle, read.fmt, read.answers)


def cell(q: Question | None, answer: dict | None) -> Presented:
    """An answer as the presenter gives it; nothing for no (published) answer."""
    if q is None or is_unanswered(q, answer):
        return Presented()
    return present(q, answer)


def answer_sections(columns: list[Published]) -> list[dict]:
    """Sections (format order) of the questions asked in any of the cycles, each question
    with one cell per cycle; questions that identify a person are left out."""
    sections: dict[str, dict] = {}
    for column in reversed(columns):  # the newest format's texts and order first
        fmt = column.fmt
        for q in fmt.iter_questions(column.cycle.kind):
            if q.personal:
                continue
            section = sections.setdefault(
                q.section_key,
                {"key": q.section_key, "title": qt(fmt.section(q.section_key).title), "rows": {}},
            )
            section["rows"].setdefault(q.key, q)
    for section in sections.values():
        section["rows"] = [
            {
                "number": q.shown_number,
                "text": qt(q.text),
                "cells": [
                    cell(
                        c.fmt.question(key) if c.fmt.has_question(key) else None, c.answers.get(key)
                    )
                    for c in columns
                ],
            }
            for key, q in section["rows"].items()
        ]
    return list(sections.values())


@bp.get("/<lang>/parties/")
def parties():
    """Every Party with a published report, with its regional group and cycles."""
    return cached(lambda: render_template("public/parties.html", parties=published_parties()))


@bp.get(f"/<lang>/parties/{ISO3}")
def party(iso3):
    """A Party's published answers, its published cycles side by side."""

    def render():
        found = _party_or_404(iso3)
        reports = published_reports(found) or abort(404)
        columns = [_published(report) for report in reports]
        return render_template(
            "public/party.html",
            party=found,
            name=country_name(found.iso3),
            columns=columns,
            sections=answer_sections(columns),
        )

    return cached(render)


@bp.get(f"/<lang>/parties/{ISO3}/<string(maxlength=32):cycle>.pdf")
def party_pdf(iso3, cycle):
    """The published report of a cycle as a PDF in the page's language."""

    def render():
        found = _party_or_404(iso3)
        report = next((r for r in published_reports(found) if r.cycle.code == cycle), None)
        version = published_version(report) if report else None
        if version is None:
            abort(404)
        lang = language()
        return Payload(
            render_report(version, lang), "application/pdf", f"{found.iso3}-{cycle}-{lang}.pdf"
        )

    try:
        return cached(render)
    except FontsMissing as error:  # a server set up without the font packages
        current_app.logger.error("%s", error)
        return _("PDFs cannot be made on this server at the moment."), 503
