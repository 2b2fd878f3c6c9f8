"""Scratch data for the benchmarks: many Parties' filled reports, made fast.

A few template reports per report kind are made the way focal points make them (start,
save sample answers, submit); every other report gets a copy of a template's answers and
table cells by bulk insert (same shape of data, a thousand times faster). Synthetic
Parties ("Q00", "Q01", ...) are added when more Parties are asked for than the seeded
list holds, spread over the regional groups.

Used by exports_memory.py, queue_isolation.py and public_pages.py (run from bench/, which
is on sys.path as the scripts' folder).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
TEMPLATES_PER_KIND = 3


def app(url: str):
    """The app on the database at `url` (a scratch instance folder unless one is set)."""
    if "ORT_INSTANCE_PATH" not in os.environ:
        os.environ["ORT_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="ort-bench-")
    from reporting import create_app

    return create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False}
    )


def parties(count: int) -> list:
    """`count` Parties: the seeded ones by ISO3 code, then synthetic ones."""
    from sqlalchemy import select

    from reporting.extensions import db
    from reporting.models import Party, RegionalGroup

    found = list(db.session.scalars(select(Party).order_by(Party.iso3)))
    groups = list(RegionalGroup)
    n = 0
    while len(found) < count:  # synthetic Parties: "Q00", "Q01", ... (not ISO codes)
        code = f"{chr(ord('Q') + n // 100)}{n % 100:02d}"
        n += 1
        party = Party(
            iso3=code, name=f"Synthetic Party {code}", regional_group=groups[n % len(groups)]
        )
        db.session.add(party)
        found.append(party)
    db.session.flush()
    return found[:count]


def template(party, cycle, seed: int):
    """A report filled with sample answers and submitted through the workflow."""
    from reporting.extensions import db
    from reporting.models import Role, User
    from reporting.questionnaire.samples import sample_answers
    from reporting.reports import workflow
    from reporting.reports.answers import save_answers

    user = User(
        email=f"bench.{party.iso3.lower()}.{cycle.code}@example.org",
        role=Role.focal_point,
        party=party,
        name=f"Focal point of {party.name}",
    )
    db.session.add(user)
    report = workflow.start_report(party, cycle, user, carry_over=False)
    fmt = workflow.report_format(report)
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    answers = sample_answers(fmt, cycle.kind, seed=seed, skip=prefilled)
    save_answers(report, fmt, answers, user, cycle.kind)
    try:
        workflow.submit(report, user)
    except workflow.SubmissionBlocked as exc:
        raise SystemExit(f"template {party.iso3} {cycle.code}: {exc.issues}") from exc
    return report


def copy_rows(template_id: int) -> list[dict]:
    """A report's answers with their table cells, as rows to insert for another report."""
    from sqlalchemy import select

    from reporting.extensions import db
    from reporting.models import Answer

    typed = ("value_text", "value_number", "value_date", "value_json")
    return [
        {
            "question_key": a.question_key,
            "state": a.state,
            "confidential": a.confidential,
            "hidden": a.hidden,
            **{c: getattr(a, c) for c in typed},
            "cells": [
                {
                    "row_index": c.row_index,
                    "column_key": c.column_key,
                    **{k: getattr(c, k) for k in typed},
                }
                for c in a.cells
            ],
        }
        for a in db.session.scalars(select(Answer).where(Answer.report_id == template_id))
    ]


def _submission(report_id: int) -> dict:
    from sqlalchemy import select

    from reporting.extensions import db
    from reporting.models import Submission

    s = db.session.scalars(select(Submission).where(Submission.report_id == report_id)).one()
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

    The first TEMPLATES_PER_KIND reports of each kind are templates (submitted through
    the workflow); the others copy a template's rows with `status(index, party, cycle)`
    ("accepted" or "submitted"). Without `reviewer` that is all (accepted copies have no
    acceptance date or Submission row). With `reviewer`, accepted means published: a
    template is accepted by the reviewer through the workflow, and a copy gets its
    acceptance and publication time (now) and a copy of its template's submitted version,
    so that pages reading the accepted version (a Party's page, PDFs) work on it too.
    """
    from sqlalchemy import insert

    from reporting.extensions import db
    from reporting.models import Answer, AnswerCell, Report, ReportStatus, Submission
    from reporting.models.types import utcnow
    from reporting.reports import workflow

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
                report = template(party, cycle, seed=len(templates[kind]) + 1)
                templates[kind].append(
                    (copy_rows(report.id), _submission(report.id) if reviewer else None)
                )
                if reviewer is not None and state == "accepted":
                    workflow.accept(report, reviewer)
                continue
            source, submitted = templates[kind][index % len(templates[kind])]
            now = utcnow()
            published = reviewer is not None and state == "accepted"
            report = Report(
                party=party,
                cycle=cycle,
                submitted_versions=1,
                status=ReportStatus(state),
                submitted_at=now,
                language="en",
                accepted_at=now if published else None,
                publish_after=now if published else None,
            )
            db.session.add(report)
            db.session.flush()
            if submitted is not None:
                db.session.add(
                    Submission(report_id=report.id, version_no=1, submitted_at=now, **submitted)
                )
            rows = [
                {k: v for k, v in a.items() if k != "cells"} | {"report_id": report.id}
                for a in source
            ]
            ids = db.session.execute(
                insert(Answer).returning(Answer.id, Answer.question_key), rows
            ).all()
            by_key = {key: answer_id for answer_id, key in ids}
            cells = [
                {**cell, "answer_id": by_key[a["question_key"]]}
                for a in source
                for cell in a["cells"]
            ]
            if cells:
                db.session.execute(insert(AnswerCell), cells)
        db.session.commit()
    return made


def dispose() -> None:
    """Close the app's connections (call before leaving its app context)."""
    from reporting.extensions import db

    db.session.remove()
    db.engine.dispose()


# -- scratch databases ----------------------------------------------------------------------


def postgres_url(name: str) -> str | None:
    """A fresh, empty PostgreSQL database `name` on 127.0.0.1 (dropped first if it exists);
    None when no server answers."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception:  # noqa: BLE001  (no server: SQLite only)
        return None
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def drop(url: str) -> None:
    """Remove a scratch database (a SQLite file, or a PostgreSQL database)."""
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url[len("sqlite:///") :] + suffix).unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
