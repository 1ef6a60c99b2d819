"""SARIF 2.1.0, for code scanning: one run, rule metadata from the rule docs, stable fingerprints."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from linter import __version__
from linter.engine import ArticleResult
from linter.fingerprint import digest, keyed
from linter.registry import Rule, rules

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> dict[str, str]:
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(Path(path).as_posix()), "uriBaseId": "%SRCROOT%"}


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
        "properties": {"tags": [rule.code[:3].lower(), rule.name]},
    }


def render(results: Sequence[ArticleResult], colour: bool) -> str:
    del colour
    registry = [r for r in rules().values()]
    index = {rule.code: i for i, rule in enumerate(registry)}
    sarif_results = []
    for result in results:
        for identity, occurrence, d in keyed(result.diagnostics):
            sarif_results.append(
                {
                    "ruleId": d.code,
                    "ruleIndex": index[d.code],
                    "level": _LEVELS[d.severity],
                    "message": {"text": d.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": _uri(d.path),
                                "region": {
                                    "startLine": d.span.line,
                                    "startColumn": d.span.column,
                                    "endLine": d.span.end_line,
                                    "endColumn": d.span.end_column,
                                },
                            }
                        }
                    ],
                    "partialFingerprints": {"encyclint/v1": digest(identity, occurrence)},
                }
            )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "encyclint",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in registry],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
