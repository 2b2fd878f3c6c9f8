"""Reference data: conventions, Parties and their memberships, reporting cycles, loaded
idempotently from `reporting/data/`."""

import csv
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy import select

from ..conventions import ConventionInfo, convention_of_format, list_conventions
from ..cycles import version_locked
from ..extensions import db
from ..models import Convention, Party, PartyMembership, RegionalGroup, ReportingCycle
from ..questionnaire.report_kinds import check_cycle_kind

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

log = logging.getLogger(__name__)


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _upsert(obj, values: dict) -> bool:
    """Set `values` on `obj`; whether anything changed."""
    changed = any(getattr(obj, k) != v for k, v in values.items())
    for key, value in values.items():
        setattr(obj, key, value)
    return changed


def seed_conventions(conventions: list[ConventionInfo] | None = None) -> int:
    """Insert or update a row for every convention of reporting/data/conventions.yaml."""
    existing = {c.code: c for c in db.session.scalars(select(Convention))}
    changes = 0
    for info in conventions if conventions is not None else list_conventions():
        row = existing.get(info.code)
        if row is None:
            db.session.add(Convention(code=info.code, title=info.title))
            changes += 1
        elif _upsert(row, {"title": info.title}):
            changes += 1
    db.session.flush()
    return changes


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
            }
            party = existing.get(row["iso3"])
            if party is None:
                db.session.add(Party(iso3=row["iso3"], **values))
                changes += 1
            elif _upsert(party, values):
                changes += 1
    db.session.flush()
    return changes


def seed_memberships(convention: str, path: Path) -> int:
    """Insert or update the memberships of `convention` from its members file (iso3,
    ratification_date, entry_into_force); every iso3 must be a Party of parties.csv."""
    parties = {p.iso3: p for p in db.session.scalars(select(Party))}
    existing = {
        m.party_id: m
        for m in db.session.scalars(
            select(PartyMembership).where(PartyMembership.convention == convention)
        )
    }
    changes = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            party = parties.get(row["iso3"])
            if party is None:
                raise LookupError(f"{path}: {row['iso3']} is not in parties.csv")
            values = {
                "ratification_date": _date(row["ratification_date"]),
                "entry_into_force": _date(row["entry_into_force"]),
            }
            membership = existing.get(party.id)
            if membership is None:
                db.session.add(PartyMembership(party_id=party.id, convention=convention, **values))
                changes += 1
            elif _upsert(membership, values):
                changes += 1
    return changes


def seed_cycles(
    path: Path = DATA_DIR / "cycles.yaml", warn: Callable[[str], None] = log.warning
) -> int:
    """Insert or update every cycle; its kind must be one its format declares, and its
    format one its convention lists. A cycle that has reports keeps its format version
    (reporting.cycles): when the file asks for another, `warn` is told and the rest of the
    cycle is updated, so that seeding an older database loses nothing."""
    existing = {c.code: c for c in db.session.scalars(select(ReportingCycle))}
    changes = 0
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        check_cycle_kind(item["format"], item["version"], item["kind"])
        if convention_of_format(item["format"]).code != item["convention"]:
            raise LookupError(
                f"{item['code']}: the format {item['format']} is not one of "
                f"the convention {item['convention']}"
            )
        values = {
            "convention": item["convention"],
            "year": item["year"],
            "kind": item["kind"],
            "period_start": item["period_start"],
            "period_end": item["period_end"],
            "due_date": item["due_date"],
            "format_id": item["format"],
            "format_version": item["version"],
        }
        cycle = existing.get(item["code"])
        if cycle is not None and _keeps_version(cycle, values):
            warn(
                f"cycle {cycle.code}: reports of it exist, so it keeps its format "
                f"{cycle.format_id} {cycle.format_version} (the data file asks for "
                f"{values['format_id']} {values['format_version']})"
            )
            values.update(format_id=cycle.format_id, format_version=cycle.format_version)
        if cycle is None:
            db.session.add(ReportingCycle(code=item["code"], **values))
            changes += 1
        elif _upsert(cycle, values):
            changes += 1
    return changes


def _keeps_version(cycle: ReportingCycle, values: dict) -> bool:
    asked = (values["format_id"], values["format_version"])
    return asked != (cycle.format_id, cycle.format_version) and version_locked(cycle)


def seed_all(warn: Callable[[str], None] = log.warning) -> dict[str, int]:
    changes = {"conventions": seed_conventions(), "parties": seed_parties()}
    changes["memberships"] = sum(
        seed_memberships(info.code, DATA_DIR / info.members)
        for info in list_conventions()
        if info.members
    )
    changes["cycles"] = seed_cycles(warn=warn)
    db.session.flush()
    return changes
