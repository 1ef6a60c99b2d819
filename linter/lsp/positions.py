"""Our positions (1-based lines, columns in characters) ↔ LSP's (0-based, UTF-16 code units).

An astral-plane character (most emoji) is one column to us and two code units to the
client; every range sent and every position received goes through these functions.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from linter.document import Span


def utf16_units(text: str) -> int:
    """The length of ``text`` in UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def to_position(lines: Sequence[str], line: int, column: int) -> types.Position:
    """The LSP position of 1-based ``line``, ``column`` (characters)."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return types.Position(line=line - 1, character=utf16_units(text[: column - 1]))


def to_range(lines: Sequence[str], span: Span) -> types.Range:
    return types.Range(
        start=to_position(lines, span.line, span.column),
        end=to_position(lines, span.end_line, span.end_column),
    )


def from_position(lines: Sequence[str], position: types.Position) -> tuple[int, int]:
    """The 1-based (line, column in characters) of an LSP position."""
    text = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(text):
        if units >= position.character:
            return position.line + 1, index + 1
        units += 2 if ord(char) > 0xFFFF else 1
    return position.line + 1, len(text) + 1


def contains(span: Span, line: int, column: int) -> bool:
    """Whether (line, column) falls on ``span`` (its end included, as a cursor after a word)."""
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)
