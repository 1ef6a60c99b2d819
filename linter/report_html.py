"""``audit --html``: one self-contained page (no network, no external assets) for editors.

A summary with a small inline-SVG chart per article, then each article's text with
every claim highlighted by status; hovering or focusing a claim shows its fact, the
fact's value and sources. Filters by status and by rule. The page's script counts
the claims it highlights, so that what the page shows can be checked against the
JSON audit.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from linter.audit import ArticleStats, Audit
from linter.engine import ArticleResult
from linter.facts.knowledge import KnowledgeBase

_STATUSES = ("verified", "contradicted", "unverified", "uncited")
_FIELDS = (
    ("claims", "claims"), ("verified", "verified"), ("contradicted", "contradicted"),
    ("unverified", "unverified"), ("uncited", "uncited"), ("dangling", "dangling"),
    ("unused_definitions", "unused"),
)  # fmt: skip
"""The summary table's columns: ArticleStats field and heading."""
_COLOURS = {
    "verified": "#2e7d32",
    "contradicted": "#c62828",
    "unverified": "#ef8f00",
    "uncited": "#6a1b9a",
}

_STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1d2b3a;color:#fff;padding:20px 32px}
header h1{margin:0 0 4px;font-size:22px}
main{padding:16px 32px 64px;max-width:1200px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{background:#fff;border-radius:8px;padding:10px 16px;box-shadow:0 1px 3px #0002;min-width:110px}
.card b{display:block;font-size:24px}
.card.verified b{color:#2e7d32}.card.contradicted b{color:#c62828}
.card.unverified b{color:#ef8f00}.card.uncited b{color:#6a1b9a}
table{border-collapse:collapse;background:#fff;box-shadow:0 1px 3px #0002;width:100%}
th,td{padding:6px 10px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
.filters{position:sticky;top:0;background:#fafafa;padding:10px 0;z-index:2;border-bottom:1px solid #ddd}
.filters label{margin-right:14px;cursor:pointer}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
article{background:#fff;margin:24px 0;padding:8px 20px 16px;border-radius:8px;box-shadow:0 1px 3px #0002}
pre.text{white-space:pre-wrap;word-wrap:break-word;font:15px/1.7 Georgia,"Times New Roman",serif}
mark.claim{position:relative;border-radius:3px;padding:0 1px;background:none;color:inherit;cursor:help}
body:not(.hide-verified) mark.s-verified{background:#c8e6c9}
body:not(.hide-contradicted) mark.s-contradicted{background:#ffcdd2;outline:1px solid #c62828}
body:not(.hide-unverified) mark.s-unverified{background:#ffe0b2}
body:not(.hide-uncited) mark.uncited{text-decoration:underline wavy #6a1b9a}
mark.claim .tip{display:none;position:absolute;left:0;top:1.6em;z-index:5;background:#1d2b3a;color:#fff;
  padding:8px 10px;border-radius:6px;width:min(460px,70vw);white-space:normal;font:13px/1.4 system-ui,sans-serif}
mark.claim:hover .tip,mark.claim:focus .tip{display:block}
ul.findings{font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;padding-left:18px}
li.hidden{display:none}
.code{font-weight:bold}
"""

_SCRIPT = """
(function(){
  const body=document.body;
  function count(){
    for(const s of ["verified","contradicted","unverified"]){
      document.querySelector('[data-shown="'+s+'"]').textContent=
        document.querySelectorAll('mark.claim.s-'+s).length;
    }
    document.querySelector('[data-shown="uncited"]').textContent=
      document.querySelectorAll('mark.claim.uncited').length;
    document.querySelector('[data-shown="claims"]').textContent=
      document.querySelectorAll('mark.claim').length;
  }
  document.querySelectorAll('input[data-status]').forEach(function(box){
    box.addEventListener('change',function(){body.classList.toggle('hide-'+box.dataset.status,!box.checked);});
  });
  document.querySelectorAll('input[data-code]').forEach(function(box){
    box.addEventListener('change',function(){
      document.querySelectorAll('li[data-code="'+box.dataset.code+'"]').forEach(function(li){
        li.classList.toggle('hidden',!box.checked);});
    });
  });
  count();
  body.dataset.ready="1";
})();
"""


def _bar(stats: ArticleStats) -> str:
    """A stacked bar of verified / contradicted / unverified claims, and uncited below."""
    width = 160
    total = max(stats.claims, 1)
    parts, x = [], 0.0
    for status in ("verified", "contradicted", "unverified"):
        share = getattr(stats, status) / total * width
        if share:
            parts.append(
                f'<rect x="{x:.1f}" y="0" width="{share:.1f}" height="10" fill="{_COLOURS[status]}">'
                f"<title>{getattr(stats, status)} {status}</title></rect>"
            )
        x += share
    uncited = stats.uncited / total * width
    parts.append(
        f'<rect x="0" y="12" width="{uncited:.1f}" height="4" fill="{_COLOURS["uncited"]}">'
        f"<title>{stats.uncited} uncited</title></rect>"
    )
    return (
        f'<svg width="{width}" height="16" role="img" aria-label="claims by status">'
        + "".join(parts)
        + "</svg>"
    )


def _anchor(path: str) -> str:
    return "a-" + "".join(c if c.isalnum() else "-" for c in path)


def _tip(result: ArticleResult, index: int, knowledge: KnowledgeBase | None) -> str:
    claim = result.claims[index]
    verdict = result.verdicts[index]
    cited = ", ".join(f"[{c}]" for c in claim.citations) or "no citation"
    value = (
        claim.value
        if not isinstance(claim.value, dict)
        else f"{claim.value['min']}–{claim.value['max']}"
    )
    lines = [f"<b>{claim.kind}</b> {html.escape(str(value))} · {html.escape(cited)}"]
    if verdict is None or verdict.fact is None:
        lines.append("No fact matches this claim.")
    else:
        fact = verdict.fact
        lines.append(
            f"{verdict.status} by fact <b>{html.escape(fact.id)}</b> = {html.escape(fact.shown)}"
        )
        if fact.statement:
            lines.append(html.escape(fact.statement))
        for key in fact.sources:
            source = knowledge.sources.get(key) if knowledge else None
            lines.append("Source: " + html.escape(source.citation if source else key))
    return "<br>".join(lines)


def _text(result: ArticleResult, knowledge: KnowledgeBase | None) -> str:
    starts, offset = [], 0
    for line in result.lines:
        starts.append(offset)
        offset += len(line) + 1
    text = "\n".join(result.lines)
    pieces, position = [], 0
    for index, claim in enumerate(result.claims):
        begin = starts[claim.span.line - 1] + claim.span.column - 1
        end = starts[claim.span.end_line - 1] + claim.span.end_column - 1
        verdict = result.verdicts[index]
        status = verdict.status if verdict is not None else "unverified"
        classes = f"claim s-{status}" + ("" if claim.citations else " uncited")
        pieces.append(html.escape(text[position:begin]))
        pieces.append(
            f'<mark class="{classes}" tabindex="0">{html.escape(text[begin:end])}'
            f'<span class="tip" role="tooltip">{_tip(result, index, knowledge)}</span></mark>'
        )
        position = end
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)


def render(audit: Audit, results: Sequence[ArticleResult], knowledge: KnowledgeBase | None) -> str:
    totals = audit.totals
    cards = "".join(
        f'<div class="card {key}"><b data-total="{key}">{totals[key]}</b>{key}</div>'
        for key in ("claims", "verified", "contradicted", "unverified", "uncited")
    )
    shown = " · ".join(f'{key} <span data-shown="{key}"></span>' for key in ("claims", *_STATUSES))
    rows = []
    for stats in audit.articles:
        coverage = "–" if stats.coverage is None else f"{stats.coverage * 100:.0f}%"
        cells = "".join(f'<td data-field="{f}">{getattr(stats, f)}</td>' for f, _ in _FIELDS)
        rows.append(
            f'<tr data-path="{html.escape(stats.path)}"><td><a href="#{_anchor(stats.path)}">'
            f"{html.escape(stats.path)}</a></td>{cells}<td>{coverage}</td><td>{_bar(stats)}</td></tr>"
        )
    codes = sorted(
        {d.code for r in results for d in r.diagnostics} | {d.code for d in audit.corpus}
    )
    status_boxes = "".join(
        f'<label><input type="checkbox" checked data-status="{s}"> '
        f'<span class="swatch" style="background:{_COLOURS[s]}"></span>{s}</label>'
        for s in _STATUSES
    )
    code_boxes = "".join(
        f'<label><input type="checkbox" checked data-code="{c}"> {c}</label>' for c in codes
    )
    articles = []
    for result in results:
        findings = "".join(
            f'<li data-code="{d.code}">{d.span.line}:{d.span.column} <span class="code">{d.code}</span> '
            f"{html.escape(d.message)}</li>"
            for d in result.diagnostics
        )
        articles.append(
            f'<article id="{_anchor(result.path)}"><h2>{html.escape(result.path)}</h2>'
            f'<pre class="text">{_text(result, knowledge)}</pre>'
            f'<ul class="findings">{findings}</ul></article>'
        )
    corpus = "".join(
        f'<li data-code="{d.code}">{html.escape(d.path)}:{d.span.line}:{d.span.column} '
        f'<span class="code">{d.code}</span> {html.escape(d.message)}</li>'
        for d in audit.corpus
    )
    titles = ("article", *(title for _, title in _FIELDS), "coverage", "")
    header_cells = "".join(f"<th>{t}</th>" for t in titles)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>encyclint audit</title><style>{_STYLE}</style></head>
<body>
<header><h1>encyclint audit</h1>{totals["articles"]} articles · {totals["claims"]} claims ·
coverage {"–" if totals["coverage"] is None else f"{totals['coverage'] * 100:.0f}%"}</header>
<main>
<div class="cards">{cards}</div>
<table id="summary"><thead><tr>{header_cells}</tr></thead><tbody>{"".join(rows)}</tbody></table>
<h2>Corpus findings</h2><ul class="findings" id="corpus">{corpus or "<li>none</li>"}</ul>
<div class="filters">Show: {status_boxes} &nbsp; Rules: {code_boxes}
<div>Highlighted: {shown}</div></div>
{"".join(articles)}
</main>
<script>{_SCRIPT}</script>
</body></html>
"""
