"""The rule registry: each rule is one decorated function whose docstring is its documentation.

Adding a rule is two files: the rule (in a module of ``linter/rules/``) and its
fixture. Modules under ``linter/rules/`` are discovered, not listed by hand.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from linter.diagnostic import Finding, Severity

Scope = Literal["article", "corpus", "table", "links", "input"]
"""Where a rule runs: per article, over the corpus (audit), or in the table loader, link
checker and file reader, which report their own findings (those rules carry documentation
only)."""
Reads = Literal["document", "claims", "verdicts"]
"""How much of an article a rule reads: its markers and definitions, its claims too, or
also their fact-table verdicts. A run works an article out no further than its rules read."""
READS: tuple[Reads, ...] = ("document", "claims", "verdicts")
Check = Callable[[Any], Iterable[Finding]]
"""An article rule takes an ArticleContext, a corpus rule a CorpusContext."""
DOC_HEADINGS = ("## What it does", "## Why is this bad?", "## Example")
CODE_PATTERN = re.compile(r"^[A-Z]{3}\d{3}$")


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's identity, default severity and documentation, and the check that runs it."""

    code: str
    name: str
    severity: Severity
    scope: Scope
    doc: str
    check: Check | None
    reads: Reads = "verdicts"

    @property
    def summary(self) -> str:
        """The first line of the documentation: what the rule finds."""
        return self.doc.strip().splitlines()[0].strip()

    def section(self, heading: str) -> str:
        """The text under one of DOC_HEADINGS, empty when missing."""
        match = re.search(re.escape(heading) + r"\n(.*?)(?=\n## |\Z)", self.doc, flags=re.DOTALL)
        return match.group(1).strip() if match else ""


_RULES: dict[str, Rule] = {}


def rule(
    *, code: str, name: str, severity: Severity, scope: Scope = "article", reads: Reads = "verdicts"
) -> Callable[[Check], Check]:
    """Register the decorated function as rule ``code``; its docstring is the documentation."""

    def register(check: Check) -> Check:
        if code in _RULES:
            raise RuntimeError(f"rule {code} registered twice")
        doc = _dedent(check.__doc__ or "")
        runs = scope in ("article", "corpus")
        _RULES[code] = Rule(code, name, severity, scope, doc, check if runs else None, reads)
        return check

    return register


def _dedent(doc: str) -> str:
    lines = doc.expandtabs().splitlines()
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    margin = min(indents, default=0)
    return (
        "\n".join([lines[0].strip(), *(line[margin:] for line in lines[1:])]).strip()
        if lines
        else ""
    )


@cache
def rules() -> dict[str, Rule]:
    """Every rule, by code, in code order; importing the rule modules registers them."""
    package = importlib.import_module("linter.rules")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"linter.rules.{module.name}")
    return dict(sorted(_RULES.items()))


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether ``code`` is named by a code or a family prefix in ``patterns``."""
    return any(code.startswith(pattern) for pattern in patterns)
