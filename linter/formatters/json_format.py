"""The JSON report of SPEC.md, valid against schemas/report.schema.json, written as it goes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from linter.engine import ArticleResult, Tally


def render(results: Iterable[ArticleResult], colour: bool, tally: Tally) -> Iterator[str]:
    del colour
    yield '{\n  "version": 1,\n  "diagnostics": ['
    first = True
    for result in results:
        for d in result.diagnostics:
            text = json.dumps(d.to_json(), indent=2, ensure_ascii=False).replace("\n", "\n    ")
            yield ("\n    " if first else ",\n    ") + text
            first = False
    summary = json.dumps(tally.summary(), indent=2).replace("\n", "\n  ")
    yield ("\n  ]" if not first else "]") + f',\n  "summary": {summary}\n}}\n'
