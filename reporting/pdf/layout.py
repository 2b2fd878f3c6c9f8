"""Page layout shared by every PDF: A4, styles per text direction, the footer with
"Page N of M" and the date of printing, and PDF bookmarks for parts and articles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, partial
from io import BytesIO

from flask_babel import format_date
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from ..i18n import RTL_LANGUAGES
from ..models.types import utcnow
from .fonts import SANS, SANS_BOLD, ensure_fonts
from .text import paragraph

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
#: Width of the text frame: tables are sized against it.
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
#: How far answers are indented under their question.
INDENT = 8 * mm

MUTED = colors.HexColor("#555555")
ALERT = colors.HexColor("#a40000")
RULE = colors.HexColor("#999999")
SHADE = colors.HexColor("#ececec")
#: Answers in blue, so they stand apart from questions even in Chinese, which has no bold.
INK = colors.HexColor("#143f73")


@dataclass(frozen=True)
class Styles:
    rtl: bool
    title: ParagraphStyle
    subtitle: ParagraphStyle
    part: ParagraphStyle
    section: ParagraphStyle
    intro: ParagraphStyle
    question: ParagraphStyle
    help: ParagraphStyle
    hint: ParagraphStyle
    answer: ParagraphStyle
    option: ParagraphStyle
    missing: ParagraphStyle
    note: ParagraphStyle
    label: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    footer: ParagraphStyle

    def p(self, text, style_name: str = "body", *, written: bool = False):
        """A paragraph in one of these styles, laid out for the document's direction."""
        return paragraph(text, getattr(self, style_name), rtl=self.rtl, written=written)


def styles_for(lang: str) -> Styles:
    """The styles of a document in `lang`: right-to-left for Arabic."""
    return styles(lang in RTL_LANGUAGES)


@cache
def styles(rtl: bool = False) -> Styles:
    align = TA_RIGHT if rtl else TA_LEFT
    base = ParagraphStyle(
        "body", fontName=SANS, fontSize=9.5, leading=12.5, alignment=align, spaceAfter=3
    )

    def style(name, parent=base, **kw):
        return ParagraphStyle(name, parent=parent, **kw)

    indent = {"rightIndent" if rtl else "leftIndent": INDENT}
    answer = style("answer", textColor=INK, **indent)
    return Styles(
        rtl=rtl,
        title=style("title", fontName=SANS_BOLD, fontSize=18, leading=23, spaceAfter=8),
        subtitle=style("subtitle", fontSize=13, leading=17, spaceAfter=14),
        part=style(
            "part",
            fontName=SANS_BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=10,
            spaceAfter=6,
            keepWithNext=1,
        ),
        section=style(
            "section",
            fontName=SANS_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        intro=style("intro", textColor=MUTED, spaceAfter=6),
        question=style("question", fontName=SANS_BOLD, spaceBefore=6, spaceAfter=2, keepWithNext=1),
        help=style(
            "help", parent=answer, fontSize=8, leading=10.5, textColor=MUTED, keepWithNext=1
        ),
        hint=style("hint", fontSize=7.5, leading=9.5, textColor=MUTED, spaceAfter=0),
        answer=answer,
        option=style("option", **indent),
        missing=style("missing", parent=answer, fontName=SANS_BOLD, textColor=ALERT),
        note=style("note", parent=answer, fontSize=8, leading=10.5, textColor=ALERT),
        label=style("label", fontName=SANS_BOLD, spaceAfter=0),
        body=base,
        cell=style("cell", fontSize=8.5, leading=10.5, spaceAfter=0, textColor=INK),
        cell_head=style("cell_head", fontName=SANS_BOLD, fontSize=8.5, leading=10.5, spaceAfter=0),
        footer=style("footer", fontSize=7.5, leading=9, textColor=MUTED, spaceAfter=0),
    )


def outline(flowable, title: str, level: int):
    """Mark a heading so that it becomes a PDF bookmark (see `_Document.afterFlowable`)."""
    flowable.outline = (title, level)
    return flowable


class _Document(SimpleDocTemplate):
    def afterFlowable(self, flowable):
        mark = getattr(flowable, "outline", None)
        if mark:
            title, level = mark
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)


class _FooterCanvas(Canvas):
    """Keeps every page until the end, so that each footer can say "Page N of M"."""

    def __init__(self, *args, footer, **kwargs):
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            self._footer(self, number, total)
            super().showPage()
        super().save()


def _draw_footer(
    canvas: Canvas, number: int, total: int, *, label: str, printed: str, st: Styles
) -> None:
    y = MARGIN - 7 * mm
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, y + 10, PAGE_WIDTH - MARGIN, y + 10)
    canvas.restoreState()
    half = CONTENT_WIDTH / 2
    page = _("Page %(page)d of %(pages)d", page=number, pages=total)
    # The document's label sits at the start of the line: left, or right in Arabic.
    left, right = (label, f"{printed} · {page}")[:: -1 if st.rtl else 1]
    for text, x, align_right in ((left, MARGIN, False), (right, MARGIN + half, True)):
        flowable = paragraph(text, _aligned(st.footer, align_right), rtl=st.rtl)
        height = flowable.wrap(half, 20)[1]
        flowable.drawOn(canvas, x, y + 8 - height)


@cache
def _aligned(style: ParagraphStyle, right: bool) -> ParagraphStyle:
    return ParagraphStyle(
        f"{style.name}-{right}", parent=style, alignment=TA_RIGHT if right else TA_LEFT
    )


def build_pdf(story: list, *, title: str, footer_label: str, lang: str, st: Styles) -> bytes:
    """Lay out the story on A4 pages and return the PDF's bytes."""
    ensure_fonts()
    buffer = BytesIO()
    doc = _Document(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author="ORT",
        creator="ORT",
        lang=lang,
        initialFontName=SANS,
    )
    printed = _("Printed on %(date)s", date=format_date(utcnow(), "long"))
    footer = partial(_draw_footer, label=footer_label, printed=printed, st=st)
    doc.build(story, canvasmaker=partial(_FooterCanvas, footer=footer))
    return buffer.getvalue()
