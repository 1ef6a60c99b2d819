"""Applying fixes: edits sorted, overlapping ones left for the next pass, until stable.

Edits address the original file's lines and columns (as the parser counts them: a BOM is
not a column, ``\\r\\n``, ``\\r`` and ``\\n`` each end a line). They are applied to the text
as it was read, so that whatever no edit touches (line endings, a BOM, a missing final
newline) stays byte for byte. After each pass the text is linted again, since one fix can
resolve, move or enable another; a pass that changes nothing, or ``MAX_PASSES``, ends it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from linter.diagnostic import Diagnostic
from linter.fixes import Edit, Fix

MAX_PASSES = 10
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def fixable(diagnostic: Diagnostic, unsafe: bool) -> Fix | None:
    """The fix ``--fix`` (``unsafe``: with ``--unsafe-fixes``) would apply, if any."""
    fix = diagnostic.fix
    if fix is None or (fix.applicability == "unsafe" and not unsafe):
        return None
    return fix


class _Offsets:
    """Line and column → offset in the text as read, line breaks counted as they are."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self.ends = [m.start() for m in _LINE_BREAK.finditer(text)] + [len(text)]
        self.newline = next((m.group() for m in _LINE_BREAK.finditer(text)), "\n")

    def at(self, line: int, column: int) -> int:
        index = min(max(line, 1), len(self.starts)) - 1
        start, end = self.starts[index], self.ends[index]
        return start + min(max(column, 1) - 1, end - start)

    def range(self, edit: Edit) -> tuple[int, int]:
        span = edit.span
        return self.at(span.line, span.column), self.at(span.end_line, span.end_column)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with every edit applied; the edits must not overlap."""
    offsets = _Offsets(text)
    ranged = sorted((offsets.range(edit), edit.content) for edit in edits)
    pieces: list[str] = []
    cursor = 0
    for (start, end), content in ranged:
        pieces.append(text[cursor:start])
        pieces.append(content.replace("\n", offsets.newline))
        cursor = max(cursor, end)
    pieces.append(text[cursor:])
    return "".join(pieces)


def _overlaps(ranges: Sequence[tuple[int, int]], taken: Sequence[tuple[int, int]]) -> bool:
    for start, end in ranges:
        for low, high in taken:
            if (start < high and low < end) or start == low:
                return True
    return False


def choose(text: str, fixes: Iterable[tuple[Diagnostic, Fix]]) -> list[tuple[Diagnostic, Fix]]:
    """The fixes one pass applies: in file order, each only if no edit overlaps one taken."""
    offsets = _Offsets(text)
    ranged = [(sorted(offsets.range(e) for e in fix.edits), d, fix) for d, fix in fixes]
    ranged.sort(key=lambda item: item[0][0] if item[0] else (0, 0))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[Diagnostic, Fix]] = []
    for ranges, diagnostic, fix in ranged:
        if not ranges or _overlaps(ranges, taken):
            continue
        taken.extend(ranges)
        chosen.append((diagnostic, fix))
    return chosen


@dataclass(slots=True)
class Fixed:
    """What fixing one text did: the text, the findings fixed, and those that remain."""

    text: str
    fixed: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    passes: int = 0


def fix_text(
    text: str,
    diagnostics: list[Diagnostic],
    relint: Callable[[str], list[Diagnostic]],
    *,
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
) -> Fixed:
    """Apply fixes pass after pass, linting again after each, until none applies."""
    result = Fixed(text, remaining=diagnostics)
    while result.passes < max_passes:
        candidates = [(d, f) for d in result.remaining if (f := fixable(d, unsafe)) is not None]
        chosen = choose(result.text, candidates)
        if not chosen:
            break
        changed = apply_edits(result.text, [e for _, fix in chosen for e in fix.edits])
        if changed == result.text:
            break
        result.passes += 1
        result.text = changed
        result.fixed.extend(d for d, _ in chosen)
        result.remaining = relint(changed)
    return result
