"""Accessible SVG charts drawn on the server: data in, an SVG string out.

Pure functions with no Flask or database, so they are tested alone and usable anywhere
(pages, exports). Every chart is an inline `<svg role="img">` named by its `<title>` and
described by its `<desc>` (referenced with aria-labelledby), each mark carries its own
`<title>` (a tooltip and a label for assistive technology), colours come from the
Okabe-Ito palette (distinguishable with colour-vision deficiencies), and pages show the
data table beside the chart: the chart is never the only way to the numbers. Charts are
laid out left to right in every language (`direction="ltr"` on the root, so that an
Arabic page does not flip their anchors); labels in any script keep their own order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

#: Okabe & Ito (2008), colour-blind safe; grey last for "other"/"no answer".
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
)
FONT = 13
_CHAR = 0.58  # average glyph width as a share of the font size (for truncating labels)


def color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def percent(value: float) -> str:
    return f"{value:.0%}"


def _fit(text: str, width: float, size: int = FONT) -> str:
    """Shorten a label to about `width` pixels; the full text stays in the <title>."""
    room = max(1, int(width / (size * _CHAR)))
    return text if len(text) <= room else text[: max(1, room - 1)].rstrip() + "…"


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg(
    chart_id: str, width: float, height: float, title: str, desc: str, body: list[str]
) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}" '
        f'font-family="sans-serif" font-size="{FONT}" direction="ltr">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _legend(
    labels: Sequence[str], x: float, y: float, width: float, colors: Sequence[str] | None = None
) -> list[str]:
    out = ['<g class="legend">']
    for i, label in enumerate(labels):
        top = y + i * (FONT + 8)
        fill = colors[i] if colors else color(i)
        out.append(
            f'<rect x="{_n(x)}" y="{_n(top)}" width="12" height="12" fill="{fill}"/>'
            f'<text x="{_n(x + 18)}" y="{_n(top + 10)}"><title>{escape(label)}</title>'
            f"{escape(_fit(label, width - 18))}</text>"
        )
    out.append("</g>")
    return out


def _empty(chart_id: str, title: str, desc: str, message: str, width: float = 480) -> Markup:
    return _svg(
        chart_id,
        width,
        60,
        title,
        desc,
        [
            f'<text x="{_n(width / 2)}" y="34" text-anchor="middle" fill="#555">{escape(message)}</text>'
        ],
    )


def pie_chart(
    slices: Sequence[tuple[str, float]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Callable[[float], str] = percent,
    empty: str = "No data",
) -> Markup:
    """Shares of a whole: one slice per (label, count); labelled with `fmt(share)`."""
    total = sum(v for _, v in slices)
    if total <= 0:
        return _empty(chart_id, title, desc, empty)
    radius, cx, cy = 90, 100, 100
    legend_width = 240
    height = max(2 * cy, 20 + len(slices) * (FONT + 8))
    body = ['<g class="slices" stroke="#fff" stroke-width="1">']
    angle = -math.pi / 2
    for i, (label, value) in enumerate(slices):
        if value <= 0:
            continue
        share = value / total
        tip = f"<title>{escape(label)}: {escape(fmt(share))} ({_n(value)})</title>"
        if share >= 1:
            body.append(
                f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="{color(i)}">{tip}</circle>'
            )
            break
        end = angle + share * 2 * math.pi
        x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        x2, y2 = cx + radius * math.cos(end), cy + radius * math.sin(end)
        large = 1 if share > 0.5 else 0
        body.append(
            f'<path d="M{cx},{cy} L{_n(x1)},{_n(y1)} A{radius},{radius} 0 {large} 1 '
            f'{_n(x2)},{_n(y2)} Z" fill="{color(i)}">{tip}</path>'
        )
        if share >= 0.06:  # label the slice where it fits
            middle = (angle + end) / 2
            lx, ly = cx + radius * 0.62 * math.cos(middle), cy + radius * 0.62 * math.sin(middle)
            body.append(
                f'<text x="{_n(lx)}" y="{_n(ly + 4)}" text-anchor="middle" fill="#fff" '
                f'stroke="#000" stroke-width="2.5" paint-order="stroke" aria-hidden="true">'
                f"{escape(fmt(share))}</text>"
            )
        angle = end
    body.append("</g>")
    body += _legend(
        [f"{label} ({fmt(v / total)})" for label, v in slices], 2 * cx + 20, 20, legend_width
    )
    return _svg(chart_id, 2 * cx + 20 + legend_width, height, title, desc, body)


def bar_chart(
    bars: Sequence[tuple[str, float]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    maximum: float | None = None,
    fmt: Callable[[float], str] = percent,
    empty: str = "No data",
) -> Markup:
    """Horizontal bars, one per (label, value), e.g. the share of Parties per option."""
    if not bars:
        return _empty(chart_id, title, desc, empty)
    label_width, plot, bar_height, gap = 260, 300, 20, 8
    top = max(maximum or 0, max(v for _, v in bars)) or 1
    height = len(bars) * (bar_height + gap) + gap
    body = ['<g class="bars">']
    for i, (label, value) in enumerate(bars):
        y = gap + i * (bar_height + gap)
        width = plot * value / top
        body.append(
            f'<text x="{label_width - 6}" y="{_n(y + 14)}" text-anchor="end">'
            f"{escape(_fit(label, label_width - 10))}</text>"
            f'<rect x="{label_width}" y="{_n(y)}" width="{_n(width)}" height="{bar_height}" '
            f'fill="{color(0)}"><title>{escape(label)}: {escape(fmt(value))}</title></rect>'
            f'<text x="{_n(label_width + width + 4)}" y="{_n(y + 14)}">{escape(fmt(value))}</text>'
        )
    body.append("</g>")
    return _svg(chart_id, label_width + plot + 60, height, title, desc, body)


def stacked_bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Callable[[float], str] = percent,
    empty: str = "No data",
    colors: Sequence[str] | None = None,
) -> Markup:
    """One horizontal 100 % bar per category (e.g. regional group), split by series
    (e.g. answer options) in proportion to their counts."""
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    if not categories or not any(totals):
        return _empty(chart_id, title, desc, empty)
    label_width, plot, bar_height, gap = 210, 310, 22, 10
    bars_height = len(categories) * (bar_height + gap) + gap
    body = ['<g class="stacks">']
    for row, category in enumerate(categories):
        y = gap + row * (bar_height + gap)
        body.append(
            f'<text x="{label_width - 6}" y="{_n(y + 15)}" text-anchor="end">'
            f"{escape(_fit(category, label_width - 10))}</text>"
        )
        if not totals[row]:
            body.append(
                f'<text x="{label_width}" y="{_n(y + 15)}" fill="#555">{escape(empty)}</text>'
            )
            continue
        x = float(label_width)
        for i, (name, values) in enumerate(series):
            share = values[row] / totals[row]
            if share <= 0:
                continue
            width = plot * share
            body.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{bar_height}" '
                f'fill="{colors[i] if colors else color(i)}" stroke="#fff"><title>{escape(category)}, {escape(name)}: '
                f"{escape(fmt(share))} ({_n(values[row])})</title></rect>"
            )
            x += width
    body.append("</g>")
    body += _legend([name for name, _ in series], label_width, bars_height + 6, plot, colors)
    height = bars_height + 12 + len(series) * (FONT + 8)
    return _svg(chart_id, label_width + plot + 20, height, title, desc, body)


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    maximum: float | None = None,
    fmt: Callable[[float], str] = percent,
    empty: str = "No data",
) -> Markup:
    """Change across cycles: one line per series over the x labels; None is a gap."""
    values = [v for _, vs in series for v in vs if v is not None]
    if not x_labels or not values:
        return _empty(chart_id, title, desc, empty)
    left, plot_w, plot_h, top_pad = 60, 420, 200, 12
    top = maximum if maximum is not None else (max(values) or 1)
    step = plot_w / max(1, len(x_labels) - 1)

    def x(i):
        return left + (i * step if len(x_labels) > 1 else plot_w / 2)

    def y(v):
        return top_pad + plot_h - plot_h * v / top

    body = [
        '<g class="axes" stroke="#999">',
        f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + plot_h}"/>',
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}"/>',
        "</g>",
        '<g class="ticks" fill="#333">',
    ]
    for fraction in (0, 0.5, 1):
        body.append(
            f'<text x="{left - 6}" y="{_n(y(top * fraction) + 4)}" text-anchor="end">'
            f"{escape(fmt(top * fraction))}</text>"
        )
    for i, label in enumerate(x_labels):
        body.append(
            f'<text x="{_n(x(i))}" y="{top_pad + plot_h + 18}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    body.append("</g>")
    for s, (name, points) in enumerate(series):
        body.append(f'<g class="series" fill="{color(s)}" stroke="{color(s)}">')
        run: list[str] = []
        for i, v in enumerate(list(points) + [None]):
            if v is None:
                if len(run) > 1:
                    body.append(
                        f'<polyline fill="none" stroke-width="2" points="{" ".join(run)}"/>'
                    )
                run = []
                continue
            run.append(f"{_n(x(i))},{_n(y(v))}")
            body.append(
                f'<circle cx="{_n(x(i))}" cy="{_n(y(v))}" r="4"><title>{escape(name)}, '
                f"{escape(x_labels[i])}: {escape(fmt(v))}</title></circle>"
            )
        body.append("</g>")
    legend_top = top_pad + plot_h + 32
    body += _legend([name for name, _ in series], left, legend_top, plot_w)
    return _svg(
        chart_id, left + plot_w + 30, legend_top + len(series) * (FONT + 8), title, desc, body
    )
