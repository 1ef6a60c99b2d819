"""GitHub Actions workflow commands: one annotation per finding, escaped as GitHub requires."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from linter.engine import ArticleResult, Tally

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Iterable[ArticleResult], colour: bool, tally: Tally) -> Iterator[str]:
    del colour, tally
    for result in results:
        for d in result.diagnostics:
            properties = ",".join(
                [
                    f"file={escape_property(d.path)}",
                    f"line={d.span.line}",
                    f"col={d.span.column}",
                    f"endLine={d.span.end_line}",
                    f"endColumn={d.span.end_column}",
                    f"title={escape_property(d.code)}",
                ]
            )
            yield f"::{_COMMANDS[d.severity]} {properties}::{escape_data(d.message)}\n"
