"""Tables in PDFs: answer grids with column labels, and label/value lists (cover, receipt).

Right-to-left documents mirror their tables: the first column is on the right.
"""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from .fonts import SANS
from .layout import RULE, SHADE, Styles


def column_widths(columns, total: float) -> list[float]:
    """Widths of table columns in proportion to their kinds' `pdf_width`."""
    weights = [c.kind.pdf_width for c in columns]
    return [total * w / sum(weights) for w in weights]


def table_style(*commands) -> TableStyle:
    """Commands for a table whose cells are all paragraphs; the table's own font is set
    too, or reportlab would put its unembedded default (Helvetica) in every page."""
    return TableStyle([("FONT", (0, 0), (-1, -1), SANS), *commands])


def _mirrored(row: list, rtl: bool) -> list:
    return row[::-1] if rtl else row


def grid(
    header: list[str],
    rows: list[list[str]],
    widths: list[float],
    st: Styles,
    *,
    row_height: float | None = None,
) -> Table:
    """A ruled table with a shaded heading row repeated on every page."""
    data = [_mirrored([st.p(text, "cell_head") for text in header], st.rtl)]
    data += [_mirrored([st.p(text, "cell", written=True) for text in row], st.rtl) for row in rows]
    heights = None if row_height is None else [None] + [row_height] * len(rows)
    table = Table(
        data,
        colWidths=_mirrored(widths, st.rtl),
        rowHeights=heights,
        repeatRows=1,
        hAlign="RIGHT" if st.rtl else "LEFT",
    )
    table.setStyle(
        table_style(
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        )
    )
    return table


def key_values(pairs: list[tuple[str, str]], widths: tuple[float, float], st: Styles) -> Table:
    """Labels and values in two columns (the label first in reading order)."""
    data = [
        _mirrored([st.p(label, "label"), st.p(value, written=True)], st.rtl)
        for label, value in pairs
    ]
    table = Table(
        data, colWidths=_mirrored(list(widths), st.rtl), hAlign="RIGHT" if st.rtl else "LEFT"
    )
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        )
    )
    return table
