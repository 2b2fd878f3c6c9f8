"""Fonts for PDFs in the six UN languages, from Debian packages installed by bin/setup.

reportlab's built-in fonts cover Latin-1 only, so every PDF uses embedded TrueType fonts:
DejaVu Sans for Latin, Cyrillic and Arabic, WenQuanYi Zen Hei for Chinese (Noto CJK's
PostScript outlines are not supported by reportlab). Fonts are registered once per
process, at first use, so that importing the app never touches the file system.

Text mixing scripts is split into runs, each in the first font that has its glyphs,
so a Chinese answer in an English report (or Latin digits in Chinese) shows real glyphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

#: Font names used in styles and markup.
SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
CJK = "WenQuanYiZenHei"


@dataclass(frozen=True)
class FontFile:
    name: str
    path: Path
    package: str
    subfont: int = 0


FONT_FILES = (
    FontFile(SANS, Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), "fonts-dejavu-core"),
    FontFile(
        SANS_BOLD, Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"), "fonts-dejavu-core"
    ),
    FontFile(CJK, Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), "fonts-wqy-zenhei"),
)


class FontsMissing(RuntimeError):
    """A font file PDFs need is not installed; the message names the Debian package."""

    def __init__(self, missing: list[FontFile]):
        self.packages = sorted({f.package for f in missing})
        files = ", ".join(str(f.path) for f in missing)
        super().__init__(
            f"PDF fonts are missing ({files}): install the Debian package(s) "
            f"{' '.join(self.packages)} (apt-get install {' '.join(self.packages)}), "
            "or run bin/setup as root."
        )


@cache
def ensure_fonts() -> None:
    """Register the fonts with reportlab (once per process); raise FontsMissing if absent."""
    missing = [f for f in FONT_FILES if not f.path.is_file()]
    if missing:
        raise FontsMissing(missing)
    for f in FONT_FILES:
        pdfmetrics.registerFont(TTFont(f.name, str(f.path), subfontIndex=f.subfont))
    # <b> and <i> inside markup resolve through these families; there is no bold CJK face.
    for bold in (False, True):
        for italic in (False, True):
            addMapping(SANS, bold, italic, SANS_BOLD if bold else SANS)
            addMapping(CJK, bold, italic, CJK)


@cache
def _coverage() -> tuple[tuple[str, frozenset[int]], ...]:
    """(font name, code points with a glyph) in order of preference."""
    ensure_fonts()
    return tuple(
        (name, frozenset(pdfmetrics.getFont(name).face.charToGlyph)) for name in (SANS, CJK)
    )


def font_for(char: str, preferred: str = SANS) -> str:
    """The font to draw `char` with: the preferred one if it has the glyph, else the first
    that has it (the preferred font when none has it: reportlab then draws its box)."""
    fonts = _coverage()
    code = ord(char)
    for name, points in fonts:
        if name == _family(preferred) and code in points:
            return preferred
    for name, points in fonts:
        if code in points:
            return name
    return preferred


def _family(name: str) -> str:
    return SANS if name == SANS_BOLD else name


def runs(text: str, preferred: str = SANS) -> list[tuple[str, str]]:
    """Split text into (font name, text) runs; spaces stay in the current run."""
    out: list[tuple[str, str]] = []
    current = preferred
    buffer: list[str] = []
    for char in text:
        font = current if char.isspace() else font_for(char, preferred)
        if font != current and buffer:
            out.append((current, "".join(buffer)))
            buffer = []
        current = font
        buffer.append(char)
    if buffer:
        out.append((current, "".join(buffer)))
    return out
