"""``encyclint audit``: where the articles of a corpus stand, worst first."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from linter.corpus import CorpusContext
from linter.diagnostic import Diagnostic
from linter.engine import UNREADABLE, ArticleResult, Settings
from linter.escape import printable
from linter.fingerprint import digest, keyed
from linter.registry import matches, rules


@dataclass(frozen=True, slots=True)
class ArticleStats:
    path: str
    claims: int
    verified: int
    contradicted: int
    unverified: int
    uncited: int
    markers: int
    dangling: int
    unused_definitions: int
    coverage: float | None
    """Share of claims both verified and cited; None for an article with no claims."""


def article_stats(result: ArticleResult) -> ArticleStats:
    statuses = [v.status if v is not None else "unverified" for v in result.verdicts]
    covered = sum(
        1
        for claim, status in zip(result.claims, statuses, strict=True)
        if status == "verified" and claim.citations
    )
    codes = [d.code for d in result.diagnostics]
    total = len(result.claims)
    return ArticleStats(
        path=result.path,
        claims=total,
        verified=statuses.count("verified"),
        contradicted=statuses.count("contradicted"),
        unverified=statuses.count("unverified"),
        uncited=sum(1 for c in result.claims if not c.citations),
        markers=result.markers,
        dangling=codes.count("CIT001"),
        unused_definitions=codes.count("CIT002"),
        coverage=round(covered / total, 4) if total else None,
    )


def worst_first(stats: Sequence[ArticleStats]) -> list[ArticleStats]:
    return sorted(
        stats,
        key=lambda s: (
            s.coverage if s.coverage is not None else 2.0,
            -s.contradicted,
            -s.dangling,
            s.path,
        ),
    )


def corpus_diagnostics(results: Sequence[ArticleResult], settings: Settings) -> list[Diagnostic]:
    """Findings of the corpus-wide rules (COR), with severities and selection applied."""
    context = CorpusContext(results, settings.knowledge)
    found: list[Diagnostic] = []
    for code, rule in rules().items():
        if rule.scope != "corpus" or rule.check is None or not settings.enabled(code):
            continue
        severity = settings.severity_of(code, rule.severity)
        for finding in rule.check(context):
            path = finding.path or ""
            if matches(code, settings.config.ignored_for(path)):
                continue
            found.append(Diagnostic.from_finding(finding, path=path, code=code, severity=severity))
    return sorted(found, key=Diagnostic.sort_key)


@dataclass(slots=True)
class Audit:
    articles: list[ArticleStats]
    totals: dict[str, Any]
    corpus: list[Diagnostic]
    findings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Each article's findings, in short, with the identity ``--compare`` matches them by."""
    claim_kinds: Counter[tuple[str, str]] = field(default_factory=Counter)
    """Claims by (kind, status), for the report's chart."""
    contradictions: dict[str, Counter[str]] = field(default_factory=dict)
    """Contradicted claims by fact id, then by article."""

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "articles": [
                {**asdict(a), "findings": self.findings.get(a.path, [])} for a in self.articles
            ],
            "totals": self.totals,
            "corpus_diagnostics": [d.to_json() for d in self.corpus],
        }


def finding_json(
    identity: tuple[str, str, str, str], occurrence: int, d: Diagnostic
) -> dict[str, Any]:
    return {
        "id": digest(identity, occurrence),
        "code": d.code,
        "severity": d.severity,
        "line": d.span.line,
        "column": d.span.column,
        "message": d.message,
    }


_SUMMED = (
    "claims",
    "verified",
    "contradicted",
    "unverified",
    "uncited",
    "markers",
    "dangling",
    "unused_definitions",
)


class AuditBuilder:
    """Takes article results one at a time and keeps only what the totals, the index and
    the corpus rules need: each article's counts and short findings, and its claims with
    their verdicts (no text, no diagnostics), so an audit's memory does not hold articles."""

    def __init__(self, keep_definitions: bool = False) -> None:
        self.stats: list[ArticleStats] = []
        self.findings: dict[str, list[dict[str, Any]]] = {}
        self.kept: list[ArticleResult] = []
        self.claim_kinds: Counter[tuple[str, str]] = Counter()
        self.contradictions: dict[str, Counter[str]] = defaultdict(Counter)
        self.keep_definitions = keep_definitions
        self.faults: list[Diagnostic] = []
        """INP001 of the files that could not be checked: no article of the audit."""

    def add(self, result: ArticleResult) -> ArticleStats | None:
        """Take one result; None for a file that could not be checked (its INP001 is kept)."""
        faults = [d for d in result.diagnostics if d.code == UNREADABLE]
        if faults:
            self.faults.extend(faults)
            return None
        stats = article_stats(result)
        self.stats.append(stats)
        self.findings[result.path] = [finding_json(*k) for k in keyed(result.diagnostics)]
        for claim, verdict in zip(result.claims, result.verdicts, strict=True):
            status = verdict.status if verdict is not None else "unverified"
            self.claim_kinds[(claim.kind, status)] += 1
            if status == "contradicted" and verdict is not None and verdict.fact is not None:
                self.contradictions[verdict.fact.id][result.path] += 1
        definitions = result.definitions if self.keep_definitions else []
        claims = [
            claim if verdict is None or verdict.fact is None else replace(claim, context="")
            for claim, verdict in zip(result.claims, result.verdicts, strict=True)
        ]  # a claim's sentence is read only where no fact covers it (COR003)
        verdicts = [
            v if v is None or not v.candidates else replace(v, candidates=[])
            for v in result.verdicts
        ]
        self.kept.append(
            ArticleResult(result.path, [], claims, verdicts, result.markers, definitions)
        )
        return stats

    def finish(self, settings: Settings) -> Audit:
        stats = self.stats
        totals: dict[str, Any] = {"articles": len(stats)}
        for name in _SUMMED:
            totals[name] = sum(getattr(s, name) for s in stats)
        covered = sum(round((s.coverage or 0) * s.claims) for s in stats)
        totals["coverage"] = round(covered / totals["claims"], 4) if totals["claims"] else None
        totals["findings"] = sum(len(f) for f in self.findings.values())
        corpus = sorted(
            self.faults + corpus_diagnostics(self.kept, settings), key=Diagnostic.sort_key
        )
        totals["corpus_findings"] = len(corpus)
        return Audit(
            worst_first(stats),
            totals,
            corpus,
            self.findings,
            self.claim_kinds,
            dict(self.contradictions),
        )


def build(results: Iterable[ArticleResult], settings: Settings) -> Audit:
    builder = AuditBuilder()
    for result in results:
        builder.add(result)
    return builder.finish(settings)


_COLUMNS = (
    ("claims", "claims"),
    ("verified", "verified"),
    ("contradicted", "contradicted"),
    ("unverified", "unverified"),
    ("uncited", "uncited"),
    ("markers", "markers"),
    ("dangling", "dangling"),
    ("unused_definitions", "unused definitions"),
)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def render_text(audit: Audit) -> str:
    """An aligned table, worst article first, then the corpus totals and findings."""
    width = max([len("article"), *(len(a.path) for a in audit.articles)])
    widths = [max(len(title), 8) for _, title in _COLUMNS]
    titles = (f"{t:>{w}}" for (_, t), w in zip(_COLUMNS, widths, strict=True))
    header = f"{'article':<{width}}  " + "  ".join(titles) + "  coverage"
    lines = [header, "-" * len(header)]
    for article in audit.articles:
        cells = "  ".join(
            f"{getattr(article, f):>{w}}" for (f, _), w in zip(_COLUMNS, widths, strict=True)
        )
        lines.append(f"{article.path:<{width}}  {cells}  {_percent(article.coverage):>8}")
    lines.append("-" * len(header))
    cells = "  ".join(f"{audit.totals[f]:>{w}}" for (f, _), w in zip(_COLUMNS, widths, strict=True))
    lines.append(f"{'total':<{width}}  {cells}  {_percent(audit.totals['coverage']):>8}")
    if audit.corpus:
        lines.append("")
        lines.extend(
            f"{d.path}:{d.span.line}:{d.span.column}: {d.code} {printable(d.message)}"
            for d in audit.corpus
        )
    return "\n".join(lines) + "\n"


def render_json(audit: Audit) -> str:
    return json.dumps(audit.to_json(), indent=2, ensure_ascii=False) + "\n"
