"""The index page: corpus totals, charts, the table of articles (from a data island,
paged by the page's script so 10,000 rows stay responsive) and corpus findings by fact."""

from __future__ import annotations

import html
from collections import defaultdict
from typing import Any

from linter.audit import Audit
from linter.diagnostic import Diagnostic
from linter.report import charts
from linter.report.assets import STATUS_STYLE
from linter.report.island import island
from linter.report.trends import TRACKED, Change, Previous, corpus_changes

COLUMNS = (
    ("path", "article", "text"),
    ("claims", "claims", "count"),
    ("contradicted", "contradicted", "count"),
    ("verified", "verified", "count"),
    ("unverified", "unverified", "count"),
    ("uncited", "uncited", "count"),
    ("dangling", "dangling markers", "count"),
    ("unused_definitions", "unused definitions", "count"),
    ("coverage", "coverage", "share"),
    ("findings", "findings", "count"),
)
"""Key, heading and kind of each column; the script's filters use these positions."""
TREND_COLUMNS = (
    ("d_coverage", "Δ coverage", "delta-share"),
    ("d_contradicted", "Δ contradicted", "delta"),
    ("d_dangling", "Δ dangling", "delta"),
    ("new", "new findings", "count"),
    ("fixed", "fixed findings", "count"),
)
_LABELS = {"dangling": "dangling markers", "unused_definitions": "unused definitions",
           "corpus_findings": "corpus findings"}  # fmt: skip
_TOTALS = ("articles", "claims", "verified", "contradicted", "unverified", "uncited", "dangling",
           "unused_definitions", "findings", "corpus_findings")  # fmt: skip


def _signed(value: float | int | None, share: bool = False) -> str:
    if value is None:
        return ""
    shown = f"{abs(value) * 100:.0f} pt" if share else f"{abs(value):,}"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{shown}"


def _delta(name: str, value: float | int | None) -> str:
    if value is None:
        return ""
    good = value > 0 if name == "coverage" else value < 0
    tone = "" if value == 0 else " good" if good else " bad"
    return f' <span class="delta{tone}" data-delta="{name}">{_signed(value, name == "coverage")}</span>'


def _cards(audit: Audit, previous: Previous | None) -> str:
    totals = audit.totals
    cards = []
    for key in _TOTALS:
        value = totals[key]
        delta = ""
        if (
            previous is not None
            and key in TRACKED
            and isinstance(previous.totals.get(key), (int, float))
        ):
            delta = _delta(key, round(value - previous.totals[key], 4))
        glyph = STATUS_STYLE[key][1] + " " if key in STATUS_STYLE else ""
        cards.append(
            f'<div class="card"><b data-total="{key}" data-value="{value}">{value:,}</b>'
            f"<small>{glyph}{_LABELS.get(key, key)}</small>{delta}</div>"
        )
    coverage = totals["coverage"]
    delta = ""
    if (
        previous is not None
        and isinstance(previous.totals.get("coverage"), (int, float))
        and coverage is not None
    ):
        delta = _delta("coverage", round(coverage - previous.totals["coverage"], 4))
    shown = "–" if coverage is None else f"{coverage * 100:.1f}%"
    cards.insert(
        1,
        f'<div class="card"><b data-total="coverage">{shown}</b><small>coverage</small>{delta}</div>',
    )
    return f'<div class="cards">{"".join(cards)}</div>'


def _charts(audit: Audit, codes: dict[str, int]) -> str:
    kinds: dict[str, dict[str, int]] = defaultdict(dict)
    for (kind, status), count in audit.claim_kinds.items():
        kinds[kind][status] = count
    contradicted = sorted(
        audit.contradictions.items(), key=lambda item: (-sum(item[1].values()), item[0])
    )[:10]
    return (
        '<div class="charts">'
        + charts.coverage_histogram([a.coverage for a in audit.articles])
        + charts.bars(
            "Findings by rule",
            sorted(codes.items(), key=lambda i: (-i[1], i[0])),
            "#56B4E9",
            "findings",
        )
        + charts.claims_by_kind(kinds)
        + charts.bars(
            "Most-contradicted facts",
            [(f, sum(c.values())) for f, c in contradicted],
            STATUS_STYLE["contradicted"][0],
            "contradicted claims",
        )
        + "</div>"
    )


def _contradicted_table(audit: Audit, pages: dict[str, str]) -> str:
    ranked = sorted(
        audit.contradictions.items(), key=lambda item: (-sum(item[1].values()), item[0])
    )[:25]
    if not ranked:
        return "<p>No claim contradicts a fact.</p>"
    rows = []
    for fact, by_article in ranked:
        articles = sorted(by_article.items(), key=lambda item: (-item[1], item[0]))
        links = ", ".join(
            f'<a href="{pages[p]}">{html.escape(p)}</a>' + (f" ×{n}" if n > 1 else "")
            for p, n in articles[:8]
        )
        more = f" and {len(articles) - 8:,} more" if len(articles) > 8 else ""
        rows.append(
            f"<tr><td><code>{html.escape(fact)}</code></td><td>{sum(by_article.values()):,}</td>"
            f"<td>{len(articles):,}</td><td>{links}{more}</td></tr>"
        )
    return (
        '<div class="scroll"><table class="groups"><thead><tr><th>fact</th><th>contradicted claims</th>'
        f"<th>articles</th><th>in</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _corpus_groups(corpus: list[Diagnostic], pages: dict[str, str]) -> str:
    """COR002 by fact, COR003 by the claim the others disagree with (the finding's related
    place), COR001 in one row."""
    groups: dict[tuple[str, str], list[Diagnostic]] = defaultdict(list)
    other: list[Diagnostic] = []
    for d in corpus:
        if d.code == "COR002" and d.fact is not None:
            groups[(d.code, f"fact {d.fact['id']}")].append(d)
        elif d.code == "COR003" and d.related:
            earlier = d.related[0]
            where = f"{earlier.path}:{earlier.span.line}:{earlier.span.column}"
            groups[(d.code, f"{earlier.message} in {where}")].append(d)
        elif d.code == "COR001":
            groups[(d.code, "facts no article uses")].append(d)
        else:
            other.append(d)
    if not groups and not other:
        return "<p>No corpus findings.</p>"
    rows = []
    ordered = sorted(
        groups.items(), key=lambda item: (item[0][0] != "COR002", -len(item[1]), item[0][1])
    )
    for (code, about), members in ordered[:200]:
        if code == "COR001":
            places = ", ".join(
                html.escape(d.message.removeprefix("fact ").split()[0]) for d in members
            )
        else:
            places = ", ".join(
                f'<a href="{pages.get(d.path, "#")}">{html.escape(d.path)}:{d.span.line}</a> '
                f"“{html.escape(str((d.claim or {}).get('text', '')))}”"
                for d in members[:12]
            ) + (f" and {len(members) - 12:,} more" if len(members) > 12 else "")
        rows.append(
            f'<tr data-code="{code}"><td><code>{code}</code></td><td>{html.escape(about)}</td>'
            f"<td>{len(members):,}</td><td>{places}</td></tr>"
        )
    rows += [
        f'<tr data-code="{d.code}"><td><code>{d.code}</code></td><td>{html.escape(d.path)}:{d.span.line}</td>'
        f"<td>1</td><td>{html.escape(d.message)}</td></tr>"
        for d in other[:200]
    ]
    more = len(ordered) + len(other) - len(rows)
    tail = f"<p>{more:,} more groups: see <code>audit --format json</code>.</p>" if more > 0 else ""
    return (
        f"<p>{len(corpus):,} corpus findings in {len(ordered) + len(other):,} groups.</p>"
        '<div class="scroll"><table class="groups" id="corpus"><thead><tr><th>rule</th><th>about</th>'
        f"<th>findings</th><th>where</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>{tail}"
    )


def _trend_section(
    audit: Audit, previous: Previous, changes: dict[str, Change], pages: dict[str, str]
) -> str:
    new = [(p, f) for p, c in changes.items() for f in c.new]
    fixed = [(p, f) for p, c in changes.items() for f in c.fixed]
    removed = previous.removed(set(changes))
    corpus_new, corpus_gone = corpus_changes(previous, [d.to_json() for d in audit.corpus])

    def listed(items: list[tuple[str, dict[str, Any]]], css: str) -> str:
        shown = "".join(
            f'<li class="{css}" data-code="{html.escape(str(f.get("code")))}" data-path="{html.escape(p)}">'
            f'<a href="{pages.get(p, "#")}">{html.escape(p)}</a>:{f.get("line")} <code>{html.escape(str(f.get("code")))}</code> '
            f"{html.escape(str(f.get('message')))}</li>"
            for p, f in items[:300]
        )
        more = f"<li>… and {len(items) - 300:,} more</li>" if len(items) > 300 else ""
        return f'<ul class="plain">{shown}{more}</ul>' if items else "<p>none</p>"

    return (
        f'<h2 id="trends">Since {html.escape(previous.path)}</h2>'
        f'<p><b data-trend="new">{len(new):,}</b> new findings, <b data-trend="fixed">{len(fixed):,}</b> fixed; '
        f"{len(corpus_new):,} new corpus findings, {corpus_gone:,} gone; "
        f"{len(removed):,} articles removed.</p>"
        f"<h3>New findings</h3>{listed(new, 'new')}<h3>Fixed findings</h3>{listed(fixed, 'fixed')}"
    )


def render(
    audit: Audit, pages: dict[str, str], previous: Previous | None, changes: dict[str, Change]
) -> str:
    codes: dict[str, int] = defaultdict(int)
    for findings in audit.findings.values():
        for f in findings:
            codes[f["code"]] += 1
    for d in audit.corpus:
        codes[d.code] += 1
    columns = COLUMNS + (TREND_COLUMNS if previous is not None else ())
    rows = []
    for a in audit.articles:
        row: list[Any] = [a.path, a.claims, a.contradicted, a.verified, a.unverified, a.uncited,
                          a.dangling, a.unused_definitions, a.coverage, len(audit.findings.get(a.path, []))]  # fmt: skip
        if previous is not None:
            change = changes[a.path]
            row += [change.deltas["coverage"], change.deltas["contradicted"], change.deltas["dangling"],
                    len(change.new), len(change.fixed)]  # fmt: skip
        row.append(pages[a.path])
        rows.append(row)
    data = {
        "columns": [{"key": k, "label": label, "kind": kind} for k, label, kind in columns],
        "rows": rows,
        "newColumn": len(COLUMNS) + 3,
        "fixedColumn": len(COLUMNS) + 4,
    }
    heads = "".join(
        f'<th scope="col"><button type="button">{html.escape(label)}</button></th>'
        for _, label, _ in columns
    )
    has = [("", "all articles"), ("contradictions", "with contradictions"), ("dangling", "with dangling markers"),
           ("unused", "with unused definitions"), ("uncited", "with uncited claims"),
           ("unverified", "with unverified claims"), ("no-claims", "without claims")]  # fmt: skip
    if previous is not None:
        has += [("new", "with new findings"), ("fixed", "with fixed findings")]
    options = "".join(f'<option value="{v}">{t}</option>' for v, t in has)
    trends = _trend_section(audit, previous, changes, pages) if previous is not None else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>encyclint audit</title><link rel="stylesheet" href="report.css"></head>
<body>
<header class="top"><h1>encyclint audit</h1><p>{audit.totals["articles"]:,} articles ·
{audit.totals["claims"]:,} claims · {audit.totals["findings"] + audit.totals["corpus_findings"]:,} findings</p></header>
<main>
{_cards(audit, previous)}
{_charts(audit, codes)}
{trends}
<h2 id="articles-heading">Articles</h2>
<div class="controls" role="search">
<label>Filter <input type="search" id="filter" placeholder="path contains…" aria-controls="articles"></label>
<label>Show <select id="has" aria-controls="articles">{options}</select></label>
</div>
<div class="pager"><button type="button" id="prev">← previous</button><span id="page"></span>
<button type="button" id="next">next →</button><span id="count" aria-live="polite"></span></div>
<div class="scroll"><table id="articles" aria-labelledby="articles-heading"><thead><tr>{heads}</tr></thead><tbody></tbody></table></div>
<h2>Most-contradicted facts</h2>
{_contradicted_table(audit, pages)}
<h2>Corpus findings</h2>
{_corpus_groups(audit.corpus, pages)}
</main>
{island("articles-data", data)}
<script src="index.js"></script>
</body></html>
"""
