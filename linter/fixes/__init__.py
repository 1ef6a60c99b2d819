"""Fixes: what a rule proposes to change, as edits on exact spans of the original file.

A rule attaches a :class:`Fix` to its finding (``Finding(..., fix=Fix(...))``); the engine
carries it on the Diagnostic as ``diagnostic.fix`` (``None`` when the finding has no fix).
A fix is an applicability (``safe``: applied by ``--fix``; ``unsafe``: only with
``--unsafe-fixes``, since it may change meaning) and a list of edits, each replacing one
span of the original file (1-based lines and columns in characters, end column exclusive,
as Diagnostic.span) with new text. A ``\\n`` in an edit's text stands for the file's own line
ending; nothing outside the edited spans changes (BOM, line endings, trailing newline).

To get a diagnostic's fix (for the language server's quick fixes)::

    from linter.engine import lint_source
    for diagnostic in lint_source(source, settings).diagnostics:
        if diagnostic.fix is not None:
            diagnostic.fix.message          # "Replace with `August 8, 1945`"
            diagnostic.fix.applicability    # "safe" or "unsafe"
            for edit in diagnostic.fix.edits:
                edit.span, edit.content     # a TextEdit: range (1-based, chars) → new text

``linter.fixes.apply.apply_edits(text, edits)`` applies edits to a file's text;
``linter.fixes.apply.fix_text`` loops fixes until stable, as ``check --fix`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from linter.document import Span

Applicability = Literal["safe", "unsafe"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text at ``span`` (empty for an insertion) with ``content``."""

    span: Span
    content: str

    def __reduce__(self) -> tuple[type[Edit], tuple[Span, str]]:
        # Cached with every result: skip dataclasses' slow state hooks (as Span does).
        return (Edit, (self.span, self.content))

    def to_json(self) -> dict[str, Any]:
        s = self.span
        return {
            "line": s.line,
            "column": s.column,
            "end_line": s.end_line,
            "end_column": s.end_column,
            "content": self.content,
        }


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that resolve one finding, applied together or not at all."""

    applicability: Applicability
    edits: tuple[Edit, ...]
    message: str
    """What the fix does, for ``= help:`` lines and quick-fix titles."""

    def __reduce__(self) -> tuple[type[Fix], tuple[Applicability, tuple[Edit, ...], str]]:
        return (Fix, (self.applicability, self.edits, self.message))

    def to_json(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability,
            "message": self.message,
            "edits": [edit.to_json() for edit in self.edits],
        }


def replace(span: Span, content: str, message: str, applicability: Applicability) -> Fix:
    """A fix of one edit."""
    return Fix(applicability, (Edit(span, content),), message)


def delete_lines(lines: tuple[str, ...], first: int, last: int) -> Span:
    """The span of whole lines ``first..last`` (1-based) with their line break, so that
    deleting it leaves no blank line behind (the last line takes the break before it)."""
    if last < len(lines):
        return Span(first, 1, last + 1, 1)
    if first > 1:
        return Span(first - 1, len(lines[first - 2]) + 1, last, len(lines[last - 1]) + 1)
    return Span(first, 1, last, len(lines[last - 1]) + 1)
