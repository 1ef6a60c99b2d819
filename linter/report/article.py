"""One article's page: the article rendered by markdown-it-py, every claim and finding
marked in place, the findings listed beside it with links to their marks.

Marks are placed in the Markdown source as private-use sentinel characters before it is
rendered, then turned into ``<mark>`` elements in the rendered text (never inside a tag),
so the rendering is markdown-it-py's own and the marks sit where the claims stand.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from linter.audit import ArticleStats
from linter.engine import ArticleResult
from linter.facts.knowledge import KnowledgeBase
from linter.report.island import island

_OPEN, _MID, _CLOSE = "\ue000", "\ue001", "\ue002"
_SENTINELS = re.compile("[\ue000-\ue002]")
_TOKEN = re.compile("\ue000(\\d+)\ue001|\ue002(\\d+)\ue001")
_TAG = re.compile(r"(<[^>]*>)")
_LIST_START = re.compile(r"[ \t]*(?:\d{1,9}[.)]|[-*+]|\[\^?[^\]]*\]:)[ \t]+")


@cache
def renderer() -> MarkdownIt:
    """markdown-it-py as the checker parses (tables, footnotes, front matter), but with raw
    HTML off: a published report must not run what an article smuggles in."""
    return (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .use(front_matter_plugin)
        .use(footnote_plugin)
    )


@dataclass(slots=True)
class _Mark:
    begin: int
    end: int
    classes: str
    claim: int = -1


@dataclass(slots=True)
class Entry:
    """A finding as the page lists it."""

    line: int
    column: int
    code: str
    severity: str
    message: str
    target: str
    new: bool


def _offsets(lines: tuple[str, ...]) -> list[int]:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts


def _offset(starts: list[int], lines: tuple[str, ...], line: int, column: int) -> int:
    line = min(max(line, 1), len(lines))
    return starts[line - 1] + min(max(column - 1, 0), len(lines[line - 1]))


def _marks(
    result: ArticleResult, new_ids: set[str], ids: list[str]
) -> tuple[list[_Mark], list[Entry]]:
    """Claims first, then each finding's span where no claim stands; each finding links to
    the mark at its position."""
    lines = result.lines or ("",)
    starts = _offsets(lines)
    marks: list[_Mark] = []
    for index, claim in enumerate(result.claims):
        verdict = result.verdicts[index]
        status = verdict.status if verdict is not None else "unverified"
        begin = _offset(starts, lines, claim.span.line, claim.span.column)
        end = _offset(starts, lines, claim.span.end_line, claim.span.end_column)
        if marks and begin < marks[-1].end:
            continue  # overlapping claims: the first keeps the mark
        classes = f"claim s-{status}" + ("" if claim.citations else " uncited")
        marks.append(_Mark(begin, max(end, begin + 1), classes, index))
    begins = [m.begin for m in marks]
    targets: list[_Mark] = []
    for d in result.diagnostics:
        begin = _offset(starts, lines, d.span.line, d.span.column)
        end = _offset(
            starts,
            lines,
            d.span.line,
            d.span.end_column if d.span.end_line == d.span.line else 10**9,
        )
        end = max(end, begin + 1)
        at = bisect.bisect_right(begins, begin) - 1
        if at >= 0 and begin < marks[at].end:
            targets.append(marks[at])  # inside a claim's mark (or another finding's)
        elif at + 1 < len(marks) and marks[at + 1].begin < end:
            targets.append(marks[at + 1])
        else:
            mark = _Mark(begin, end, f"finding f-{d.code}")
            marks.insert(at + 1, mark)
            begins.insert(at + 1, begin)
            targets.append(mark)
    place = {id(mark): number for number, mark in enumerate(marks)}
    entries = [
        Entry(d.span.line, d.span.column, d.code, d.severity, d.message, str(place[id(target)]),
              ids[number] in new_ids)
        for number, (d, target) in enumerate(zip(result.diagnostics, targets, strict=True))
    ]  # fmt: skip
    return marks, entries


def _with_sentinels(text: str, marks: list[_Mark]) -> str:
    pieces, position = [], 0
    for number, mark in enumerate(marks):
        begin = mark.begin
        head = text[text.rfind("\n", 0, begin) + 1 : begin]
        if not head.strip():  # at a line's start: keep list items and definitions what they are
            prefix = _LIST_START.match(text, begin - len(head))
            if prefix and prefix.end() < mark.end:
                begin = max(begin, prefix.end())
        pieces.append(text[position:begin])
        pieces.append(f"{_OPEN}{number}{_MID}{text[begin : mark.end]}{_CLOSE}{number}{_MID}")
        position = mark.end
    pieces.append(text[position:])
    return "".join(pieces)


def _marked(rendered: str, marks: list[_Mark]) -> str:
    opened: set[int] = set()
    out = []
    for part in _TAG.split(rendered):
        if part.startswith("<"):
            out.append(_SENTINELS.sub("", _TOKEN.sub("", part)))
            continue

        def replace(match: re.Match[str]) -> str:
            if match.group(1) is not None:
                number = int(match.group(1))
                opened.add(number)
                mark = marks[number]
                data = (
                    f' data-c="{mark.claim}" tabindex="0"' if mark.claim >= 0 else ' tabindex="-1"'
                )
                return f'<mark id="m{number}" class="{mark.classes}"{data}>'
            number = int(match.group(2))
            if number in opened:
                opened.discard(number)
                return "</mark>"
            return ""

        out.append(_TOKEN.sub(replace, part))
    return "".join(out)


def _island(result: ArticleResult, knowledge: KnowledgeBase | None) -> dict[str, Any]:
    """Each fact and source once for the page; claims point at them by number."""
    facts: list[dict[str, Any]] = []
    fact_index: dict[str, int] = {}
    sources: list[str] = []
    source_index: dict[str, int] = {}
    claims = []
    for claim, verdict in zip(result.claims, result.verdicts, strict=True):
        value = (
            claim.value
            if not isinstance(claim.value, dict)
            else f"{claim.value['min']}–{claim.value['max']}"
        )
        entry: dict[str, Any] = {
            "k": claim.kind,
            "v": str(value),
            "c": list(claim.citations),
            "s": verdict.status if verdict is not None else "unverified",
            "f": -1,
        }
        if verdict is not None and verdict.fact is not None:
            fact = verdict.fact
            if fact.id not in fact_index:
                keys = []
                for key in fact.sources:
                    if key not in source_index:
                        source = knowledge.sources.get(key) if knowledge else None
                        source_index[key] = len(sources)
                        sources.append(source.citation if source else key)
                    keys.append(source_index[key])
                fact_index[fact.id] = len(facts)
                facts.append(
                    {
                        "id": fact.id,
                        "shown": fact.shown,
                        "statement": fact.statement or "",
                        "sources": keys,
                    }
                )
            entry["f"] = fact_index[fact.id]
        if verdict is not None and verdict.note:
            entry["n"] = verdict.note
        claims.append(entry)
    return {"claims": claims, "facts": facts, "sources": sources}


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def render(
    result: ArticleResult,
    stats: ArticleStats,
    knowledge: KnowledgeBase | None,
    new_ids: set[str],
    ids: list[str],
    history: str,
) -> str:
    """The page of one article; ``ids`` are its findings' identities, ``new_ids`` those
    that ``--compare`` found new, ``history`` the trend line (HTML) or empty."""
    text = _SENTINELS.sub("\ufffd", "\n".join(result.lines))
    marks, entries = _marks(result, new_ids, ids)
    body = _marked(renderer().render(_with_sentinels(text, marks)), marks)
    findings = "".join(
        f'<li class="sev-{e.severity}"><a class="goto" href="#m{e.target}">{e.line}:{e.column}</a> '
        f"<code>{e.code}</code>{' <span class=badge>new</span>' if e.new else ''} {html.escape(e.message)}</li>"
        for e in entries
    )
    name = html.escape(result.path)
    summary = (
        f"{_count(stats.claims, 'claim')}: {stats.verified:,} verified, {stats.contradicted:,} "
        f"contradicted, {stats.unverified:,} unverified, {stats.uncited:,} uncited · "
        f"{_count(stats.dangling, 'dangling marker')} · "
        f"{_count(stats.unused_definitions, 'unused definition')} · coverage {_number(stats.coverage)}"
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name} · encyclint audit</title><link rel="stylesheet" href="../report.css"></head>
<body>
<header class="top"><p><a href="../index.html">← All articles</a></p><h1>{name}</h1><p>{summary}</p>{history}</header>
<main class="layout">
<article class="doc">{body}</article>
<aside class="findings" aria-label="findings"><h2>{_count(len(entries), "finding")}</h2>
<p class="keys">j / k: next / previous finding</p><ol>{findings or "<li>none</li>"}</ol></aside>
</main>
<div id="tip" role="tooltip" hidden></div>
{island("page-data", _island(result, knowledge))}
<script src="../article.js"></script>
</body></html>
"""
