"""Small server-rendered SVG charts for the PDF reports (WeasyPrint runs no JavaScript, so no ECharts)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

COLOURS = ("#b42318", "#98a2b3", "#1d4ed8", "#067647")
FONT = "Noto Sans CJK SC, sans-serif"


def _fmt(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:.1f}"


def bar_chart(
    *, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], width: int = 640, bar_height: int = 14
) -> str:
    """Horizontal grouped bars: one group per category, one bar per series, with a legend and values."""
    label_w, value_w, gap = 150, 44, 8
    groups = len(categories)
    per_group = bar_height * len(series) + gap
    legend_h = 24
    height = legend_h + groups * per_group + 8
    values = [float(v or 0) for _name, data in series for v in data]
    top = max(values) if values and max(values) > 0 else 1.0
    plot_w = width - label_w - value_w
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{FONT}" font-size="11">'
    ]
    x = label_w
    for i, (name, _data) in enumerate(series):
        parts.append(f'<rect x="{x}" y="6" width="10" height="10" fill="{COLOURS[i % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 14}" y="15">{escape(name)}</text>')
        x += 14 + 12 * len(name) + 20
    for g, category in enumerate(categories):
        y0 = legend_h + g * per_group
        parts.append(
            f'<text x="{label_w - 6}" y="{y0 + per_group / 2}" text-anchor="end" dominant-baseline="middle">{escape(category[:14])}</text>'
        )
        for s, (_name, data) in enumerate(series):
            value = float(data[g] or 0)
            w = max(0.0, plot_w * value / top)
            y = y0 + s * bar_height
            parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height - 2}" fill="{COLOURS[s % len(COLOURS)]}"/>')
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_height - 4}">{_fmt(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    *, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], width: int = 640, height: int = 220
) -> str:
    """Vertical grouped columns (the trend by month), with a legend."""
    left, bottom, top_pad = 40, 24, 28
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    values = [float(v or 0) for _name, data in series for v in data]
    top = max(values) if values and max(values) > 0 else 1.0
    n = max(1, len(categories))
    group_w = plot_w / n
    bar_w = max(2.0, (group_w - 6) / max(1, len(series)))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{FONT}" font-size="10">'
    ]
    x = left
    for i, (name, _data) in enumerate(series):
        parts.append(f'<rect x="{x}" y="6" width="10" height="10" fill="{COLOURS[i % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 14}" y="15">{escape(name)}</text>')
        x += 14 + 12 * len(name) + 20
    base = top_pad + plot_h
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - 8}" y2="{base}" stroke="#98a2b3"/>')
    parts.append(f'<text x="{left - 4}" y="{top_pad + 4}" text-anchor="end">{_fmt(top)}</text>')
    parts.append(f'<text x="{left - 4}" y="{base}" text-anchor="end">0</text>')
    for g, category in enumerate(categories):
        gx = left + g * group_w + 3
        for s, (_name, data) in enumerate(series):
            value = float(data[g] or 0)
            h = plot_h * value / top
            parts.append(
                f'<rect x="{gx + s * bar_w:.1f}" y="{base - h:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" fill="{COLOURS[s % len(COLOURS)]}"/>'
            )
        parts.append(f'<text x="{gx + group_w / 2 - 3:.1f}" y="{base + 14}" text-anchor="middle">{escape(category)}</text>')
    parts.append("</svg>")
    return "".join(parts)
