"""``path:line:col: CODE message`` lines and a summary, coloured on a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from linter.engine import ArticleResult, Tally
from linter.escape import printable
from linter.text import plural

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def render(
    results: Iterable[ArticleResult], colour: bool, tally: Tally, *, show_fixes: bool = False
) -> Iterator[str]:
    for result in results:
        for d in result.diagnostics:
            where = f"{d.path}:{d.span.line}:{d.span.column}:"
            code = d.code
            if colour:
                where = f"{_BOLD}{where}{_RESET}"
                code = f"{_COLOURS[d.severity]}{code}{_RESET}"
            yield f"{where} {code} {printable(d.message)}\n"
    if show_fixes:
        yield from fixes_listing(tally)
    yield summary(tally)


def fixes_listing(tally: Tally) -> Iterator[str]:
    """What ``--fix`` resolved, by file and rule (``--show-fixes``)."""
    from linter.registry import rules

    if not tally.fixed:
        yield "No problems fixed.\n"
        return
    yield f"Fixed {plural(sum(tally.fixed.values()), 'problem')}:\n"
    current = None
    for (path, code), count in sorted(tally.fixed.items()):
        if path != current:
            yield f"- {path}:\n"
            current = path
        yield f"    {count} × {code} ({rules()[code].name})\n"


def summary(tally: Tally) -> str:
    """``Found 3 problems (2 errors, 1 warning) in 1 file; 12 claims checked.`` and hints."""
    totals = tally.summary()
    problems = totals["errors"] + totals["warnings"] + totals["infos"]
    files = plural(totals["files"], "file")
    fixed = sum(tally.fixed.values())
    if problems:
        counts = f"{plural(totals['errors'], 'error')}, {plural(totals['warnings'], 'warning')}"
        if totals["infos"]:
            counts += f", {plural(totals['infos'], 'note')}"
        tail = f"Found {plural(problems, 'problem')} ({counts}) in {files}"
    else:
        tail = f"No problems in {files}"
    if fixed:
        tail += f" after fixing {fixed}"
    if tally.claims_read:
        tail += f"; {plural(totals['claims'], 'claim')} checked"
    lines = [f"{tail}.\n"]
    safe, unsafe = tally.fixable["safe"], tally.fixable["unsafe"]
    if safe or unsafe:
        hint = f"{safe} fixable with --fix" if safe else "No safe fixes"
        if unsafe:
            hint += f" ({unsafe} more with --fix --unsafe-fixes)"
        lines.append(f"[*] {hint}.\n")
    return "".join(lines)
