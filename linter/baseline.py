"""Baselines: record today's findings, report tomorrow only the new ones.

The file is sorted JSON, one entry per finding key with its count, so that it
reads well and diffs well in review. Keys hold no line numbers (see fingerprint.py).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from linter.diagnostic import Diagnostic
from linter.engine import UNREADABLE, ArticleResult
from linter.errors import UserError
from linter.fingerprint import key
from linter.output import write_atomic

VERSION = 1


def render(results: Iterable[ArticleResult]) -> str:
    """The baseline of the findings; files that could not be checked (INP001) are not
    recorded, so that a baseline never hides one."""
    counts = Counter(key(d) for r in results for d in r.diagnostics if d.code != UNREADABLE)
    entries = [
        {"path": path, "code": code, "section": section, "text": text, "count": count}
        for (path, code, section, text), count in sorted(counts.items())
    ]
    return (
        json.dumps({"version": VERSION, "findings": entries}, indent=2, ensure_ascii=False) + "\n"
    )


def write(path: str, results: Iterable[ArticleResult]) -> int:
    """Record the findings in ``path``; returns how many."""
    text = render(results)
    write_atomic(path, text)
    return sum(entry["count"] for entry in json.loads(text)["findings"])


def read(path: str) -> Counter[tuple[str, str, str, str]]:
    try:
        with open(path, encoding="utf-8") as handle:
            data: Any = json.load(handle)
    except FileNotFoundError:
        raise UserError(
            "no such baseline file (create it with --write-baseline)", path=path
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read baseline: {exc}", path=path) from None
    except json.JSONDecodeError as exc:
        raise UserError(
            f"baseline is not valid JSON: {exc.msg}", path=path, line=exc.lineno
        ) from None
    try:
        if data["version"] != VERSION:
            raise UserError(f"baseline version {data['version']!r} is not {VERSION}", path=path)
        return Counter(
            {
                (e["path"], e["code"], e["section"], e["text"]): int(e["count"])
                for e in data["findings"]
            }
        )
    except (KeyError, TypeError, ValueError):
        raise UserError(
            "not an encyclint baseline (expected version and findings)", path=path
        ) from None


def subtract(
    results: Iterable[ArticleResult],
    baseline: Counter[tuple[str, str, str, str]],
    hidden: Callable[[Diagnostic], None] | None = None,
) -> Iterator[ArticleResult]:
    """The results without the findings the baseline holds; equal keys are used up in order.
    ``hidden`` is told of each finding left out (for the summary's "N baselined")."""
    remaining = Counter(baseline)
    for result in results:
        kept = []
        for diagnostic in result.diagnostics:
            identity = key(diagnostic)
            if remaining[identity] > 0 and diagnostic.code != UNREADABLE:
                remaining[identity] -= 1
                if hidden is not None:
                    hidden(diagnostic)
            else:
                kept.append(diagnostic)
        result.diagnostics = kept
        yield result
