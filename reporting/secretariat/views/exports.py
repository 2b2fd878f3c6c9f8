"""Data exports and other jobs in the browser: the export form and the list of past jobs,
a job's page (progress, then the download), its status as JSON for the page's script,
its file, "run again"; the report's download and the PDFs of a cycle, started as jobs.

Only users who may export data (`data.export`: secretariat and admins) see any of it."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from forms.exports import ExportForm

from ... import audit
from ...exports import FORMATS, SHAPES, ExportFilters, FilterError, build_plan
from ...extensions import db
from ...geography.names import country_name, sort_key
from ...i18n import LANGUAGE_NAMES
from ...jobs import store
from ...jobs.bundles import CYCLE_PDFS, REPORT_BUNDLE
from ...jobs.engine import start_job
from ...jobs.exports import KIND as EXPORT
from ...jobs.exports import export_parameters
from ...models import Job, JobStatus, Party, RegionalGroup, ReportingCycle, ReportStatus
from ...policy import can
from ...questionnaire import get_format
from .. import labels as names
from . import bp
from .common import MAX_ID, cycle_or_404, report_or_404

#: Past jobs listed on the exports page.
LIST_LIMIT = 50
MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _exporter_only() -> None:
    if not can(current_user, "data.export"):
        abort(403)


def _job_or_404(job_id: int) -> Job:
    _exporter_only()
    if job_id > MAX_ID:
        abort(404)
    return db.get_or_404(Job, job_id)


def _form() -> ExportForm:
    form = ExportForm()
    form.shape.choices = [(s, names.label(names.EXPORT_SHAPE_LABELS, s)) for s in SHAPES]
    form.file_format.choices = [(f, f.upper()) for f in FORMATS]
    cycles = db.session.scalars(
        select(ReportingCycle).order_by(ReportingCycle.year.desc(), ReportingCycle.code)
    ).all()
    form.cycles.choices = [(c.code, c.code) for c in cycles]
    articles: set[str] = set()
    for fmt in {(c.format_id, c.format_version) for c in cycles}:
        articles.update(q.article for q in get_format(*fmt).iter_questions() if q.article)
    form.articles.choices = [
        (a, _("Article %(number)s", number=a)) for a in sorted(articles, key=lambda a: (len(a), a))
    ]
    form.regions.choices = [
        (g.value, names.label(names.REGION_LABELS, g.value)) for g in RegionalGroup
    ]
    form.parties.choices = sorted(
        (
            (iso3, f"{country_name(iso3)} ({iso3})")
            for iso3 in db.session.scalars(select(Party.iso3))
        ),
        key=lambda choice: sort_key(choice[1]),
    )
    form.statuses.choices = [
        (s.value, names.label(names.STATUS_LABELS, s.value)) for s in ReportStatus
    ]
    form.language.choices = list(LANGUAGE_NAMES.items())
    return form


def _filters(form: ExportForm) -> ExportFilters:
    filters = ExportFilters(
        cycles=form.cycles.data,
        articles=form.articles.data,
        questions=tuple(form.question_keys()),
        regions=form.regions.data,
        parties=form.parties.data,
        statuses=form.statuses.data,
        include_drafts=form.include_drafts.data,
        include_confidential=form.include_confidential.data,
        language=form.language.data,
    )
    build_plan(filters)  # names unknown questions before a job is started
    return filters


@bp.route("/exports", methods=["GET", "POST"])
def exports():
    _exporter_only()
    form = _form()
    if request.method == "GET":
        form.language.data = form.language.data or str(get_locale())
    if form.validate_on_submit():
        try:
            filters = _filters(form)
        except FilterError as exc:
            form.questions.errors = [*form.questions.errors, str(exc)]
        else:
            file_format = None if form.shape.data == "datapackage" else form.file_format.data
            job = start_job(
                db.session,
                EXPORT,
                export_parameters(form.shape.data, file_format, filters),
                current_user,
            )
            audit.record(
                "export.web.start",
                current_user,
                job=job.id,
                shape=form.shape.data,
                format=file_format,
                filters=filters.as_dict(),
            )
            db.session.commit()  # sends the job's task
            return redirect(url_for("secretariat.job", job_id=job.id), 303)
    jobs = db.session.scalars(select(Job).order_by(Job.id.desc()).limit(LIST_LIMIT)).all()
    return render_template("secretariat/exports.html", form=form, jobs=jobs)


def progress_text(job: Job) -> str:
    unit_done = {
        "cycle_pdfs": lambda n: ngettext("%(num)d report rendered", "%(num)d reports rendered", n),
    }.get(job.kind, lambda n: ngettext("%(num)d row written", "%(num)d rows written", n))
    text = unit_done(job.progress_done or 0)
    if job.progress_total is not None:
        text = _("%(done)s of %(total)d", done=text, total=job.progress_total)
    return text


def job_status(job: Job) -> dict:
    """What the job page shows, as its script reads it."""
    return {
        "id": job.id,
        "status": job.status.value,
        "status_label": names.label(names.JOB_STATUS_LABELS, job.status.value),
        "done": job.progress_done or 0,
        "total": job.progress_total,
        "progress_text": progress_text(job),
        "error": job.error,
        "finished": job.status in (JobStatus.done, JobStatus.failed),
        "download_url": url_for("secretariat.job_download", job_id=job.id)
        if job.status == JobStatus.done and job.file_path
        else None,
        "file_size": job.file_size,
    }


@bp.get("/jobs/<int:job_id>")
def job(job_id):
    job = _job_or_404(job_id)
    return render_template("secretariat/job.html", job=job, status=job_status(job))


@bp.get("/jobs/<int:job_id>/status.json")
def job_status_json(job_id):
    response = jsonify(job_status(_job_or_404(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/jobs/<int:job_id>/download")
def job_download(job_id):
    job = _job_or_404(job_id)
    if job.status != JobStatus.done:
        abort(404)
    path = store.job_file(job.file_path) if job.file_path else None
    if path is None or not path.exists():
        abort(410)  # expired: the row stays as history, "run again" makes it anew
    audit.record(
        "export.web",
        current_user,
        job=job.id,
        kind=job.kind,
        parameters=job.parameters,
        file=job.file_name,
        size=job.file_size,
    )
    db.session.commit()
    extension = (job.file_name or "").rsplit(".", 1)[-1]
    return send_file(
        path,
        mimetype=MEDIA_TYPES.get(extension, "application/octet-stream"),
        as_attachment=True,
        download_name=job.file_name,
        max_age=0,
    )


@bp.post("/jobs/<int:job_id>/again")
def job_again(job_id):
    old = _job_or_404(job_id)
    job = start_job(db.session, old.kind, dict(old.parameters or {}), current_user)
    audit.record("export.web.start", current_user, job=job.id, again=old.id, kind=old.kind)
    db.session.commit()
    return redirect(url_for("secretariat.job", job_id=job.id), 303)


@bp.post("/reports/<int:report_id>/download")
def report_bundle(report_id):
    _exporter_only()
    if report_id > MAX_ID:
        abort(404)
    report = report_or_404(report_id)
    job = start_job(
        db.session,
        REPORT_BUNDLE,
        {
            "report_id": report.id,
            "party": report.party.iso3,
            "cycle": report.cycle.code,
            "language": str(get_locale()),
        },
        current_user,
    )
    audit.record("export.web.start", current_user, report, job=job.id, kind=REPORT_BUNDLE)
    db.session.commit()
    return redirect(url_for("secretariat.job", job_id=job.id), 303)


@bp.post("/cycles/<code>/pdfs")
def cycle_pdfs(code):
    _exporter_only()
    cycle = cycle_or_404(code)
    job = start_job(
        db.session, CYCLE_PDFS, {"cycle": cycle.code, "language": str(get_locale())}, current_user
    )
    audit.record("export.web.start", current_user, job=job.id, kind=CYCLE_PDFS, cycle=cycle.code)
    db.session.commit()
    flash(
        _(
            "The PDFs of every submitted report are being made; this page shows when the "
            "zip is ready."
        )
    )
    return redirect(url_for("secretariat.job", job_id=job.id), 303)
