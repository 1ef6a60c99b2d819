"""A worker process killed with SIGKILL (as the OOM killer does) never hangs a run.

The workers are real forked processes; the file that kills its worker is chosen by
patching ``engine.lint_file`` before the fork, so that the children inherit the patch.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from linter import engine
from linter.engine import ArticleResult, Settings
from linter.parallel import lint_parallel


def corpus(folder: Path, count: int) -> list[str]:
    paths = []
    for number in range(count):
        path = folder / f"a{number:02}.md"
        path.write_text(f"# A{number}\n\nStalin died in 1953.[{number}]\n", "utf-8")
        paths.append(str(path))
    return paths


def codes(results: list[ArticleResult]) -> dict[str, list[str]]:
    return {Path(r.path).name: [d.code for d in r.diagnostics] for r in results}


@pytest.mark.timeout(30)
def test_a_file_that_kills_its_worker_is_reported_and_the_rest_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engine.lint_file

    def killer(path: str, settings: Settings, fingerprint: str = "") -> ArticleResult:
        if path.endswith("a07.md"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, settings, fingerprint)

    monkeypatch.setattr(engine, "lint_file", killer)
    files = corpus(tmp_path, 40)
    results = list(lint_parallel(files, Settings(), 2))
    assert [r.path for r in results] == files
    found = codes(results)
    assert found.pop("a07.md") == ["INP001"]
    assert all(c == ["CIT001"] for c in found.values())
    killed = next(r for r in results if r.path.endswith("a07.md")).diagnostics[0]
    assert "worker process checking this file died" in killed.message


@pytest.mark.timeout(30)
def test_files_lost_with_a_worker_killed_once_are_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engine.lint_file
    marker = tmp_path / "killed-once"

    def killed_once(path: str, settings: Settings, fingerprint: str = "") -> ArticleResult:
        if path.endswith("a03.md") and not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, settings, fingerprint)

    monkeypatch.setattr(engine, "lint_file", killed_once)
    files = corpus(tmp_path, 24)
    results = list(lint_parallel(files, Settings(), 2))
    assert marker.exists()
    assert [r.path for r in results] == files
    assert all(c == ["CIT001"] for c in codes(results).values())
