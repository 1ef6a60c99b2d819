"""Linting many articles in worker processes, results returned in input order."""

from __future__ import annotations

import multiprocessing

from linter.engine import ArticleResult, Settings, lint_file

_settings: Settings | None = None


def _initialise(settings: Settings) -> None:
    global _settings
    _settings = settings


def _lint(path: str) -> ArticleResult:
    assert _settings is not None
    return lint_file(path, _settings)


def lint_parallel(files: list[str], settings: Settings, jobs: int) -> list[ArticleResult]:
    """``Pool.map`` keeps the order of ``files``; chunks keep the inter-process traffic low."""
    context = multiprocessing.get_context(
        "fork" if hasattr(multiprocessing, "get_context") else None
    )
    chunk = max(1, len(files) // (jobs * 8))
    with context.Pool(jobs, initializer=_initialise, initargs=(settings,)) as pool:
        return pool.map(_lint, files, chunksize=chunk)
