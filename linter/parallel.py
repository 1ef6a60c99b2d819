"""Linting many articles in worker processes, results returned in input order."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator

from linter.engine import ArticleResult, Settings, lint_file, prepare

_settings: Settings | None = None
_fingerprint = ""


def _initialise(settings: Settings) -> None:
    global _settings, _fingerprint
    _settings = settings
    _fingerprint = settings.fingerprint()


def _lint(path: str) -> ArticleResult:
    assert _settings is not None
    return lint_file(path, _settings, _fingerprint)


def lint_parallel(files: list[str], settings: Settings, jobs: int) -> Iterator[ArticleResult]:
    """``Pool.imap`` keeps the order of ``files``; chunks keep the inter-process traffic low.

    Workers are forked, so they share the loaded knowledge base instead of unpickling it,
    and the modules and parser prepared before the fork instead of each loading its own.
    """
    prepare(settings)
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(16, len(files) // (jobs * 8)))
    with context.Pool(jobs, initializer=_initialise, initargs=(settings,)) as pool:
        yield from pool.imap(_lint, files, chunksize=chunk)
