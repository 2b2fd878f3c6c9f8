"""The blank questionnaire of a cycle: the paper version used to collect information
offline before typing it in. Every question of the cycle's report kind, with its help,
unit, the conditions under which it is asked, and room to answer: boxes to write in,
boxes to tick, and table grids with empty rows.
"""

from __future__ import annotations

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from reportlab.platypus import Indenter, Spacer, Table

from ..models import ReportingCycle
from ..questionnaire import get_format
from ..questionnaire.definition import Format, Question
from ..questionnaire.report_kinds import kind_label
from ..questionnaire.translate import qt
from ..reports.present import STATE_LABELS, column_heading, state_label, unit_label, value_text
from .layout import CONTENT_WIDTH, INDENT, RULE, Styles, build_pdf, outline, styles_for
from .tables import column_widths, grid, key_values, table_style
from .text import ltr

BOX = "☐"
#: Between tick boxes on one line: wide, and a line may break only after it.
GAP = "\u00a0\u00a0\u00a0\u00a0 "
#: Empty rows printed for a table question (more if the question asks for more).
TABLE_ROWS = 5


def render_questionnaire(cycle: ReportingCycle, lang: str) -> bytes:
    with force_locale(lang):
        st = styles_for(lang)
        fmt = get_format(cycle.format_id, cycle.format_version)
        kind = cycle.kind
        title = qt(fmt.title)
        story = _cover(cycle, fmt, kind, st) + _body(fmt, kind, st)
        return build_pdf(
            story,
            st=st,
            lang=lang,
            title=f"{title} | {cycle.code}",
            footer_label=_(
                "Questionnaire for the reporting cycle %(cycle)s", cycle=ltr(cycle.code)
            ),
        )


def _cover(cycle: ReportingCycle, fmt: Format, kind: str, st: Styles) -> list:
    pairs = [
        (_("Reporting cycle"), cycle.code),
        (_("Report"), kind_label(fmt, kind)),
        (
            _("Reporting period"),
            _(
                "%(start)s to %(end)s",
                start=format_date(cycle.period_start),
                end=format_date(cycle.period_end),
            ),
        ),
        (_("Due date"), format_date(cycle.due_date, "long")),
        (_("Reporting format"), ltr(fmt.label)),
    ]
    states = ", ".join(f"“{label}”" for label in map(str, STATE_LABELS.values()))
    return [
        st.p(qt(fmt.title), "title"),
        st.p(
            _("Questionnaire for the reporting cycle %(cycle)s", cycle=ltr(cycle.code)), "subtitle"
        ),
        key_values(pairs, (CONTENT_WIDTH * 0.32, CONTENT_WIDTH * 0.68), st),
        Spacer(1, 10),
        st.p(
            _(
                "This paper questionnaire helps to collect information before it is entered "
                "online. Only the report entered and submitted online is the official report."
            )
        ),
        st.p(
            _(
                "Tick one box where one option is asked for, and every box that applies where "
                "several are. Instead of a value, a question may be answered with one of: "
                "%(states)s.",
                states=states,
            )
        ),
    ]


def _body(fmt: Format, kind: str, st: Styles) -> list:
    story = []
    for part, sections in fmt.contents(kind):
        part_story = []
        for section, questions in sections:
            title = qt(section.title)
            part_story.append(outline(st.p(title, "section"), title, 1))
            if section.intro:
                part_story.append(st.p(qt(section.intro), "intro"))
            for q in questions:
                part_story += _question(q, fmt, st)
        title = _("Part %(key)s: %(title)s", key=part.key, title=qt(part.title))
        story += [outline(st.p(title, "part"), title, 0), *part_story]
    return story


def _question(q: Question, fmt: Format, st: Styles) -> list:
    out = [st.p(f"{q.shown_number}  {qt(q.text)}", "question")]
    if q.visible_if:
        out.append(
            st.p(
                _(
                    "Answer only if %(condition)s.",
                    condition=describe_condition(q.visible_if, q, fmt),
                ),
                "help",
            )
        )
    if q.required:
        out.append(st.p(_("An answer is required to submit the report."), "help"))
    if q.help:
        out.append(st.p(qt(q.help), "help"))
    out += _answer_space(q, st)
    if q.allow_states:
        ticks = [state_label(s) for s in q.allow_states] + [_("Confidential")]
        out.append(st.p(GAP.join(f"{BOX}\u00a0{label}" for label in ticks), "help"))
    return out


def describe_condition(condition: dict, q: Question, fmt: Format) -> str:
    """A condition of the format in words, e.g. 'the answer to question 2 is “Yes”'."""
    if "all" in condition or "any" in condition:
        parts = [describe_condition(c, q, fmt) for c in condition.get("all") or condition["any"]]
        joined = parts[0]
        for part in parts[1:]:
            joined = (
                _("%(first)s and %(second)s", first=joined, second=part)
                if "all" in condition
                else _("%(first)s or %(second)s", first=joined, second=part)
            )
        return joined
    other = fmt.question(condition["question"])
    number = other.shown_number
    if other.section_key != q.section_key:
        number = _(
            "%(number)s of “%(section)s”",
            number=other.shown_number,
            section=qt(fmt.section(other.section_key).title),
        )
    if "contains" in condition:
        return _(
            "“%(answer)s” is chosen in question %(number)s",
            answer=_answer_label(other, condition["contains"]),
            number=number,
        )
    if "equals" in condition:
        return _(
            "the answer to question %(number)s is “%(answer)s”",
            number=number,
            answer=_answer_label(other, condition["equals"]),
        )
    return _(
        "the answer to question %(number)s is one of: %(answers)s",
        number=number,
        answers="; ".join(_answer_label(other, value) for value in condition["in"]),
    )


def _answer_label(q: Question, value) -> str:
    """An answer a condition names: a state, a choice (yes/no included), or a value."""
    if value in STATE_LABELS:
        return state_label(value)
    if q.kind.coded:
        return qt(str(q.kind.label(q, value)))
    return value_text(q, value)


def _answer_space(q: Question, st: Styles) -> list:
    kind = q.kind
    width = CONTENT_WIDTH - INDENT
    if kind.has_choices:  # the question's own options, one per line
        hint = _("Tick every option that applies.") if kind.multiple else _("Tick one option.")
        return [st.p(hint, "help")] + [
            st.p(f"{BOX}\u00a0{qt(label)}", "option") for _code, label in kind.options(q)
        ]
    if kind.coded:  # the kind's few options (yes, no ...), on one line
        options = [label for _code, label in kind.options(q)]
        return [st.p(GAP.join(f"{BOX}\u00a0{label}" for label in options), "option")]
    if kind.tabular:
        return _table_grid(q, width, st)
    box = kind.paper_box
    return _indented(
        _box(
            str(box.hint),
            unit_label(q.unit),
            width if box.full_width else width * 0.5,
            box.height,
            st,
        ),
        st,
    )


def _box(hint: str, unit: str, width: float, height: float, st: Styles) -> Table:
    """An empty box to write in, with a faint hint inside and the unit beside it."""
    cells = [st.p(hint, "hint"), st.p(unit, "body")]
    widths = [width, 40] if unit else [width]
    cells = cells if unit else cells[:1]
    if st.rtl:
        cells, widths = cells[::-1], widths[::-1]
    table = Table(
        [cells], colWidths=widths, rowHeights=[height], hAlign="RIGHT" if st.rtl else "LEFT"
    )
    box_col = len(cells) - 1 if st.rtl else 0
    table.setStyle(
        table_style(
            ("BOX", (box_col, 0), (box_col, 0), 0.6, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        )
    )
    return table


def _table_grid(q: Question, width: float, st: Styles) -> list:
    rows = max(TABLE_ROWS, q.min_rows or 0)
    header = [column_heading(c) for c in q.columns]
    blank = [[""] * len(q.columns) for _row in range(rows)]
    out = _indented(grid(header, blank, column_widths(q.columns, width), st, row_height=20), st)
    for column in q.columns:  # what may be written in choice columns
        if column.kind.has_choices:
            options = "; ".join(qt(label) for _code, label in column.kind.options(column))
            out.append(st.p(f"{qt(column.label)}: {options}", "help"))
    return out


def _indented(flowable, st: Styles) -> list:
    side = "right" if st.rtl else "left"
    start = Indenter(**{side: INDENT})
    gap = Spacer(1, 2)
    start.keepWithNext = gap.keepWithNext = 1
    return [start, gap, flowable, Spacer(1, 3), Indenter(**{side: -INDENT})]
