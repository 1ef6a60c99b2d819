"""Writes the report folder as an audit runs: a page per article as its result arrives,
the index and the shared assets at the end."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict

from linter.audit import ArticleStats, Audit
from linter.engine import ArticleResult
from linter.facts.knowledge import KnowledgeBase
from linter.report import article, index
from linter.report.assets import ARTICLE_JS, CSS, INDEX_JS
from linter.report.folder import ReportFolder
from linter.report.trends import Change, Previous

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def page_name(path: str) -> str:
    """A file name per article path: readable, and unique by a short hash of the path."""
    stem = _UNSAFE.sub("-", path.removesuffix(".md")).strip("-.")[-80:] or "article"
    return f"pages/{stem}-{hashlib.sha256(path.encode('utf-8')).hexdigest()[:8]}.html"


def _history(change: Change) -> str:
    if all(v is None for v in change.deltas.values()) and not change.fixed:
        return '<p data-history="new">New since the compared audit.</p>'
    parts = []
    for name, value in change.deltas.items():
        if value is not None:
            parts.append(f"{name.replace('_', ' ')} {index._signed(value, name == 'coverage')}")
    return (
        f'<p data-history="changed">Since the compared audit: {", ".join(parts)}; '
        f"{len(change.new):,} new findings, {len(change.fixed):,} fixed.</p>"
    )


class ReportWriter:
    def __init__(
        self, path: str, knowledge: KnowledgeBase | None, previous: Previous | None
    ) -> None:
        self.folder = ReportFolder(path)
        self.knowledge = knowledge
        self.previous = previous
        self.pages: dict[str, str] = {}
        self.changes: dict[str, Change] = {}

    def add(
        self, result: ArticleResult, stats: ArticleStats, findings: list[dict[str, object]]
    ) -> None:
        """Write one article's page; the result's text can be dropped afterwards."""
        name = page_name(result.path)
        self.pages[result.path] = name
        ids = [str(f["id"]) for f in findings]
        history, new_ids = "", set()
        if self.previous is not None:
            change = self.previous.change(result.path, asdict(stats), findings)
            self.changes[result.path] = change
            history = _history(change)
            new_ids = {str(f["id"]) for f in change.new}
        self.folder.write(
            name, article.render(result, stats, self.knowledge, new_ids, ids, history)
        )

    def finish(self, audit: Audit) -> None:
        self.folder.write("report.css", CSS)
        self.folder.write("index.js", INDEX_JS)
        self.folder.write("article.js", ARTICLE_JS)
        self.folder.write(
            "index.html", index.render(audit, self.pages, self.previous, self.changes)
        )
        self.folder.finish()
