"""``path:line:col: CODE message``, one finding a line (grep- and problem-matcher-friendly),
then the summary; coloured on a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from linter.engine import ArticleResult, Tally
from linter.escape import printable
from linter.formatters.summary import ending

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, BLUE, RESET = "\033[1m", "\033[34m", "\033[0m"


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
            where = f"{d.path}:{d.span.line}:{d.span.column}:"
            code = d.code
            if colour:
                where = f"{BOLD}{where}{RESET}"
                code = f"{COLOURS[d.severity]}{code}{RESET}"
            yield f"{where} {code} {printable(d.message)}\n"
    yield from ending(tally, show_fixes=show_fixes, quiet=quiet)
