"""Charts as PNG images, drawn from their SVG by resvg (a Rust renderer with text shaping,
so Arabic is joined and right-to-left and Chinese has its glyphs), with the fonts the
PDFs use (Debian packages, never fetched at run time)."""

from __future__ import annotations

import resvg_py

from ..pdf.fonts import FONT_FILES, FontsMissing

#: Twice the SVG's size: sharp on high-density screens and in slides.
ZOOM = 2


def svg_document(svg: str) -> str:
    """A chart's inline SVG as a file of its own."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + str(svg)


def svg_to_png(svg: str) -> bytes:
    """The PNG of an SVG chart, on white. Raises FontsMissing without the font packages."""
    missing = [f for f in FONT_FILES if not f.path.exists()]
    if missing:
        raise FontsMissing(missing)
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=str(svg),
            background="#ffffff",
            zoom=ZOOM,
            skip_system_fonts=True,
            font_files=[str(f.path) for f in FONT_FILES],
            font_family="DejaVu Sans",
            sans_serif_family="DejaVu Sans",
        )
    )
