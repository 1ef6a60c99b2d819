"""The end of a text report: what --fix did, the counts, and how many findings a fix awaits."""

from __future__ import annotations

from collections.abc import Iterator

from linter.engine import Tally
from linter.text import plural


def ending(tally: Tally, *, show_fixes: bool, quiet: bool) -> Iterator[str]:
    """What follows the findings of a text report: nothing with ``--quiet``; what was fixed
    with ``--show-fixes``; the summary."""
    if quiet:
        return
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
    if tally.baselined:
        tail += f" ({tally.baselined} baselined)"
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
