"""A line of source as a terminal shows it, cut to a window around a span, with the
display column and width of the span, so that a caret line sits under the right cells.

Widths are terminal cells (wcwidth): a CJK character takes two, a combining mark none, a
tab is shown as spaces to the next multiple of four (ruff does the same), and a control
character is shown escaped (``\\x1b``) so that it cannot drive the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

from wcwidth import wcwidth

from linter.escape import printable

WINDOW = 100
"""About how many cells of a long line an excerpt shows."""
WHOLE = 120
"""A line up to this many cells is shown whole."""
TAB = 4
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Excerpt:
    text: str
    caret_column: int
    """0-based display column of the span's first cell in ``text``."""
    caret_width: int


def _cells(line: str) -> list[tuple[str, int]]:
    """Each character of ``line`` as shown, with its width in cells."""
    shown: list[tuple[str, int]] = []
    column = 0
    for char in line:
        if char == "\t":
            text = " " * (TAB - column % TAB)
        else:
            width = wcwidth(char)
            text = char if width >= 0 else printable(char)
        width = len(text) if char == "\t" or text != char else max(wcwidth(char), 0)
        shown.append((text, width))
        column += width
    return shown


def excerpt(line: str, start: int, end: int, window: int = WINDOW, whole: int = WHOLE) -> Excerpt:
    """``line`` shown around ``line[start:end]`` (0-based character offsets)."""
    cells = _cells(line)
    start = min(max(start, 0), len(cells))
    end = min(max(end, start), len(cells))
    widths = [width for _, width in cells]
    total = sum(widths)
    first, last = 0, len(cells)
    if total > max(window, whole):
        span_width = sum(widths[start:end])
        margin = max((window - span_width) // 2, 0)
        first = start
        room = margin
        while first > 0 and room - widths[first - 1] >= 0:
            first -= 1
            room -= widths[first]
        last = end
        room = window - span_width - (margin - room)
        while last < len(cells) and room - widths[last] >= 0:
            room -= widths[last]
            last += 1
        while first > 0 and room - widths[first - 1] >= 0:  # room left at the end: use it
            first -= 1
            room -= widths[first]
    head = ELLIPSIS if first > 0 else ""
    tail = ELLIPSIS if last < len(cells) else ""
    text = head + "".join(t for t, _ in cells[first:last]) + tail
    caret_column = len(head) + sum(widths[first:start])
    caret_width = max(sum(widths[start:end]), 1)
    return Excerpt(text.rstrip() if not tail else text, caret_column, caret_width)
