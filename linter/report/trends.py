"""``--compare previous.json``: what changed since an earlier ``audit --format json``.

Findings are matched by their line-independent identity (see :mod:`linter.fingerprint`),
so a finding whose line moved is neither new nor fixed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from linter.errors import UserError

TRACKED = ("coverage", "contradicted", "dangling")
"""The figures whose change the report shows, per article and for the corpus."""


@dataclass(slots=True)
class Change:
    """One article's change: its figures' deltas (None: the article is new) and findings."""

    deltas: dict[str, float | int | None]
    new: list[dict[str, Any]]
    fixed: list[dict[str, Any]]


@dataclass(slots=True)
class Previous:
    path: str
    articles: dict[str, dict[str, Any]]
    totals: dict[str, Any]
    corpus: set[tuple[str, str, str]] = field(default_factory=set)

    def change(self, path: str, stats: dict[str, Any], findings: list[dict[str, Any]]) -> Change:
        before = self.articles.get(path)
        if before is None:
            return Change(dict.fromkeys(TRACKED), list(findings), [])
        deltas: dict[str, float | int | None] = {}
        for name in TRACKED:
            now, then = stats.get(name), before.get(name)
            deltas[name] = None if now is None or then is None else round(now - then, 4)
        earlier = {f.get("id") for f in before.get("findings", [])}
        current = {f["id"] for f in findings}
        new = [f for f in findings if f["id"] not in earlier]
        fixed = [f for f in before.get("findings", []) if f.get("id") not in current]
        return Change(deltas, new, fixed)

    def removed(self, paths: set[str]) -> list[str]:
        """Articles of the earlier audit that this one no longer has."""
        return sorted(set(self.articles) - paths)


def _corpus_key(d: dict[str, Any]) -> tuple[str, str, str]:
    return (str(d.get("path")), str(d.get("code")), str(d.get("message")))


def load(path: str) -> Previous:
    """An earlier audit's JSON, or a clear error naming the file."""
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except OSError as exc:
        raise UserError(
            f"cannot read the audit to compare with: {exc.strerror}", path=path
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise UserError(
            f"not an audit JSON file (audit --format json): {exc}", path=path, line=line
        ) from None
    if not (
        isinstance(data, dict)
        and isinstance(data.get("articles"), list)
        and isinstance(data.get("totals"), dict)
        and all(isinstance(a, dict) and isinstance(a.get("path"), str) for a in data["articles"])
    ):
        raise UserError(
            "not an audit JSON file (audit --format json): no articles and totals", path=path
        )
    articles = {a["path"]: a for a in data["articles"]}
    corpus = {_corpus_key(d) for d in data.get("corpus_diagnostics", []) if isinstance(d, dict)}
    return Previous(path, articles, data["totals"], corpus)


def corpus_changes(
    previous: Previous, corpus: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], int]:
    """Corpus findings that are new, and how many of the earlier ones are gone."""
    current = {_corpus_key(d) for d in corpus}
    return [d for d in corpus if _corpus_key(d) not in previous.corpus], len(
        previous.corpus - current
    )
