"""Text in PDFs: escaped Paragraph markup with a font per script, and right-to-left lines.

reportlab lays text out left to right and does not shape Arabic (its own bidi support
needs `rlbidi`, which is not on PyPI). Arabic is therefore shaped with `arabic_reshaper`
and reordered with `python-bidi` here: its pure-Python `bidi.algorithm`, which mirrors
brackets in right-to-left runs (the compiled `bidi.get_display` does not). Reordering
must happen *per line*: reversing a whole paragraph and letting reportlab wrap it would
put the end of the text on the first line. `BidiParagraph` breaks the logical text into
lines for the width it is given, then turns each line into visual order.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_base_level
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from .fonts import runs

_RTL_CLASSES = {"R", "AL"}
#: Where lines may break: white space, except no-break spaces.
_BREAKS = re.compile(r"[^\S\u00a0\u202f]+")
#: Directional marks and embeddings: they steer the reordering and are never drawn.
_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def has_rtl(text: str) -> bool:
    """Does the text hold right-to-left letters (Arabic, Hebrew ...)? Marks such as
    the right-to-left mark in Arabic dates do not count."""
    return any(
        unicodedata.bidirectional(char) in _RTL_CLASSES and unicodedata.category(char)[0] == "L"
        for char in text
    )


def ltr(text: str) -> str:
    """Keep a code (cycle code, e-mail, hash) in reading order inside right-to-left text."""
    return f"\u202a{text}\u202c"


def markup(text: str, font: str) -> str:
    """Paragraph markup for plain text: escaped, runs in other scripts in their own font,
    line breaks kept, directional controls dropped."""
    lines = []
    for line in text.translate(_CONTROLS).split("\n"):
        parts = []
        for run_font, run in runs(line, font):
            escaped = escape(run)
            if run_font != font:
                escaped = f'<font name="{run_font}">{escaped}</font>'
            parts.append(escaped)
        lines.append("".join(parts))
    return "<br/>".join(lines)


def paragraph(text, style, *, rtl: bool = False, written: bool = False) -> Flowable:
    """A paragraph of plain text in `style`.

    In a right-to-left document (`rtl`), text with Arabic in it runs right to left, and
    text without (an e-mail address, a hash, an English answer or a message not yet
    translated) keeps its left-to-right order, only aligned to the right. In a
    left-to-right document, Arabic written by people (`written`: answers, comments)
    takes its direction from its first strong character, as Unicode prescribes.
    """
    text = "" if text is None else str(text)
    if not has_rtl(text):
        return Paragraph(markup(text, style.fontName), style)
    base = "R" if rtl else (None if written else "L")
    return BidiParagraph(text, style, base)


def text_width(text: str, font: str, size: float) -> float:
    text = text.translate(_CONTROLS)
    return sum(stringWidth(run, run_font, size) for run_font, run in runs(text, font))


def wrap_lines(text: str, width: float, font: str, size: float) -> list[str]:
    """Logical lines of at most `width` points (greedy, at spaces; over-long words are
    cut between characters, as in Chinese)."""
    lines: list[str] = []
    space = text_width(" ", font, size)
    for hard_line in text.split("\n"):
        current: list[str] = []
        used = 0.0
        for word in _BREAKS.split(hard_line):
            if not word:
                continue
            for piece in _cut(word, width, font, size):
                w = text_width(piece, font, size)
                needed = w if not current else used + space + w
                if current and needed > width:
                    lines.append(" ".join(current))
                    current, used = [piece], w
                else:
                    current.append(piece)
                    used = needed
        lines.append(" ".join(current))
    return lines


def _cut(word: str, width: float, font: str, size: float) -> list[str]:
    """The word in pieces no wider than `width` (usually the word itself)."""
    if text_width(word, font, size) <= width:
        return [word]
    pieces, current, used = [], "", 0.0
    for char in word:
        w = text_width(char, font, size)
        if current and used + w > width:
            pieces.append(current)
            current, used = "", 0.0
        current += char
        used += w
    pieces.append(current)
    return pieces


def visual_lines(
    text: str, width: float, font: str, size: float, base_dir: str | None
) -> list[str]:
    """The text shaped (Arabic joining forms) and broken into lines, each in visual order.

    Without `base_dir` ("R" or "L"), the paragraph's first strong character decides it,
    for all its lines alike."""
    if base_dir is None:
        base_dir = "R" if text.strip() and get_base_level(text) else "L"
    shaped = arabic_reshaper.reshape(text)
    return [
        get_display(line, base_dir=base_dir) if line else line
        for line in as_embeddings(wrap_lines(shaped, width, font, size))
    ]


_LRE, _RLE, _PDF = "\u202a", "\u202b", "\u202c"
_OPENERS = {"\u2066": _LRE, "\u2067": _RLE}  # left-to-right / right-to-left isolate


def _first_strong(text: str, start: int) -> str:
    """The embedding a first strong isolate at `start` stands for: right to left if the
    first strong character before its end is, else left to right (digits alone too)."""
    depth = 0
    for char in text[start + 1 :]:
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == "\u2069":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind in ("R", "AL"):
                return _RLE
            if kind == "L":
                return _LRE
    return _LRE


def as_embeddings(lines: list[str]) -> list[str]:
    """Lines with Unicode bidi isolates (FSI/LRI/RLI ... PDI, as the answer presenter
    writes them around values) turned into the embeddings the reordering understands,
    each line balanced (an isolate broken across lines is closed and reopened)."""
    out: list[str] = []
    still_open: list[str] = []
    for line in lines:
        text = "".join(still_open)
        for index, char in enumerate(line):
            if char == "\u2068":
                still_open.append(_first_strong(line, index))
                text += still_open[-1]
            elif char in _OPENERS:
                still_open.append(_OPENERS[char])
                text += still_open[-1]
            elif char == "\u2069":
                if still_open:
                    still_open.pop()
                    text += _PDF
            else:
                text += char
        out.append(text + _PDF * len(still_open))
    return out


class BidiParagraph(Flowable):
    """A paragraph whose lines are reordered for display once its width is known."""

    def __init__(self, text: str, style, base_dir: str | None):
        super().__init__()
        self.text, self.style, self.base_dir = text, style, base_dir
        self._para: Paragraph | None = None
        self._built_for: float | None = None

    def _build(self, avail_width: float) -> Paragraph:
        if self._para is None or self._built_for != avail_width:
            style = self.style
            # A hair narrower than reportlab's own limit, so it never re-wraps our lines.
            width = avail_width - style.leftIndent - style.rightIndent - 0.5
            lines = visual_lines(self.text, width, style.fontName, style.fontSize, self.base_dir)
            self._para = Paragraph(
                "<br/>".join(markup(line, style.fontName) for line in lines), style
            )
            self._built_for = avail_width
        return self._para

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self._build(avail_width).wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return self._build(avail_width).split(avail_width, avail_height)

    def draw(self):
        self._para.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter
