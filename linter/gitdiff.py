"""``--diff REF``: which lines of which files were added or changed since a git ref."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Iterator

from linter.engine import UNREADABLE, ArticleResult
from linter.errors import UserError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
ALL_LINES = -1


def _git(args: list[str], cwd: str) -> str:
    try:
        completed = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise UserError("--diff needs git, which is not installed") from None
    if completed.returncode != 0:
        message = (
            completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else "failed"
        )
        raise UserError(f"--diff: git {args[0]}: {message}")
    return completed.stdout


def changed_lines(ref: str) -> dict[str, set[int]]:
    """Absolute path → changed line numbers (``{ALL_LINES}`` for a file new since ``ref``)."""
    root = _git(["rev-parse", "--show-toplevel"], os.getcwd()).strip()
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root)
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    diff = _git(["diff", "--no-ext-diff", "--no-color", "--unified=0", ref, "--"], root)
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None
            if name != "/dev/null":
                path = os.path.realpath(os.path.join(root, name.removeprefix("b/")))
                current = changed.setdefault(path, set())
        elif current is not None and (match := _HUNK.match(line)):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            current.update(range(start, start + count))
    for name in _git(["ls-files", "--others", "--exclude-standard"], root).splitlines():
        changed[os.path.realpath(os.path.join(root, name))] = {ALL_LINES}
    return changed


def keep_changed(results: Iterable[ArticleResult], ref: str) -> Iterator[ArticleResult]:
    """The results with only the findings on lines added or changed since ``ref``.

    The changed lines are asked of git at once, so that a bad ref fails before any output.
    """
    changed = changed_lines(ref)
    return _filtered(results, changed)


def _filtered(
    results: Iterable[ArticleResult], changed: dict[str, set[int]]
) -> Iterator[ArticleResult]:
    for result in results:
        lines = changed.get(os.path.realpath(result.path), set())
        if ALL_LINES in lines or any(d.code == UNREADABLE for d in result.diagnostics):
            yield result
            continue
        result.diagnostics = [
            d for d in result.diagnostics
            if any(n in lines for n in range(d.span.line, d.span.end_line + 1))
        ]  # fmt: skip
        yield result
