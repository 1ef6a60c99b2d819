"""Linting many articles in worker processes, results returned in input order.

A worker can die (the OOM killer, ``kill -9``); ``Pool.imap`` then waits forever for the
lost task. ``ProcessPoolExecutor`` instead fails every task still out with
BrokenProcessPool: those files are checked again, one at a time in a worker of their
own, so that a file that kills its worker again is pinned down and reported as INP001,
and every other file gets its result. No run waits on a dead process.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from linter import engine
from linter.engine import ArticleResult, Settings, prepare, unreadable
from linter.escape import display_path

_settings: Settings | None = None
_fingerprint = ""


def _initialise(settings: Settings) -> None:
    global _settings, _fingerprint
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is for the parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _settings = settings
    _fingerprint = settings.fingerprint()


def _lint(paths: list[str]) -> list[ArticleResult]:
    assert _settings is not None
    return [engine.lint_file(path, _settings, _fingerprint) for path in paths]


def _pool(settings: Settings, jobs: int) -> ProcessPoolExecutor:
    """Workers are forked, so they share the loaded knowledge base instead of unpickling it,
    and the modules and parser prepared before the fork instead of each loading its own."""
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(jobs, context, initializer=_initialise, initargs=(settings,))


def lint_parallel(files: list[str], settings: Settings, jobs: int) -> Iterator[ArticleResult]:
    """Chunks keep the inter-process traffic low; at most two per worker are out at a time,
    so that a dead worker costs only those to check again."""
    prepare(settings)
    size = max(1, min(16, len(files) // (jobs * 8)))
    queue = deque(files[i : i + size] for i in range(0, len(files), size))
    while queue:
        lost = yield from _until_broken(queue, settings, jobs)
        for path in lost:
            yield _alone(path, settings)


def _until_broken(
    queue: deque[list[str]], settings: Settings, jobs: int
) -> Generator[ArticleResult, None, list[str]]:
    """Results in order until the queue is done (returns []) or a worker dies (returns the
    files of every chunk still out)."""
    window: deque[tuple[list[str], Future[list[ArticleResult]]]] = deque()
    with _pool(settings, jobs) as pool:
        while queue or window:
            try:
                while queue and len(window) < 2 * jobs:
                    window.append((queue[0], pool.submit(_lint, queue[0])))
                    queue.popleft()
                results = window[0][1].result()
            except BrokenProcessPool:
                return [path for chunk, _ in window for path in chunk]
            window.popleft()
            yield from results
    return []


def _alone(path: str, settings: Settings) -> ArticleResult:
    """One file in a worker of its own: its result, or INP001 if that worker dies too."""
    with _pool(settings, 1) as pool:
        try:
            return pool.submit(_lint, [path]).result()[0]
        except BrokenProcessPool:
            return unreadable(
                display_path(settings.config.label(path)),
                "the worker process checking this file died (killed, or out of memory)",
            )
