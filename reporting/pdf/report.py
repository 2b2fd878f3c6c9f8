"""A report as a PDF: any submitted version, or the current draft.

The cover identifies exactly what is printed (Party, cycle, version, who submitted it
and when, the content hash); then every part, article and question of the report's kind
with its answer. Questions hidden by a condition are left out, as they are from the
submission itself; questions without an answer say so in red, so gaps are seen on paper.

The *published* PDF (`published_version`, for the public dashboard) prints the accepted
version as the public may see it: without confidential answers and questions that
identify a person, and without the submitter on the cover.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import force_locale, format_date, format_datetime, format_decimal
from flask_babel import gettext as _
from reportlab.platypus import Indenter, PageBreak, Spacer
from sqlalchemy import select

from ..extensions import db
from ..i18n import LANGUAGE_NAMES
from ..models import Attachment, Report, Submission
from ..questionnaire.conditions import visibility
from ..questionnaire.countries import country_name
from ..questionnaire.definition import Format, Question
from ..questionnaire.report_kinds import kind_label
from ..questionnaire.translate import qt
from ..reports.present import Presented, is_unanswered, present
from ..reports.reading import ReadVersion, published, read_version, working_copy
from ..reports.status_labels import status_label
from ..urls import absolute_url
from .labels import submitter_label
from .layout import CONTENT_WIDTH, INDENT, Styles, build_pdf, outline, styles_for
from .tables import column_widths, grid, key_values
from .text import ltr


@dataclass(frozen=True)
class PrintedVersion:
    """What one report PDF shows: a submitted version (`submission`) or the draft."""

    report: Report
    fmt: Format
    kind: str
    answers: dict[str, dict]
    submission: Submission | None = None
    #: The report's attachments by token, for file questions.
    files: dict[str, Attachment] = field(default_factory=dict)
    #: The published print: `answers` hold only what may be published, and nothing on
    #: the cover names a person (see `published_version`).
    public: bool = False

    @property
    def language(self) -> str:
        return self.submission.language if self.submission else self.report.language


def _files(report: Report) -> dict[str, Attachment]:
    return {
        a.token: a
        for a in db.session.scalars(select(Attachment).where(Attachment.report_id == report.id))
    }


def _printed(report: Report, read: ReadVersion, public: bool = False) -> PrintedVersion:
    return PrintedVersion(
        report, read.fmt, read.kind, read.answers, read.submission, _files(report), public
    )


def draft_version(report: Report) -> PrintedVersion:
    """The working copy, input kept as typed included (marked as not valid)."""
    return _printed(report, working_copy(report, raw=True))


def submitted_version(report: Report, version_no: int) -> PrintedVersion | None:
    read = read_version(report, version_no)
    return _printed(report, read) if read else None


def published_version(report: Report) -> PrintedVersion | None:
    """The accepted version as published (None unless the report is published): what the
    public may see of it (`reporting.reports.reading.published`), no marks or notes
    beyond the comment."""
    if not report.is_published:
        return None
    read = read_version(report, report.submitted_versions)
    return _printed(report, published(read), public=True) if read else None


def latest_version(report: Report) -> PrintedVersion:
    """The latest submitted version, or the draft while nothing was submitted."""
    if report.submitted_versions:
        return submitted_version(report, report.submitted_versions) or draft_version(report)
    return draft_version(report)


def render_report(version: PrintedVersion, lang: str) -> bytes:
    """The PDF of one version of a report, with interface and questionnaire in `lang`."""
    with force_locale(lang):
        st = styles_for(lang)
        report = version.report
        story = _cover(version, st) + [PageBreak()] + _body(version, st)
        party = country_name(report.party.iso3)
        return build_pdf(
            story,
            st=st,
            lang=lang,
            title=f"{qt(version.fmt.title)} | {party} | {report.cycle.code}",
            footer_label=f"{party} · {ltr(report.cycle.code)} · {_version_label(version)}",
        )


def _version_label(version: PrintedVersion) -> str:
    if version.submission is None:
        return _("Draft (not submitted)")
    return _("Version %(number)d", number=version.submission.version_no)


def _cover(version: PrintedVersion, st: Styles) -> list:
    report, submission, cycle = version.report, version.submission, version.report.cycle
    party = country_name(report.party.iso3)
    status = status_label(report.status)
    if submission and submission.version_no < report.submitted_versions:
        status = _("Superseded by version %(number)d", number=report.submitted_versions)
    pairs = [
        (_("Party"), f"{party} ({report.party.iso3})"),
        (
            _("Reporting cycle"),
            _(
                "%(cycle)s, reporting period %(start)s to %(end)s",
                cycle=ltr(cycle.code),
                start=format_date(cycle.period_start),
                end=format_date(cycle.period_end),
            ),
        ),
        (_("Report"), kind_label(version.fmt, version.kind)),
        (_("Status"), status),
        (_("Version"), _version_label(version)),
    ]
    if submission is not None and version.public:
        # No person's name or e-mail; and no hash: it is of the content with what is not
        # printed here (confidential answers), so it would not verify this print.
        pairs.append((_("Submitted on"), format_datetime(submission.submitted_at, "long")))
    elif submission is not None:
        pairs += [
            (_("Submitted by"), submitter_label(submission)),
            (_("Submitted on"), format_datetime(submission.submitted_at, "long")),
            (_("Content hash (SHA-256)"), submission.content_hash),
        ]
    pairs += [
        (_("Language of the report"), LANGUAGE_NAMES.get(version.language, version.language)),
        (_("Reporting format"), ltr(version.fmt.label)),
    ]
    story = [
        st.p(qt(version.fmt.title), "title"),
        st.p(party, "subtitle"),
        key_values(pairs, (CONTENT_WIDTH * 0.32, CONTENT_WIDTH * 0.68), st),
    ]
    if submission is None:
        story += [
            Spacer(1, 12),
            st.p(
                _("This is the current draft: it has not been submitted and may still change."),
                "missing",
            ),
        ]
    elif version.public:
        story += [
            Spacer(1, 12),
            st.p(
                _(
                    "Published version: answers marked confidential and the contact details of "
                    "people are not shown."
                ),
                "intro",
            ),
        ]
    return story


def _body(version: PrintedVersion, st: Styles) -> list:
    fmt, kind, answers = version.fmt, version.kind, version.answers
    visible = visibility(fmt, answers, kind)

    def printed(q: Question) -> bool:
        return bool(visible.get(q.key)) and not (version.public and q.personal)

    story = []
    for part, sections in fmt.contents(keep=printed):
        part_story = []
        for section, shown in sections:
            title = qt(section.title)
            part_story.append(outline(st.p(title, "section"), title, 1))
            for q in shown:
                part_story += _question(q, answers.get(q.key), version, st)
        title = _("Part %(key)s: %(title)s", key=part.key, title=qt(part.title))
        story += [outline(st.p(title, "part"), title, 0), *part_story]
    return story


def _question(q: Question, answer: dict | None, version: PrintedVersion, st: Styles) -> list:
    out = [st.p(f"{q.shown_number}  {qt(q.text)}", "question")]
    if answer is None or is_unanswered(q, answer):
        return out + [st.p(_("No answer"), "missing")]
    shown = present(q, answer, version.files)
    value = answer.get("value")
    if shown.state:
        out.append(st.p(shown.state, "answer"))
    elif shown.tabular and isinstance(value, list):
        out += _table(q, shown, st)
    elif shown.lines:
        out += [st.p(f"• {line}", "answer", written=True) for line in shown.lines]
    elif q.kind.attachment and isinstance(value, str):
        out += _file(shown.attachment, value, st, link=not version.public)
    else:
        out.append(st.p(shown.text, "answer", written=True))
    notes = []
    if answer.get("confidential"):
        notes.append(_("Confidential: not to be published."))
    if answer.get("carried_over"):
        notes.append(_("Carried over from the previous report; not yet confirmed."))
    if answer.get("invalid"):
        notes.append(_("Not valid: shown as typed; it must be corrected before submission."))
    out += [st.p(note, "note") for note in notes]
    if answer.get("comment"):
        out += [st.p(_("Comment"), "note"), st.p(answer["comment"], "answer", written=True)]
    return out


def _file(attachment: Attachment | None, token: str, st: Styles, link: bool = True) -> list:
    """A file answer: its name, type and size, and (`link`) the address that downloads it
    for those who may see the report (the public may not: no link on a published print)."""
    if attachment is None:
        return [st.p(token, "answer", written=True)]
    size = format_decimal(round(attachment.size / 1024, 1))
    out = [
        st.p(
            f"{attachment.filename} ({attachment.content_type}, "
            + _("%(size)s KB", size=size)
            + ")",
            "answer",
            written=True,
        )
    ]
    if link:
        out.append(
            st.p(
                absolute_url(
                    "reports.attachment", report_id=attachment.report_id, token=attachment.token
                ),
                "note",
                written=True,
            )
        )
    return out


def _table(q: Question, shown: Presented, st: Styles) -> list:
    width = CONTENT_WIDTH - INDENT
    indent = {"right" if st.rtl else "left": INDENT}
    # The question keeps with its table, through the indenter and spacer between them.
    start, gap = Indenter(**indent), Spacer(1, 2)
    start.keepWithNext = gap.keepWithNext = 1
    return [
        start,
        gap,
        grid(
            list(shown.columns),
            [list(row) for row in shown.rows],
            column_widths(q.columns, width),
            st,
        ),
        Spacer(1, 4),
        Indenter(**{k: -v for k, v in indent.items()}),
    ]
