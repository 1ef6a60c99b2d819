"""The article model: what parse.py builds once and every later stage reads.

Offsets inside a Block are offsets into its ``prose`` string; ``Block.position``
turns them into 1-based (line, column) pairs of the original file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

MarkerStyle = Literal["footnote", "numeric", "pandoc"]


@dataclass(frozen=True, slots=True)
class Span:
    """A range of the original file: 1-based, the end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    def __reduce__(self) -> tuple[type[Span], tuple[int, int, int, int]]:
        # Pickled by the thousand between worker processes: skip dataclasses' slow state hooks.
        return (Span, (self.line, self.column, self.end_line, self.end_column))


@dataclass(frozen=True, slots=True)
class Marker:
    """One citation label in prose: ``[^a]``, ``[3]``, or one key of ``[@a; @b]``."""

    label: str
    """The label as cited: ``a``, ``3``; for pandoc the key without ``@``."""
    style: MarkerStyle
    span: Span
    block: int
    """Index of the Block the marker stands in."""
    offset: int
    """Offset of the marker in its block's prose."""


@dataclass(frozen=True, slots=True)
class Definition:
    """A reference definition: a footnote, a ``[n]`` line, or an item of a references list."""

    label: str
    style: MarkerStyle
    text: str
    """The definition's text, without its label."""
    span: Span
    """Where the label (or list item marker) stands."""
    last_line: int = 0
    """The definition's last line (its first is ``span.line``); 0 when not known."""

    @property
    def end_line(self) -> int:
        return max(self.last_line, self.span.line)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a block; ``end`` includes any markers that follow its punctuation."""

    start: int
    end: int
    markers: tuple[int, ...]
    """Indexes into Document.markers of the markers that belong to this sentence."""


@dataclass(slots=True)
class Block:
    """A run of prose from one paragraph, list item, quote or table cell."""

    prose: str
    """The block's inline text with code, HTML, URLs and markers blanked to spaces."""
    section: str
    """The title path of the enclosing headings, ``"History > Pre-1949"``."""
    line_starts: list[int]
    """Offsets in ``prose`` where each source line of the block begins."""
    line_numbers: list[int]
    """The 1-based source line of each entry of ``line_starts``."""
    column_bases: list[int]
    """The 0-based source column of each entry of ``line_starts``."""
    sentences: list[Sentence] = field(default_factory=list)
    markers: list[int] = field(default_factory=list)
    """Indexes into Document.markers of the markers in this block."""

    def position(self, offset: int) -> tuple[int, int]:
        """Map an offset in ``prose`` to a 1-based (line, column) of the original file."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return (
            self.line_numbers[index],
            self.column_bases[index] + offset - self.line_starts[index] + 1,
        )

    def span(self, start: int, end: int) -> Span:
        """The file span of ``prose[start:end]``."""
        line, column = self.position(start)
        end_line, end_column = self.position(end - 1) if end > start else (line, column - 1)
        return Span(line, column, end_line, end_column + 1)


SuppressionKind = Literal["next-line", "line", "block"]


@dataclass(frozen=True, slots=True)
class Suppression:
    """An inline ``encyclint-disable`` region, ``disable-next-line`` or ``disable-line``
    comment: the lines it covers and where the comment itself stands."""

    codes: frozenset[str]
    """Codes or prefixes; empty means every code."""
    first_line: int
    last_line: int
    comment: Span | None = None
    """Where the ``<!-- ... -->`` comment stands (a block's: its ``disable`` comment)."""
    kind: SuppressionKind = "next-line"
    closed: bool = True
    """False for a ``disable`` block that no ``enable`` ends (it runs to the end of the file)."""
    written: tuple[str, ...] = ()
    """The codes as the comment writes them (names, unknown codes), in order."""


@dataclass(slots=True)
class Document:
    """Everything one article says, parsed once."""

    path: str
    lines: tuple[str, ...]
    blocks: list[Block]
    markers: list[Marker]
    definitions: list[Definition]
    suppressions: list[Suppression]

    def text_at(self, span: Span) -> str:
        """The original text under a span (lines joined with ``\\n``)."""
        if span.line == span.end_line:
            return self.lines[span.line - 1][span.column - 1 : span.end_column - 1]
        parts = [self.lines[span.line - 1][span.column - 1 :]]
        parts.extend(self.lines[span.line : span.end_line - 1])
        parts.append(self.lines[span.end_line - 1][: span.end_column - 1])
        return "\n".join(parts)
