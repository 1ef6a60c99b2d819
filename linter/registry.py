"""The rule registry: each rule is one decorated function whose docstring is its documentation.

Adding a rule is two files: the rule (in a module of ``linter/rules/``) and its
fixture. Modules under ``linter/rules/`` are discovered, not listed by hand.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from linter.diagnostic import Finding, Severity

Scope = Literal["article", "corpus", "table", "links", "input", "suppression"]
"""Where a rule runs: per article, over the corpus (audit), or in the table loader, link
checker, file reader and the engine's suppression pass, which report their own findings
(those rules carry documentation only)."""
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
    opt_in: bool = False
    """Runs only when selected by its own code or name (not by a prefix, not by default)."""

    @property
    def summary(self) -> str:
        """The first line of the documentation: what the rule finds."""
        return self.doc.strip().splitlines()[0].strip()

    @property
    def url(self) -> str | None:
        """The rule's documentation page, when the project has a home (its Documentation or
        Homepage URL in the package metadata, from pyproject's ``[project.urls]``)."""
        home = project_home()
        return f"{home.rstrip('/')}/rules/{self.code}" if home else None

    def to_json(self) -> dict[str, Any]:
        """The rule as ``encyclint rules --format json`` gives it."""
        data: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "scope": self.scope,
            "summary": self.summary,
            "what": self.section("## What it does"),
            "why": self.section("## Why is this bad?"),
            "example": self.section("## Example"),
            "fix": self.section("## Fix") or None,
            "doc": self.doc,
        }
        if self.url:
            data["url"] = self.url
        return data

    def section(self, heading: str) -> str:
        """The text under one of DOC_HEADINGS, empty when missing."""
        taken: list[str] | None = None
        fenced = False
        for line in self.doc.splitlines():
            if line.startswith("```"):
                fenced = not fenced
            elif line.startswith("## ") and not fenced:
                if taken is not None:
                    break
                taken = [] if line.strip() == heading else None
                continue
            if taken is not None:
                taken.append(line)
        return "\n".join(taken).strip() if taken is not None else ""


_RULES: dict[str, Rule] = {}


@cache
def project_home() -> str | None:
    """The Documentation (else Homepage) URL of the installed encyclint, if it declares one."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("encyclint").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    found = dict(reversed(entry.split(", ", 1)) for entry in urls if ", " in entry)
    by_label = {label.lower(): url for url, label in found.items()}
    return by_label.get("documentation") or by_label.get("homepage")


def rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    scope: Scope = "article",
    reads: Reads = "verdicts",
    opt_in: bool = False,
) -> Callable[[Check], Check]:
    """Register the decorated function as rule ``code``; its docstring is the documentation."""

    def register(check: Check) -> Check:
        if code in _RULES:
            raise RuntimeError(f"rule {code} registered twice")
        doc = _dedent(check.__doc__ or "")
        runs = scope in ("article", "corpus")
        _RULES[code] = Rule(
            code, name, severity, scope, doc, check if runs else None, reads, opt_in
        )
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
    for folder in package.__path__:  # listed, not through pkgutil: its import costs 1 ms
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py") and not name.startswith("_"):
                importlib.import_module(f"linter.rules.{name[:-3]}")
    return dict(sorted(_RULES.items()))


def code_for(given: str) -> str:
    """A code or prefix as given (upper-cased), or the code of the rule named ``given``."""
    lowered = given.lower()
    for code, rule in rules().items():
        if rule.name == lowered:
            return code
    return given.upper()


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether ``code`` is named by a code or a family prefix in ``patterns``."""
    return any(code.startswith(pattern) for pattern in patterns)
