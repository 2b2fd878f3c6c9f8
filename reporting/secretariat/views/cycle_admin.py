"""Managing reporting cycles: the list, adding the next cycle, editing one
(`cycles.manage`, in the conventions the user works for; rules in reporting.cycles)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from forms.secretariat import CycleForm, NewCycleForm

from ... import cycles as rules
from ...conventions import get_convention
from ...extensions import db
from ...models import ReportingCycle
from ...policy import can, staff_conventions
from ...questionnaire.report_kinds import kind_name
from ...questionnaire.translate import qt
from . import bp
from .common import cycle_or_404


def _conventions() -> list[str]:
    """The conventions whose cycles the user manages (403 when none)."""
    codes = [
        c
        for c in staff_conventions(current_user)
        if can(current_user, "cycles.manage", convention=c)
    ]
    if not codes:
        abort(403)
    return codes


def _format_value(format_id: str, version: str) -> str:
    return f"{format_id}:{version}"


def _set_choices(form: CycleForm, conventions: list[str]) -> None:
    several = len(conventions) > 1
    formats = [(c, f) for c in conventions for f in rules.convention_formats(c)]
    form.format.choices = [
        SelectChoice(
            _format_value(f.id, f.version),
            _("%(convention)s: %(format)s", convention=qt(get_convention(c).name), format=f.label)
            if several
            else f.label,
        )
        for c, f in formats
    ]
    if isinstance(form, NewCycleForm):
        kinds: dict[str, str] = {}
        for _c, fmt in formats:
            for code in fmt.report_kind_codes:
                kinds.setdefault(code, kind_name(fmt, code))
        form.kind.choices = [SelectChoice(code, label) for code, label in kinds.items()]
        form.convention.choices = [
            SelectChoice(c, qt(get_convention(c).title)) for c in conventions
        ]


def _values(form: CycleForm, code: str, kind: str, year: int) -> rules.CycleValues:
    format_id, _sep, version = (form.format.data or "").partition(":")
    return rules.CycleValues(
        code=code.strip(),
        kind=kind,
        year=year,
        period_start=form.period_start.data,
        period_end=form.period_end.data,
        due_date=form.due_date.data,
        format_id=format_id,
        format_version=version,
    )


def _show_errors(form: CycleForm, exc: rules.CycleError) -> None:
    """Each refusal at its field (at the format when the page has no such field)."""
    for name, message in exc.errors.items():
        field = form[name] if name in form else form.format
        field.errors = [*field.errors, message]


def _fill(form: CycleForm, values) -> None:
    """Put a cycle's (or suggested) values in the form's fields."""
    form.period_start.data, form.period_end.data = values.period_start, values.period_end
    form.due_date.data = values.due_date
    form.format.data = _format_value(values.format_id, values.format_version)
    if isinstance(form, NewCycleForm):
        form.code.data, form.kind.data, form.year.data = values.code, values.kind, values.year


@bp.get("/reporting-cycles")
def manage_cycles():
    conventions = _conventions()
    cycles = list(
        db.session.scalars(
            select(ReportingCycle)
            .where(ReportingCycle.convention.in_(conventions))
            .order_by(ReportingCycle.convention, ReportingCycle.year, ReportingCycle.code)
        )
    )
    return render_template(
        "secretariat/cycles.html",
        cycles=cycles,
        counts=rules.report_counts(cycles),
        conventions=[get_convention(c) for c in conventions],
    )


@bp.route("/reporting-cycles/new", methods=["GET", "POST"])
def add_cycle():
    conventions = _conventions()
    form = NewCycleForm()
    _set_choices(form, conventions)
    if request.method == "GET":
        convention = request.args.get("convention")
        form.convention.data = convention if convention in conventions else conventions[0]
        suggested = rules.next_cycle_defaults(form.convention.data)
        if suggested is not None:
            _fill(form, suggested)
        return render_template(
            "secretariat/cycle_form.html", form=form, cycle=None, suggested=suggested is not None
        )
    if form.validate():
        values = _values(form, form.code.data, form.kind.data, form.year.data)
        try:
            cycle = rules.add_cycle(current_user, form.convention.data, values)
        except rules.CycleError as exc:
            _show_errors(form, exc)
        else:
            db.session.commit()
            flash(_("The cycle %(code)s was added.", code=cycle.code), "success")
            return redirect(url_for("secretariat.manage_cycles"), 303)
    return render_template(
        "secretariat/cycle_form.html", form=form, cycle=None, suggested=False
    ), 400


@bp.route("/reporting-cycles/<code>/edit", methods=["GET", "POST"])
def edit_cycle(code):
    cycle = cycle_or_404(code)
    if not can(current_user, "cycles.manage", convention=cycle.convention):
        abort(403)
    locked = rules.version_locked(cycle)
    form = CycleForm()
    _set_choices(form, [cycle.convention])
    if request.method == "GET":
        _fill(form, cycle)
        return render_template(
            "secretariat/cycle_form.html",
            form=form,
            cycle=cycle,
            locked=locked,
            convention=get_convention(cycle.convention),
        )
    if locked and "format" not in request.form:  # the page does not offer it
        form.format.data = _format_value(cycle.format_id, cycle.format_version)
    if form.validate():
        try:
            rules.update_cycle(
                current_user, cycle, _values(form, cycle.code, cycle.kind, cycle.year)
            )
        except rules.CycleError as exc:
            _show_errors(form, exc)
        else:
            db.session.commit()
            flash(_("The cycle %(code)s was changed.", code=cycle.code), "success")
            return redirect(url_for("secretariat.manage_cycles"), 303)
    return render_template(
        "secretariat/cycle_form.html",
        form=form,
        cycle=cycle,
        locked=locked,
        convention=get_convention(cycle.convention),
    ), 400
