"""The embedded SQLite database takes concurrent writers without "database is locked".

Several workers write at once in production (gunicorn); WAL mode and a busy timeout are
set on every connection by `reporting.database`.
"""

import threading
from datetime import date

from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from reporting.extensions import db as _db
from reporting.models import Answer, Convention, Party, RegionalGroup, Report, ReportingCycle


def test_connections_use_wal_and_a_busy_timeout(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_concurrent_writers_all_succeed(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'concurrent.sqlite3'}")
    _db.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Convention(code="minamata", title="Minamata Convention on Mercury"))
        cycle = ReportingCycle(
            code="c",
            convention="minamata",
            year=2025,
            kind="full",
            period_start=date(2021, 1, 1),
            period_end=date(2024, 12, 31),
            due_date=date(2025, 12, 31),
            format_id="minamata",
            format_version="2023.1",
        )
        reports = []
        for i in range(8):
            party = Party(iso3=f"P{i:02d}", name=f"Party {i}", regional_group=RegionalGroup.africa)
            reports.append(Report(party=party, cycle=cycle))
        session.add_all(reports)
        session.commit()
        report_ids = [r.id for r in reports]

    errors = []

    def writer(report_id):
        try:
            for round_ in range(15):
                with Session(engine) as session, session.begin():
                    for q in range(10):
                        key = f"q{q}"
                        answer = session.scalars(
                            select(Answer).where(
                                Answer.report_id == report_id, Answer.question_key == key
                            )
                        ).first()
                        if answer is None:
                            answer = Answer(report_id=report_id, question_key=key)
                            session.add(answer)
                        answer.value_text = f"round {round_}"
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(rid,)) for rid in report_ids for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    assert errors == []
