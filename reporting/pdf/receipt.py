"""The one-page receipt of a submission: proof of what was submitted, by whom and when.

The content hash identifies the submitted content exactly, so the receipt can be checked
later against the official record without reprinting the whole report.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from reportlab.platypus import Spacer

from ..models import Submission
from ..questionnaire import get_format
from ..questionnaire.countries import country_name
from ..questionnaire.report_kinds import kind_label
from ..questionnaire.translate import qt
from .labels import submitter_label
from .layout import CONTENT_WIDTH, build_pdf, styles_for
from .tables import key_values
from .text import ltr


def render_receipt(submission: Submission, lang: str) -> bytes:
    with force_locale(lang):
        st = styles_for(lang)
        report = submission.report
        fmt = get_format(submission.format_id, submission.format_version)
        party = country_name(report.party.iso3)
        version = _("Version %(number)d", number=submission.version_no)
        pairs = [
            (_("Party"), f"{party} ({report.party.iso3})"),
            (_("Reporting cycle"), report.cycle.code),
            (_("Report"), kind_label(fmt, submission.content.get("kind") or report.cycle.kind)),
            (_("Version"), version),
            (_("Submitted by"), submitter_label(submission)),
            (_("Submitted at (UTC)"), submission.submitted_at.strftime("%Y-%m-%d %H:%M:%S UTC")),
            (_("Content hash (SHA-256)"), submission.content_hash),
            (_("Number of answers"), str(len(submission.content.get("answers", {})))),
            (_("Reporting format"), fmt.label),
        ]
        story = [
            st.p(_("Submission receipt"), "title"),
            st.p(qt(fmt.title), "subtitle"),
            key_values(pairs, (CONTENT_WIDTH * 0.32, CONTENT_WIDTH * 0.68), st),
            Spacer(1, 14),
            st.p(
                _(
                    "The report was received and recorded as an official version that can no "
                    "longer be changed. The content hash identifies exactly what was "
                    "submitted: any other content gives a different hash."
                )
            ),
        ]
        return build_pdf(
            story,
            st=st,
            lang=lang,
            title=_("Submission receipt") + f" | {party} | {report.cycle.code} | {version}",
            footer_label=f"{party} · {ltr(report.cycle.code)} · {version}",
        )
