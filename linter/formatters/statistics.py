"""``--statistics``: how many findings each rule made, most first, and how many a fix awaits."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from linter.engine import ArticleResult, Tally


def render(
    results: Iterable[ArticleResult], colour: bool, tally: Tally, *, as_json: bool = False
) -> Iterator[str]:
    """A row per rule (``  25  CIT001  dangling-marker``), or a JSON list with ``as_json``."""
    from linter.registry import rules

    del colour
    for _ in results:
        pass
    registry = rules()
    rows = sorted(tally.by_code.items(), key=lambda item: (-item[1][0], item[0]))
    if as_json:
        entries = [
            {"code": code, "name": registry[code].name if code in registry else code,
             "count": count, "fixable": fixable}
            for code, (count, fixable) in rows
        ]  # fmt: skip
        yield json.dumps(entries, indent=2) + "\n"
        return
    width = max((len(str(count)) for _, (count, _) in rows), default=1)
    for code, (count, fixable) in rows:
        name = registry[code].name if code in registry else ""
        mark = f"[*] {fixable} fixable" if fixable else ""
        yield f"{count:>{width}}  {code}  {name:<24} {mark}".rstrip() + "\n"
