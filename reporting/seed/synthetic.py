"""Synthetic reporting data at scale, for benchmarks and trials (`flask ort synth`).

A few template reports per report kind are made the way focal points and the secretariat
make them, through the app's own modules: started, filled with sample answers (tables
included), submitted, and — for some — returned for revision, resubmitted and accepted.
Every other report copies a template's answers and table cells by bulk insert (the same
shape of data, a thousand times faster), in a mix of states: published, submitted,
returned and draft. Synthetic Parties ("Q00", "Q01", ...) are added, members of the
convention, when more Parties are asked for than the seeded list holds.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import insert, select

from ..extensions import db
from ..models import (
    Answer,
    AnswerCell,
    Party,
    PartyMembership,
    RegionalGroup,
    Report,
    ReportingCycle,
    ReportStatus,
    Role,
    Submission,
    User,
)
from ..models.types import utcnow
from ..questionnaire.samples import sample_answers
from ..reports import workflow
from ..reports.answers import save_answers

TEMPLATES_PER_KIND = 3
#: The copies' states, in turn: most published, some waiting, a few back with the Party.
MIX = ("accepted",) * 6 + ("submitted",) * 2 + ("returned", "draft")
_TYPED = ("value_text", "value_number", "value_date", "value_json")


def parties(count: int, convention: str | None = None) -> list[Party]:
    """`count` Parties: the seeded ones by ISO3 code, then synthetic ones (members of
    `convention` when given)."""
    found = list(db.session.scalars(select(Party).order_by(Party.iso3)))
    groups = list(RegionalGroup)
    n = 0
    while len(found) < count:  # synthetic Parties: "Q00", "Q01", ... (not ISO codes)
        code = f"{chr(ord('Q') + n // 100)}{n % 100:02d}"
        n += 1
        if any(p.iso3 == code for p in found):
            continue
        party = Party(
            iso3=code, name=f"Synthetic Party {code}", regional_group=groups[n % len(groups)]
        )
        db.session.add(party)
        found.append(party)
    chosen = found[:count]
    db.session.flush()
    if convention is not None:
        members = set(
            db.session.scalars(
                select(PartyMembership.party_id).where(PartyMembership.convention == convention)
            )
        )
        for party in chosen:
            if party.id not in members:
                db.session.add(PartyMembership(party_id=party.id, convention=convention))
        db.session.flush()
    return chosen


def _focal_point(party: Party, cycle: ReportingCycle) -> User:
    email = f"synth.{party.iso3.lower()}.{cycle.code}@example.org"
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(
            email=email, role=Role.focal_point, party=party, name=f"Focal point of {party.name}"
        )
        db.session.add(user)
    return user


def template(party: Party, cycle: ReportingCycle, seed: int, reviewer: User | None = None):
    """A report filled with sample answers and submitted through the workflow; with a
    `reviewer`, the second template of a kind is also returned for revision, revised and
    submitted again (two submitted versions)."""
    user = _focal_point(party, cycle)
    report = workflow.start_report(party, cycle, user, carry_over=False)
    fmt = workflow.report_format(report)
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    answers = sample_answers(fmt, cycle.kind, seed=seed, skip=prefilled)
    save_answers(report, fmt, answers, user, cycle.kind)
    _submit(report, user)
    if reviewer is not None and seed == 2:
        workflow.return_for_revision(report, reviewer, "Please check the quantities.")
        revised = sample_answers(fmt, cycle.kind, seed=seed + 100, skip=prefilled)
        save_answers(report, fmt, revised, user, cycle.kind)
        _submit(report, user)
    return report


def _submit(report: Report, user: User) -> None:
    try:
        workflow.submit(report, user)
    except workflow.SubmissionBlocked as exc:
        raise RuntimeError(f"template {report.id}: {exc.issues}") from exc


def copy_rows(template_id: int) -> list[dict]:
    """A report's answers with their table cells, as rows to insert for another report."""
    return [
        {
            "question_key": a.question_key,
            "state": a.state,
            "confidential": a.confidential,
            "hidden": a.hidden,
            **{c: getattr(a, c) for c in _TYPED},
            "cells": [
                {
                    "row_index": c.row_index,
                    "column_key": c.column_key,
                    **{k: getattr(c, k) for k in _TYPED},
                }
                for c in a.cells
            ],
        }
        for a in db.session.scalars(select(Answer).where(Answer.report_id == template_id))
    ]


def _submission(report_id: int) -> dict:
    s = db.session.scalars(
        select(Submission)
        .where(Submission.report_id == report_id)
        .order_by(Submission.version_no.desc())
    ).first()
    assert s is not None
    return {
        "format_id": s.format_id,
        "format_version": s.format_version,
        "language": s.language,
        "content": s.content,
        "content_hash": s.content_hash,
    }


def alternate(index: int, party, cycle) -> str:
    """Every other copied report accepted, the others submitted (the older benchmarks)."""
    return "accepted" if index % 2 else "submitted"


def mixed(index: int, party, cycle) -> str:
    """The copies' states in the proportions of `MIX`."""
    return MIX[index % len(MIX)]


def fill(
    chosen: list,
    cycles: list,
    *,
    limit: int | None = None,
    skip=frozenset(),
    status: Callable[[int, object, object], str] = alternate,
    reviewer=None,
) -> int:
    """Reports of the `chosen` Parties in each of `cycles` (committed cycle by cycle);
    returns how many were made. `skip`: (party id, cycle id) pairs left as they are;
    `limit`: stop after that many reports.

    The first TEMPLATES_PER_KIND reports of each kind are templates (through the
    workflow); the others copy a template's rows with `status(index, party, cycle)`
    (accepted, submitted, returned or draft). Without `reviewer`, accepted copies have no
    acceptance date or Submission row. With `reviewer`, accepted means published: a
    template is accepted by the reviewer through the workflow, and a copy gets its
    acceptance and publication time (now) and a copy of its template's submitted version,
    so that pages reading the accepted version (a Party's page, PDFs) work on it too.
    """
    templates: dict[str, list] = {}
    made = 0
    for cycle in cycles:
        kind = cycle.kind
        for index, party in enumerate(chosen):
            if limit is not None and made >= limit:
                break
            if (party.id, cycle.id) in skip:
                continue
            made += 1
            state = status(index, party, cycle)
            if len(templates.setdefault(kind, [])) < TEMPLATES_PER_KIND:
                seed = len(templates[kind]) + 1
                report = template(party, cycle, seed=seed, reviewer=reviewer)
                templates[kind].append(
                    (copy_rows(report.id), _submission(report.id) if reviewer else None)
                )
                if reviewer is not None and state == "accepted":
                    workflow.accept(report, reviewer)
                continue
            source, submitted = templates[kind][index % len(templates[kind])]
            _copy(party, cycle, state, source, submitted, published=reviewer is not None)
        db.session.commit()
    return made


def _copy(party, cycle, state: str, source: list, submitted: dict | None, published: bool):
    now = utcnow()
    sent = state != "draft"
    accepted = published and state == "accepted"
    report = Report(
        party=party,
        cycle=cycle,
        submitted_versions=(2 if state == "returned" else 1) if sent else 0,
        status=ReportStatus(state),
        submitted_at=now if sent else None,
        language="en",
        accepted_at=now if accepted else None,
        publish_after=now if accepted else None,
    )
    db.session.add(report)
    db.session.flush()
    if submitted is not None and sent:
        db.session.add(Submission(report_id=report.id, version_no=1, submitted_at=now, **submitted))
    rows = [{k: v for k, v in a.items() if k != "cells"} | {"report_id": report.id} for a in source]
    ids = db.session.execute(insert(Answer).returning(Answer.id, Answer.question_key), rows).all()
    by_key = {key: answer_id for answer_id, key in ids}
    cells = [
        {**cell, "answer_id": by_key[a["question_key"]]} for a in source for cell in a["cells"]
    ]
    if cells:
        db.session.execute(insert(AnswerCell), cells)


def reviewer() -> User:
    """The secretariat reviewer who returns and accepts the synthetic reports."""
    email = "synth.reviewer@example.org"
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, role=Role.secretariat, name="Synthetic reviewer")
        db.session.add(user)
        db.session.flush()
    return user


def synthesize(party_count: int, cycle_count: int, convention: str = "minamata") -> dict:
    """Reports of `party_count` Parties in the first `cycle_count` cycles of `convention`
    (templates through the workflow, copies in the `MIX` of states); the Parties and cycles
    already reported are left as they are. Returns what was made."""
    cycles = list(
        db.session.scalars(
            select(ReportingCycle)
            .where(ReportingCycle.convention == convention)
            .order_by(ReportingCycle.year)
        )
    )
    if cycle_count > len(cycles):
        raise ValueError(f"{convention} has {len(cycles)} reporting cycles, not {cycle_count}")
    cycles = cycles[:cycle_count]
    chosen = parties(party_count, convention)
    existing = set(
        db.session.execute(
            select(Report.party_id, Report.cycle_id).where(
                Report.cycle_id.in_([c.id for c in cycles])
            )
        ).tuples()
    )
    made = fill(chosen, cycles, skip=existing, status=mixed, reviewer=reviewer())
    return {"parties": len(chosen), "cycles": [c.code for c in cycles], "reports": made}
