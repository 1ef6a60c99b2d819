"""Code actions for the findings under the cursor: the rule's fix, suppress on this line,
open the fact."""

from __future__ import annotations

import re

from lsprotocol import types

from linter.diagnostic import Diagnostic
from linter.fixes import Fix
from linter.lsp.analysis import Analysis
from linter.lsp.convert import line_location, to_lsp
from linter.lsp.positions import to_position, to_range

OPEN_FACT = "encyclint.openFact"
_SAME_LINE = re.compile(r"<!--\s*encyclint-disable-line\b([^>]*?)\s*-->")


def suppress_edit(lines: tuple[str, ...], diagnostic: Diagnostic) -> types.TextEdit:
    """Add the code to the line's ``encyclint-disable-line`` comment, or append one."""
    number = diagnostic.span.line
    text = lines[number - 1] if number <= len(lines) else ""
    found = _SAME_LINE.search(text)
    if found is not None:
        at = to_position(lines, number, found.end(1) + 1)
        return types.TextEdit(range=types.Range(start=at, end=at), new_text=f",{diagnostic.code}")
    end = to_position(lines, number, len(text) + 1)
    comment = f" <!-- encyclint-disable-line {diagnostic.code} -->"
    return types.TextEdit(range=types.Range(start=end, end=end), new_text=comment)


def fix_action(analysis: Analysis, uri: str, fix: Fix, shown: types.Diagnostic) -> types.CodeAction:
    """The fix ``check --fix`` applies, as edits of the buffer (a safe one is preferred)."""
    edits = [
        types.TextEdit(
            range=to_range(analysis.lines, edit.span),
            new_text=edit.content.replace("\n", analysis.newline),
        )
        for edit in fix.edits
    ]
    return types.CodeAction(
        title=fix.message + ("" if fix.applicability == "safe" else " (unsafe)"),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[shown],
        is_preferred=fix.applicability == "safe",
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def _overlaps(diagnostic: types.Diagnostic, wanted: types.Range) -> bool:
    start, end = diagnostic.range.start, diagnostic.range.end
    return (start.line, start.character) <= (wanted.end.line, wanted.end.character) and (
        wanted.start.line,
        wanted.start.character,
    ) <= (end.line, end.character)


def code_actions(analysis: Analysis, uri: str, wanted: types.Range) -> list[types.CodeAction]:
    """Quick fixes first (safe ones preferred), then suppressions, then "Open the fact"."""
    fixes: list[types.CodeAction] = []
    others: list[types.CodeAction] = []
    for diagnostic in analysis.diagnostics:
        shown = to_lsp(diagnostic, analysis.lines, analysis.project)
        if not _overlaps(shown, wanted):
            continue
        if diagnostic.fix is not None:
            fixes.append(fix_action(analysis, uri, diagnostic.fix, shown))
        others.append(
            types.CodeAction(
                title=f"Suppress {diagnostic.code} on this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[shown],
                edit=types.WorkspaceEdit(
                    changes={uri: [suppress_edit(analysis.lines, diagnostic)]}
                ),
            )
        )
        fact_id = diagnostic.fact.get("id") if diagnostic.fact else None
        fact = analysis.project.fact(str(fact_id)) if fact_id is not None else None
        if fact is not None:
            location = line_location(fact.path, fact.line)
            others.append(
                types.CodeAction(
                    title=f"Open the fact {fact.id}",
                    kind=types.CodeActionKind.Empty,
                    diagnostics=[shown],
                    command=types.Command(
                        title=f"Open the fact {fact.id}",
                        command=OPEN_FACT,
                        arguments=[location.uri, fact.line],
                    ),
                )
            )
    fixes.sort(key=lambda action: not action.is_preferred)
    return fixes + others
