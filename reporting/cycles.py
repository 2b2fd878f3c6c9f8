"""Reporting cycles as the secretariat runs them: adding the next cycle, changing a
cycle's period, due date or format version, and the rules every change obeys.

The rules (one place, used by the secretariat's pages and by `reporting.seed`):
a code of lower-case letters, digits and hyphens, unique; a kind the format declares; a
format of the cycle's convention; the period ending after it starts and the due date
after the period; and the format version fixed once a report of the cycle exists (its
answers are stored by the questions of that version). Refusals are `CycleError`s whose
messages are translated, by field.

Functions flush; the request commits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from . import audit
from .conventions import convention_of_format
from .extensions import db
from .models import Report, ReportingCycle
from .questionnaire.definition import Format
from .questionnaire.registry import get_format, list_formats

#: Lower-case letters and digits in groups joined by single hyphens ("2029-full").
CODE_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CODE_MAX = 32
YEARS = (1990, 2200)


class CycleError(Exception):
    """A cycle change that is refused; `errors` are translated messages by field name
    (code, kind, year, period_start, period_end, due_date, format)."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(errors.values()))


@dataclass(frozen=True)
class CycleValues:
    """What the secretariat gives for a cycle."""

    code: str
    kind: str
    year: int
    period_start: date
    period_end: date
    due_date: date
    format_id: str
    format_version: str


def report_count(cycle: ReportingCycle) -> int:
    return db.session.scalar(select(func.count(Report.id)).where(Report.cycle_id == cycle.id)) or 0


def report_counts(cycles) -> dict[int, int]:
    """The number of reports (any status) of each cycle, by cycle id."""
    ids = [c.id for c in cycles]
    rows = db.session.execute(
        select(Report.cycle_id, func.count(Report.id))
        .where(Report.cycle_id.in_(ids))
        .group_by(Report.cycle_id)
    )
    return {**dict.fromkeys(ids, 0), **dict(rows.tuples().all())}


def version_locked(cycle: ReportingCycle) -> bool:
    """Whether the cycle's format version can no longer change (a report of it exists)."""
    return cycle.id is not None and report_count(cycle) > 0


def convention_formats(convention: str) -> list[Format]:
    """The format versions of a convention's formats, newest version last per format."""
    found = []
    for fmt in list_formats():
        try:
            if convention_of_format(fmt.id).code == convention:
                found.append(fmt)
        except LookupError:
            continue
    return sorted(found, key=lambda f: (f.id, f.version))


def _format_errors(convention: str, values: CycleValues) -> dict[str, str]:
    try:
        fmt = get_format(values.format_id, values.format_version)
    except LookupError:
        return {
            "format": _(
                "There is no format %(format)s %(version)s.",
                format=values.format_id,
                version=values.format_version,
            )
        }
    try:
        owner = convention_of_format(fmt.id).code
    except LookupError:
        owner = None
    if owner != convention:
        return {
            "format": _(
                "The format %(format)s is not one of this cycle's convention.", format=fmt.id
            )
        }
    if values.kind not in fmt.report_kind_codes:
        return {
            "kind": _(
                "The format %(format)s %(version)s has no report kind “%(kind)s”.",
                format=fmt.id,
                version=fmt.version,
                kind=values.kind,
            )
        }
    return {}


def check_values(
    convention: str, values: CycleValues, cycle: ReportingCycle | None = None
) -> dict[str, str]:
    """The translated reasons to refuse `values` for a new cycle of `convention` (or as the
    new values of `cycle`), by field; empty when they are acceptable."""
    errors: dict[str, str] = {}
    code = values.code
    if not code or len(code) > CODE_MAX or not CODE_PATTERN.fullmatch(code):
        errors["code"] = _(
            "A cycle code has at most %(max)d lower-case letters, digits and "
            "single hyphens, e.g. 2029-full.",
            max=CODE_MAX,
        )
    elif db.session.scalar(
        select(func.count(ReportingCycle.id)).where(
            ReportingCycle.code == code,
            ReportingCycle.id != (cycle.id if cycle is not None else -1),
        )
    ):
        errors["code"] = _("A cycle with the code %(code)s exists already.", code=code)
    if not YEARS[0] <= values.year <= YEARS[1]:
        errors["year"] = _(
            "Give a year between %(first)d and %(last)d.", first=YEARS[0], last=YEARS[1]
        )
    errors.update(_format_errors(convention, values))
    for name in ("period_start", "period_end", "due_date"):
        if not YEARS[0] <= getattr(values, name).year <= YEARS[1]:
            errors[name] = _(
                "Give a date in the years %(first)d to %(last)d.", first=YEARS[0], last=YEARS[1]
            )
    if not errors.keys() & {"period_start", "period_end", "due_date"}:
        if values.period_end <= values.period_start:
            errors["period_end"] = _("The period must end after it starts.")
        if values.due_date <= values.period_end:
            errors["due_date"] = _("The due date must be after the end of the period.")
    if (
        cycle is not None
        and version_locked(cycle)
        and (values.format_id, values.format_version) != (cycle.format_id, cycle.format_version)
    ):
        errors["format"] = _(
            "The format version of %(code)s cannot change: reports of this cycle exist, and "
            "their answers follow the questions of %(format)s %(version)s.",
            code=cycle.code,
            format=cycle.format_id,
            version=cycle.format_version,
        )
    return errors


def _fields(values: CycleValues) -> dict:
    return {
        "kind": values.kind,
        "year": values.year,
        "period_start": values.period_start,
        "period_end": values.period_end,
        "due_date": values.due_date,
        "format_id": values.format_id,
        "format_version": values.format_version,
    }


def _details(cycle: ReportingCycle) -> dict:
    return {
        "cycle": cycle.code,
        "convention": cycle.convention,
        "kind": cycle.kind,
        "year": cycle.year,
        "period_start": cycle.period_start.isoformat(),
        "period_end": cycle.period_end.isoformat(),
        "due_date": cycle.due_date.isoformat(),
        "format": f"{cycle.format_id} {cycle.format_version}",
    }


def add_cycle(actor, convention: str, values: CycleValues) -> ReportingCycle:
    """Add a cycle to `convention` (CycleError if the rules refuse it)."""
    errors = check_values(convention, values)
    if errors:
        raise CycleError(errors)
    cycle = ReportingCycle(code=values.code, convention=convention, **_fields(values))
    db.session.add(cycle)
    db.session.flush()
    audit.record("cycle.create", actor, **_details(cycle))
    return cycle


def update_cycle(actor, cycle: ReportingCycle, values: CycleValues) -> ReportingCycle:
    """Change a cycle's kind, year, period, due date or format version; its code and
    convention stay (CycleError if the rules refuse the change)."""
    values = CycleValues(**{**values.__dict__, "code": cycle.code})
    errors = check_values(cycle.convention, values, cycle)
    if errors:
        raise CycleError(errors)
    for key, value in _fields(values).items():
        setattr(cycle, key, value)
    db.session.flush()
    audit.record("cycle.update", actor, **_details(cycle))
    return cycle


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def next_cycle_defaults(convention: str) -> CycleValues | None:
    """Suggested values for the cycle after the convention's last one (None without one).

    Its format is the last cycle's. Its year is the first after the last cycle's when a
    kind is due, a kind being due every `every_years` after its own last cycle; when two
    are due, the less frequent one (the full report) is chosen. The period ends and the
    report is due as in the kind's last cycle, moved by the years in between; it starts
    the day after the last cycle of that kind, or of a less frequent kind, ended (a full
    report covers the years since the last full report, a short one those since the last
    report of any kind).
    """
    cycles = list(
        db.session.scalars(
            select(ReportingCycle)
            .where(ReportingCycle.convention == convention)
            .order_by(ReportingCycle.year, ReportingCycle.period_end, ReportingCycle.id)
        )
    )
    if not cycles:
        return None
    last = cycles[-1]
    fmt = get_format(last.format_id, last.format_version)
    every: dict[str, int] = {k.code: n for k in fmt.report_kinds if (n := k.every_years)}
    kinds = [k for k in fmt.report_kinds if k.code in every]
    last_of = {k.code: next((c for c in reversed(cycles) if c.kind == k.code), None) for k in kinds}
    year, kind = last.year, None
    while kind is None and kinds:
        year += 1
        due = [
            k
            for k in kinds
            if (previous := last_of[k.code]) is None or (year - previous.year) % every[k.code] == 0
        ]
        if due:
            kind = max(due, key=lambda k: every[k.code])
    if kind is None:  # no kind with a cadence: the same kind next year
        return _following(last, last.year + 1, last.kind, last)
    covering = next((c for c in reversed(cycles) if every.get(c.kind, 0) >= every[kind.code]), last)
    return _following(last_of[kind.code] or last, year, kind.code, covering)


def _following(
    model: ReportingCycle, year: int, kind: str, covering: ReportingCycle
) -> CycleValues:
    shift = year - model.year
    return CycleValues(
        code=f"{year}-{kind}",
        kind=kind,
        year=year,
        period_start=covering.period_end + timedelta(days=1),
        period_end=_shift_years(model.period_end, shift),
        due_date=_shift_years(model.due_date, shift),
        format_id=model.format_id,
        format_version=model.format_version,
    )


def party_period_start(cycle: ReportingCycle, party, has_earlier_report: bool) -> date:
    """When the period of `party`'s report for `cycle` starts: the cycle's start, or the
    Party's own entry into force of the cycle's convention when that is later (within the
    period) and this is its first report in the convention (`has_earlier_report` False)."""
    membership = party.membership(cycle.convention)
    in_force = membership.entry_into_force if membership else None
    if (
        not has_earlier_report
        and in_force is not None
        and cycle.period_start < in_force <= cycle.period_end
    ):
        return in_force
    return cycle.period_start
