"""Output formats: each takes the run's results and returns the report's text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.engine import ArticleResult

Formatter = Callable[["Sequence[ArticleResult]", bool], str]


def get(name: str) -> Formatter:
    """The formatter for ``--format name`` (imported only when used)."""
    from importlib import import_module

    module = import_module(f"linter.formatters.{name}_format")
    formatter: Formatter = module.render
    return formatter


NAMES = ("text", "json")
