"""Output formats: each turns the stream of results into a stream of report text.

Formatters read results one at a time and keep only counts (in the Tally), so a
corpus of any size is reported in constant memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.engine import ArticleResult, Tally

Formatter = Callable[["Iterable[ArticleResult]", bool, "Tally"], Iterator[str]]


def get(name: str) -> Formatter:
    """The formatter for ``--format name`` (imported only when used)."""
    from importlib import import_module

    module = import_module(f"linter.formatters.{name}_format")
    formatter: Formatter = module.render
    return formatter
