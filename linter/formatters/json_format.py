"""The JSON report of SPEC.md, valid against schemas/report.schema.json."""

from __future__ import annotations

import json
from collections.abc import Sequence

from linter.engine import ArticleResult, summary


def render(results: Sequence[ArticleResult], colour: bool) -> str:
    del colour
    report = {
        "version": 1,
        "diagnostics": [d.to_json() for r in results for d in r.diagnostics],
        "summary": summary(results),
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
