"""GitHub Actions workflow commands: one annotation per finding, escaped as GitHub requires."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from linter.config import work_tree_top
from linter.engine import ArticleResult, Tally

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _from_top(root: str) -> str:
    """What to put before a root-relative path: GitHub reads ``file=`` from the repository's
    top, which is the root unless the config file stands in a subfolder."""
    top = work_tree_top(root) if root else None
    if top is None or top == root:
        return ""
    return os.path.relpath(root, top).replace(os.sep, "/") + "/"


def render(results: Iterable[ArticleResult], colour: bool, tally: Tally) -> Iterator[str]:
    del colour
    prefix = _from_top(tally.root)
    for result in results:
        for d in result.diagnostics:
            path = d.path if os.path.isabs(d.path) else prefix + d.path
            properties = ",".join(
                [
                    f"file={escape_property(path)}",
                    f"line={d.span.line}",
                    f"col={d.span.column}",
                    f"endLine={d.span.end_line}",
                    f"endColumn={d.span.end_column}",
                    f"title={escape_property(d.code)}",
                ]
            )
            yield f"::{_COMMANDS[d.severity]} {properties}::{escape_data(d.message)}\n"
