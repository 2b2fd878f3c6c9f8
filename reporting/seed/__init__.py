"""Reference data: Parties and reporting cycles, loaded idempotently from `reporting/data/`."""
import csv
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy import select

from ..extensions import db
from ..models import Party, RegionalGroup, ReportingCycle
from ..questionnaire.report_kinds import check_cycle_kind

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def seed_parties(path: Path = DATA_DIR / "parties.csv") -> int:
    """Insert or update every Party of the data file; returns the number of changes."""
    existing = {p.iso3: p for p in db.session.scalars(select(Party))}
    changes = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            values = {
                "name": row["name"],
                "regional_group": RegionalGroup(row["regional_group"]),
                "kind": row.get("kind") or "state",
                "ratification_date": _date(row["ratification_date"]),
                "entry_into_force": _date(row["entry_into_force"]),
            }
            party = existing.get(row["iso3"])
            if party is None:
                db.session.add(Party(iso3=row["iso3"], **values))
                changes += 1
            elif any(getattr(party, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(party, key, value)
                changes += 1
    return changes


def seed_cycles(path: Path = DATA_DIR / "cycles.yaml") -> int:
    existing = {c.code: c for c in db.session.scalars(select(ReportingCycle))}
    changes = 0
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        check_cycle_kind(item["format"], item["version"], item["kind"])
        values = {
            "year": item["year"], "kind": item["kind"],
            "period_start": item["period_start"], "period_end": item["period_end"],
            "due_date": item["due_date"], "format_id": item["format"],
            "format_version": item["version"],
        }
        cycle = existing.get(item["code"])
        if cycle is None:
            db.session.add(ReportingCycle(code=item["code"], **values))
            changes += 1
        elif any(getattr(cycle, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(cycle, key, value)
            changes += 1
    return changes


def seed_all() -> dict[str, int]:
    changes = {"parties": seed_parties(), "cycles": seed_cycles()}
    db.session.flush()
    return changes
