"""The JSON report of SPEC.md, valid against schemas/report.schema.json, written as it goes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from linter.engine import ArticleResult, Tally

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
"""One encoder for every diagnostic: ``json.dumps`` with options builds a new one each call."""


def render(results: Iterable[ArticleResult], colour: bool, tally: Tally) -> Iterator[str]:
    del colour
    # One diagnostic a line: readable, diff-friendly, and without ``indent`` the C encoder
    # does the work (with it, json falls back to pure Python: five times slower).
    from linter.registry import rules

    urls = {code: rule.url for code, rule in rules().items() if rule.url}
    yield '{\n  "version": 1,\n  "diagnostics": ['
    first = True
    for result in results:
        for d in result.diagnostics:
            data = d.to_json()
            if d.code in urls:
                data["url"] = urls[d.code]
            yield ("\n    " if first else ",\n    ") + _ENCODE(data)
            first = False
    summary = json.dumps(tally.summary(), indent=2).replace("\n", "\n  ")
    yield ("\n  ]" if not first else "]") + f',\n  "summary": {summary}\n}}\n'
