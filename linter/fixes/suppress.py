"""``--add-suppression``: a comment for each line with findings, so that a corpus can adopt
encyclint in one command (ruff's ``--add-noqa``), as an alternative to a baseline.

Above the line (``<!-- encyclint-disable-next-line CODE -->``) where the line starts a
top-level paragraph, since an HTML comment there is a block of its own; at the end of the
line (``<!-- encyclint-disable-line CODE -->``) anywhere else, where a comment line would
split a paragraph, a list or a quote and change what the article says. Codes already in a
comment there are merged into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from linter.diagnostic import Diagnostic
from linter.document import Span
from linter.fixes import Edit

_SAME_LINE = re.compile(r"<!--\s*encyclint-disable-line\b([^>]*?)-->\s*$", re.IGNORECASE)
_NEXT_LINE = re.compile(r"(\s*)<!--\s*encyclint-disable-next-line\b([^>]*?)-->\s*", re.IGNORECASE)
_NOT_A_PARAGRAPH = re.compile(r"[-*+>|#]|\d{1,9}[.)]|\[\^?[^\]]*\]:|<|`|~~~")
UNSUPPRESSIBLE = ("SUP", "INP", "TBL")
"""Findings a comment cannot (or should not) suppress: suppression, input and table faults."""


def _codes(text: str) -> list[str]:
    return [c for c in re.split(r"[,\s]+", text.strip()) if c]


def _starts_paragraph(lines: tuple[str, ...], number: int) -> bool:
    line = lines[number - 1]
    above_blank = number == 1 or not lines[number - 2].strip()
    return above_blank and line[:1] not in (" ", "\t") and not _NOT_A_PARAGRAPH.match(line)


def suppression_edits(lines: tuple[str, ...], diagnostics: Iterable[Diagnostic]) -> list[Edit]:
    """The edits that suppress every finding, one comment per line, codes merged."""
    by_line: dict[int, set[str]] = {}
    for d in diagnostics:
        if not d.code.startswith(UNSUPPRESSIBLE) and 0 < d.span.line <= len(lines):
            by_line.setdefault(d.span.line, set()).add(d.code)
    edits: list[Edit] = []
    for number, found in sorted(by_line.items()):
        line = lines[number - 1]
        same = _SAME_LINE.search(line)
        above = _NEXT_LINE.fullmatch(lines[number - 2]) if number > 1 else None
        if same is not None and _codes(same.group(1)):
            codes = ", ".join(dict.fromkeys([*_codes(same.group(1)), *sorted(found)]))
            span = Span(
                number, same.start() + 1, number, same.start() + len(same.group().rstrip()) + 1
            )
            edits.append(Edit(span, f"<!-- encyclint-disable-line {codes} -->"))
        elif above is not None and _codes(above.group(2)):
            codes = ", ".join(dict.fromkeys([*_codes(above.group(2)), *sorted(found)]))
            previous = lines[number - 2]
            start = len(above.group(1)) + 1
            span = Span(number - 1, start, number - 1, len(previous.rstrip()) + 1)
            edits.append(Edit(span, f"<!-- encyclint-disable-next-line {codes} -->"))
        elif _starts_paragraph(lines, number):
            comment = f"<!-- encyclint-disable-next-line {', '.join(sorted(found))} -->\n"
            edits.append(Edit(Span(number, 1, number, 1), comment))
        else:
            end = len(line) + 1
            comment = f" <!-- encyclint-disable-line {', '.join(sorted(found))} -->"
            edits.append(Edit(Span(number, end, number, end), comment))
    return edits
