"""Baselines: record today's findings, report tomorrow only the new ones.

The file is sorted JSON, one entry per finding key with its count, so that it
reads well and diffs well in review. Keys hold no line numbers (see fingerprint.py).
"""

from __future__ import annotations

import json
import os
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


MAX_BASELINE_BYTES = 256 * 1024 * 1024


def read(path: str) -> Counter[tuple[str, str, str, str]]:
    from linter.files import read_regular

    if not os.path.lexists(path):
        raise UserError("no such baseline file (create it with --write-baseline)", path=path)
    data = read_regular(path, MAX_BASELINE_BYTES, "baseline")
    try:
        loaded: Any = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise UserError(f"cannot read baseline: {exc}", path=path) from None
    except json.JSONDecodeError as exc:
        raise UserError(
            f"baseline is not valid JSON: {exc.msg}", path=path, line=exc.lineno
        ) from None
    except RecursionError:
        raise UserError(
            "baseline is not an encyclint baseline: nested too deeply", path=path
        ) from None
    not_ours = UserError("not an encyclint baseline (expected version and findings)", path=path)
    if not isinstance(loaded, dict) or "findings" not in loaded:
        raise not_ours
    if loaded.get("version") != VERSION:
        raise UserError(f"baseline version {loaded.get('version')!r} is not {VERSION}", path=path)
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for number, entry in enumerate(
        loaded["findings"] if isinstance(loaded["findings"], list) else [None]
    ):
        try:
            identity = (entry["path"], entry["code"], entry["section"], entry["text"])
            count = entry["count"]
        except (KeyError, TypeError):
            raise not_ours from None
        if not all(isinstance(part, str) for part in identity) or not _is_count(count):
            raise UserError(f"findings[{number}]: not a finding with a whole count of at least 1",
                            path=path)  # fmt: skip
        counts[identity] += count
    return counts


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


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
