"""``path:line:col: CODE message`` lines and a summary, coloured on a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from linter.engine import ArticleResult, Tally
from linter.escape import printable

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def render(results: Iterable[ArticleResult], colour: bool, tally: Tally) -> Iterator[str]:
    for result in results:
        for d in result.diagnostics:
            where = f"{d.path}:{d.span.line}:{d.span.column}:"
            code = d.code
            if colour:
                where = f"{_BOLD}{where}{_RESET}"
                code = f"{_COLOURS[d.severity]}{code}{_RESET}"
            yield f"{where} {code} {printable(d.message)}\n"
    totals = tally.summary()
    problems = totals["errors"] + totals["warnings"] + totals["infos"]
    files = "file" if totals["files"] == 1 else "files"
    if problems:
        counts = f"{totals['errors']} errors, {totals['warnings']} warnings"
        if totals["infos"]:
            counts += f", {totals['infos']} notes"
        tail = f"Found {problems} problems ({counts}) in {totals['files']} {files}"
    else:
        tail = f"No problems in {totals['files']} {files}"
    if tally.claims_read:
        tail += f"; {totals['claims']} claims checked"
    yield f"{tail}.\n"
