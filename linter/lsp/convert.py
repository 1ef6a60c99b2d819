"""Our diagnostics as LSP diagnostics: range in UTF-16, code, severity, link, related places."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from lsprotocol import types

from linter import __version__
from linter.diagnostic import Diagnostic
from linter.document import Span
from linter.facts.knowledge import Problem
from linter.lsp.positions import to_range
from linter.lsp.projects import Project
from linter.registry import rules

SOURCE = "encyclint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def uri_of(path: str) -> str:
    return Path(os.path.abspath(path)).as_uri()


def line_location(path: str, line: int) -> types.Location:
    """The whole of 1-based ``line`` of a file: a fact's entry in its table."""
    start = types.Position(line=max(line - 1, 0), character=0)
    end = types.Position(line=max(line, 1), character=0)
    return types.Location(uri=uri_of(path), range=types.Range(start=start, end=end))


@cache
def rule_page(code: str) -> str | None:
    """A file URI of the rule's documentation (what ``encyclint rules CODE`` prints).

    There is no documentation site to link to, so the pages are written once per version
    into the user's cache folder, where any editor can open them (once per server run).
    """
    rule = rules().get(code)
    if rule is None:
        return None
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    page = os.path.join(cache, "encyclint", "rules", __version__, f"{code}.md")
    text = f"# {rule.code} {rule.name}\n\nDefault severity: {rule.severity}.\n\n{rule.doc}\n"
    try:
        with open(page, encoding="utf-8") as stream:
            if stream.read() == text:
                return Path(page).as_uri()
    except OSError:
        pass
    try:
        from linter.output import write_atomic

        os.makedirs(os.path.dirname(page), exist_ok=True)
        write_atomic(page, text)
    except OSError:
        return None
    return Path(page).as_uri()


def to_lsp(diagnostic: Diagnostic, lines: Sequence[str], project: Project) -> types.Diagnostic:
    """One finding of an article, as the editor shows it."""
    page = rule_page(diagnostic.code)
    return types.Diagnostic(
        range=to_range(lines, diagnostic.span),
        message=diagnostic.message,
        severity=SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(href=page) if page else None,
        source=SOURCE,
        related_information=related(diagnostic, project) or None,
    )


def related(diagnostic: Diagnostic, project: Project) -> list[types.DiagnosticRelatedInformation]:
    """For a finding about a fact: the fact's line in its table."""
    fact_id = diagnostic.fact.get("id") if diagnostic.fact else None
    fact = project.fact(str(fact_id)) if fact_id is not None else None
    if fact is None:
        return []
    return [
        types.DiagnosticRelatedInformation(
            location=line_location(fact.path, fact.line),
            message=f"fact {fact.id} = {fact.shown}",
        )
    ]


def problem_to_lsp(problem: Problem, lines: Sequence[str]) -> types.Diagnostic:
    """A fact-table problem, on the table's line (the whole of it)."""
    text = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
    indent = len(text) - len(text.lstrip())
    span = Span(problem.line, indent + 1, problem.line, max(len(text), indent) + 1)
    page = rule_page(problem.code)
    return types.Diagnostic(
        range=to_range(lines, span),
        message=problem.message,
        severity=types.DiagnosticSeverity.Error,
        code=problem.code,
        code_description=types.CodeDescription(href=page) if page else None,
        source=SOURCE,
    )
