"""``encyclint claims``: an editor's inventory of every claim, as text or JSON (SPEC.md § Claims)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from linter.engine import UNREADABLE, ArticleResult
from linter.escape import printable
from linter.text import plural


def claim_records(results: Sequence[ArticleResult]) -> list[dict[str, Any]]:
    records = []
    for result in results:
        for claim, verdict in zip(result.claims, result.verdicts, strict=True):
            records.append(
                {
                    "path": result.path,
                    "line": claim.span.line,
                    "column": claim.span.column,
                    "end_line": claim.span.end_line,
                    "end_column": claim.span.end_column,
                    "text": claim.text,
                    "kind": claim.kind,
                    "value": claim.value,
                    "qualifier": claim.qualifier,
                    "unit": claim.unit,
                    "status": verdict.status if verdict else "unverified",
                    "fact": verdict.fact.id if verdict and verdict.fact else None,
                    "citations": list(claim.citations),
                }
            )
    return records


def render_claims(results: Sequence[ArticleResult], output_format: str) -> str:
    """The listing; files that could not be checked (INP001) are listed too, after the claims
    (in JSON, under ``diagnostics``, present only when there are some)."""
    records = claim_records(results)
    faults = [d for r in results for d in r.diagnostics if d.code == UNREADABLE]
    if output_format == "json":
        listing: dict[str, Any] = {"version": 1, "claims": records}
        if faults:
            listing["diagnostics"] = [d.to_json() for d in faults]
        return json.dumps(listing, indent=2, ensure_ascii=False) + "\n"
    lines = []
    for r in records:
        value = r["value"]
        if isinstance(value, dict):
            value = f"{value['min']}–{value['max']}"
        extras = [
            f"{r['qualifier']}" if r["qualifier"] else "",
            f"unit={r['unit']}" if r["unit"] else "",
        ]
        detail = " ".join(e for e in extras if e)
        cited = "[" + "][".join(r["citations"]) + "]" if r["citations"] else "uncited"
        fact = f" {r['fact']}" if r["fact"] else ""
        where = f"{r['path']}:{r['line']}:{r['column']}:"
        text = printable(" ".join(r["text"].split()))
        lines.append(
            f"{where} {r['kind']:<8} {text!r} = {value}{' ' + detail if detail else ''}"
            f"  {cited}  {r['status']}{fact}"
        )
    lines.extend(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} {d.message}" for d in faults)
    lines.append(
        f"{plural(len(records), 'claim')} in {plural(len(results) - len(faults), 'file')}."
    )
    return "\n".join(lines) + "\n"
