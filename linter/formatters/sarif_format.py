"""SARIF 2.1.0, for code scanning: one run, rule metadata from the rule docs, stable fingerprints."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from linter import __version__
from linter.diagnostic import Diagnostic
from linter.document import Span
from linter.engine import ArticleResult, Tally
from linter.fingerprint import digest, keyed
from linter.registry import Rule, rules

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> dict[str, str]:
    """A root-relative path as code scanning expects it: a relative URI against %SRCROOT%."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": _pascal(rule.name),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.section("## What it does")},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        **({"helpUri": rule.url} if rule.url else {}),
        "properties": {"tags": [rule.code[:3].lower(), rule.name]},
    }


def _result(d: Diagnostic, rule_index: int, fingerprint: str) -> dict[str, Any]:
    return {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _uri(d.path),
                    "region": _region(d.span),
                }
            }
        ],
        "partialFingerprints": {"encyclint/v1": fingerprint},
        **({"fixes": [_fix(d)]} if d.fix is not None else {}),
    }


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _fix(d: Diagnostic) -> dict[str, Any]:
    """A SARIF fix object: the edits as replacements of regions of the finding's file."""
    assert d.fix is not None
    replacements = [
        {"deletedRegion": _region(edit.span), "insertedContent": {"text": edit.content}}
        for edit in d.fix.edits
    ]
    return {
        "description": {"text": d.fix.message},
        "artifactChanges": [{"artifactLocation": _uri(d.path), "replacements": replacements}],
        "properties": {"applicability": d.fix.applicability},
    }


def render(results: Iterable[ArticleResult], colour: bool, tally: Tally) -> Iterator[str]:
    """The log, written as it goes: the run's header, one result at a time, the footer."""
    del colour
    registry = list(rules().values())
    index = {rule.code: i for i, rule in enumerate(registry)}
    driver = {
        "name": "encyclint",
        "version": __version__,
        "rules": [_rule(rule) for rule in registry],
    }
    run: dict[str, Any] = {"tool": {"driver": driver}}
    if tally.root:
        run["originalUriBaseIds"] = {
            "%SRCROOT%": {"uri": Path(tally.root).as_uri().rstrip("/") + "/"}
        }
    run["columnKind"] = "unicodeCodePoints"
    head = json.dumps(run, indent=2)
    yield (
        '{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",'
        '\n  "runs": [\n    ' + head[:-2].replace("\n", "\n    ") + ',\n      "results": ['
    )
    first = True
    for result in results:
        for identity, occurrence, d in keyed(result.diagnostics):
            entry = _result(d, index[d.code], digest(identity, occurrence))
            text = json.dumps(entry, ensure_ascii=False)  # one a line, by the C encoder
            yield ("\n        " if first else ",\n        ") + text
            first = False
    yield ("\n      ]" if not first else "]") + "\n    }\n  ]\n}\n"
