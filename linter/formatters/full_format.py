"""Findings with their context, as ruff's ``full`` format shows them: the severity and code,
the message, where, the line cut to a window around the span with a caret under it, and
``= fact:`` / ``= help:`` notes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from linter.diagnostic import Diagnostic
from linter.engine import ArticleResult, Tally
from linter.escape import printable
from linter.formatters.concise_format import BLUE, BOLD, COLOURS, RESET
from linter.formatters.excerpt import excerpt
from linter.formatters.summary import ending


def render(
    results: Iterable[ArticleResult],
    colour: bool,
    tally: Tally,
    *,
    show_fixes: bool = False,
    quiet: bool = False,
) -> Iterator[str]:
    for result in results:
        for d in result.diagnostics:
            yield finding(d, result.lines, colour)
    yield from ending(tally, show_fixes=show_fixes, quiet=quiet)


def finding(d: Diagnostic, lines: tuple[str, ...], colour: bool) -> str:
    """One finding, ending with a blank line."""

    def paint(text: str, *styles: str) -> str:
        return "".join(styles) + text + RESET if colour else text

    span = d.span
    gutter = " " * len(str(span.line))
    bar = paint("|", BLUE, BOLD)
    out = [
        f"{paint(d.severity, COLOURS[d.severity], BOLD)}{paint(f'[{d.code}]', BOLD)}: "
        f"{paint(printable(d.message), BOLD)}",
        f"{gutter}{paint('-->', BLUE, BOLD)} {d.path}:{span.line}:{span.column}",
    ]
    if 0 < span.line <= len(lines):
        line = lines[span.line - 1]
        end = span.end_column - 1 if span.end_line == span.line else len(line)
        shown = excerpt(line, span.column - 1, end)
        carets = paint("^" * shown.caret_width, COLOURS[d.severity], BOLD)
        out += [
            f"{gutter} {bar}",
            f"{paint(str(span.line), BLUE, BOLD)} {bar} {shown.text}",
            f"{gutter} {bar} {' ' * shown.caret_column}{carets}",
        ]
    for label, note in notes(d):
        out.append(f"{gutter} {paint('=', BLUE, BOLD)} {paint(label, BOLD)}: {note}")
    return "\n".join(out) + "\n\n"


def notes(d: Diagnostic) -> Iterator[tuple[str, str]]:
    """The ``= fact:`` line of a contradicted claim, and ``= help:`` where there is a fix."""
    if d.code == "FCT001" and d.fact is not None:
        sources = ", ".join(d.fact.get("sources", []))
        yield "fact", f"{d.fact['id']} = {d.fact['value']} (sources: {sources})"
    if d.fix is not None:
        how = "--fix" if d.fix.applicability == "safe" else "--fix --unsafe-fixes"
        yield "help", f"{printable(d.fix.message)} ({d.fix.applicability} fix, by {how})"
    elif d.code == "FCT001" and d.fact is not None and "–" in str(d.fact["value"]):
        yield (
            "help",
            (
                f"the fact is a range ({d.fact['value']}): write a value inside it, or correct "
                "the table"
            ),
        )
