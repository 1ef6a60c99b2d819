"""Inline SVG charts for the index: each with a title, a description for screen readers,
a visible legend or labels, and a ``<title>`` per mark for hover."""

from __future__ import annotations

import html
from collections.abc import Sequence

from linter.report.assets import STATUS_STYLE

_WIDTH = 340


def _figure(caption: str, description: str, svg_body: str, height: int, legend: str = "") -> str:
    key = "chart-" + "".join(c if c.isalnum() else "-" for c in caption.lower())
    return (
        f'<figure><figcaption id="{key}">{html.escape(caption)}</figcaption>'
        f'<svg viewBox="0 0 {_WIDTH} {height}" role="img" aria-labelledby="{key}" '
        f'aria-describedby="{key}d"><desc id="{key}d">{html.escape(description)}</desc>'
        f"{svg_body}</svg>{legend}</figure>"
    )


def _legend(items: Sequence[tuple[str, str]]) -> str:
    return (
        '<ul class="legend">'
        + "".join(
            f'<li><span class="sw" style="background:{c}"></span>{html.escape(t)}</li>'
            for t, c in items
        )
        + "</ul>"
    )


def coverage_histogram(coverages: Sequence[float | None]) -> str:
    """Articles per tenth of coverage, plus a bar for articles without claims."""
    bins = [0] * 10
    empty = 0
    for value in coverages:
        if value is None:
            empty += 1
        else:
            bins[min(int(value * 10), 9)] += 1
    labels = [f"{i * 10}–{i * 10 + 10}%" for i in range(10)] + ["none"]
    counts = [*bins, empty]
    top = max(max(counts), 1)
    bar, gap, base, chart = 26, 4, 150, 130
    parts = []
    for i, (label, count) in enumerate(zip(labels, counts, strict=True)):
        x = 8 + i * (bar + gap)
        h = count / top * chart
        colour = "#9aa0a6" if label == "none" else STATUS_STYLE["verified"][0]
        parts.append(
            f'<rect x="{x}" y="{base - h:.1f}" width="{bar}" height="{h:.1f}" fill="{colour}">'
            f"<title>{count:,} articles with coverage {label}</title></rect>"
            f'<text x="{x + bar / 2}" y="{base - h - 3:.1f}" text-anchor="middle">{count:,}</text>'
            f'<text x="{x + bar / 2}" y="{base + 12}" text-anchor="middle" font-size="8">{label.split("–")[0]}</text>'
        )
    description = "; ".join(
        f"{label}: {count}" for label, count in zip(labels, counts, strict=True)
    )
    return _figure(
        "Coverage across articles",
        "Number of articles by share of claims verified and cited. " + description,
        "".join(parts),
        170,
        '<p class="legend">x: coverage (% of claims verified and cited), from 0 to 100; '
        "y: articles</p>",
    )


def bars(caption: str, items: Sequence[tuple[str, int]], colour: str, unit: str) -> str:
    """Horizontal bars, largest first, labelled with name and count."""
    if not items:
        return _figure(caption, "nothing to show", '<text x="8" y="20">none</text>', 30)
    top = max(v for _, v in items) or 1
    row, label_width = 20, 150
    parts = []
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        w = value / top * (_WIDTH - label_width - 50)
        shown = label if len(label) <= 22 else label[:21] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{html.escape(shown)}</text>'
            f'<rect x="{label_width}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" fill="{colour}">'
            f"<title>{html.escape(label)}: {value:,} {unit}</title></rect>"
            f'<text x="{label_width + w + 4:.1f}" y="{y + 13}">{value:,}</text>'
        )
    description = "; ".join(f"{label}: {value} {unit}" for label, value in items)
    return _figure(caption, description, "".join(parts), 8 + len(items) * row)


def claims_by_kind(counts: dict[str, dict[str, int]]) -> str:
    """One stacked bar per claim kind: verified, contradicted, unverified."""
    statuses = ("verified", "contradicted", "unverified")
    kinds = sorted(counts, key=lambda k: -sum(counts[k].values()))
    top = max((sum(counts[k].values()) for k in kinds), default=1) or 1
    row, label_width = 22, 80
    parts = []
    for i, kind in enumerate(kinds):
        y = 4 + i * row
        x = float(label_width)
        parts.append(f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{kind}</text>')
        for status in statuses:
            value = counts[kind].get(status, 0)
            w = value / top * (_WIDTH - label_width - 50)
            if value:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 7}" '
                    f'fill="{STATUS_STYLE[status][0]}"><title>{kind}: {value:,} {status}</title></rect>'
                )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{sum(counts[kind].values()):,}</text>')
    description = "; ".join(
        f"{kind}: " + ", ".join(f"{counts[kind].get(s, 0)} {s}" for s in statuses) for kind in kinds
    )
    legend = _legend([(f"{STATUS_STYLE[s][1]} {s}", STATUS_STYLE[s][0]) for s in statuses])
    return _figure(
        "Claims by kind and status",
        description,
        "".join(parts),
        8 + max(len(kinds), 1) * row,
        legend,
    )
