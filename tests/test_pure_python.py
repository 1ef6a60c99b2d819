"""The pure-Python path, which most hook users get, passes the extraction and matching tests.

The suite runs with the optional accelerators installed where they install (the ``fast``
extra, a C compiler for the anchor scan). ``ENCYCLINT_PURE_PYTHON=1`` turns them all off;
with it set, the tests of claims, matching, rules and output run again here, so that both
paths are tested on every CI run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter import accelerators

ROOT = Path(__file__).resolve().parent.parent
PURE_PATH_TESTS = [
    "tests/test_seed.py", "tests/test_real_text.py", "tests/test_claims_table.py",
    "tests/test_index.py", "tests/test_keywords.py", "tests/test_properties.py",
    "tests/test_rules.py", "tests/test_table_values.py", "tests/test_sentences.py",
    "tests/test_formats.py", "tests/test_text_output.py", "tests/test_fixes.py",
]  # fmt: skip


def test_the_switch_turns_every_accelerator_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(accelerators.PURE_PYTHON_ENV, "1")
    assert not accelerators.allowed()
    assert accelerators.in_use() == []
    monkeypatch.setenv(accelerators.PURE_PYTHON_ENV, "0")
    assert accelerators.allowed()


@pytest.mark.slow
def test_the_pure_python_path_passes_the_extraction_and_matching_tests() -> None:
    if not accelerators.in_use():
        pytest.skip("no accelerator is installed here: the whole suite ran pure Python")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *PURE_PATH_TESTS],
        cwd=ROOT,
        env={**os.environ, accelerators.PURE_PYTHON_ENV: "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout.splitlines()[-1]
