"""Exit codes CI can trust, and hostile config and baselines: every case is exit 2 with one
clear line, never a traceback and never the 1 that means findings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import engine
from linter.cli import main
from tests.helpers import ROOT, run_cli

GOOD = "# A\n\nStalin died in 1953.[^a]\n\n[^a]: Source.\n"

CONFIGS = {
    "deep arrays": ("encyclint.toml", "paths = " + "[" * 5_000 + "]" * 5_000 + "\n",
                    "encyclint.toml: invalid TOML"),
    "a 5,000-digit integer": ("encyclint.toml", "max-article-mib = " + "9" * 5_000 + "\n",
                              "encyclint.toml: invalid TOML: Exceeds the limit"),
    "[tool] encyclint = 5": ("pyproject.toml", "[tool]\nencyclint = 5\n",
                             "pyproject.toml:2: [tool.encyclint] must be a table"),
    "tool = 3": ("pyproject.toml", "tool = 3\n", None),
    "unknown severity code": ("encyclint.toml", '[severity]\nFCT002 = "info"\nFCT999 = "info"\n',
                              "encyclint.toml:3: severity.FCT999: unknown rule code, prefix or name"),
    "unknown per-file code": ("encyclint.toml",
                              '[per-file-ignores]\n"drafts/*.md" = ["CIT", "XYZ001"]\n',
                              "encyclint.toml:2: per-file-ignores.drafts/*.md: unknown rule code, "
                              "prefix or name 'XYZ001'"),
}  # fmt: skip


@pytest.mark.parametrize("case", CONFIGS, ids=list(CONFIGS))
def test_hostile_config_is_one_clear_error(tmp_path: Path, case: str) -> None:
    name, text, message = CONFIGS[case]
    (tmp_path / name).write_text(text, "utf-8")
    (tmp_path / "a.md").write_text(GOOD, "utf-8")
    result = run_cli("check", "a.md", "--config", name, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    if message is None:  # not a config of ours: defaults, and the article is checked
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr


BASELINES = {
    "a count of 1e400": '{"version": 1, "findings": [{"path": "a.md", "code": "CIT001", '
                        '"section": "", "text": "[1]", "count": 1e400}]}',
    "a count that is text": '{"version": 1, "findings": [{"path": "a.md", "code": "CIT001", '
                            '"section": "", "text": "[1]", "count": "5"}]}',
    "JSON nested 100,000 deep": "[" * 100_000 + "]" * 100_000,
    "findings that are no list": '{"version": 1, "findings": 7}',
}  # fmt: skip


@pytest.mark.parametrize("case", BASELINES, ids=list(BASELINES))
def test_hostile_baseline_is_one_clear_error(tmp_path: Path, case: str) -> None:
    (tmp_path / "b.json").write_text(BASELINES[case], "utf-8")
    (tmp_path / "a.md").write_text(GOOD, "utf-8")
    result = run_cli("check", "a.md", "--baseline", "b.json", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("encyclint: error: b.json: ")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_internal_error_is_exit_2_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    for name in ("a.md", "b.md", "c.md", "d.md"):
        (tmp_path / name).write_text(GOOD, "utf-8")
    real = engine.lint_source

    def buggy(text_source: object, settings: object) -> object:
        if str(getattr(text_source, "path", "")).endswith("c.md"):
            raise ZeroDivisionError("a bug")
        return real(text_source, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "lint_source", buggy)  # inherited by forked workers
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    quiet = runner.invoke(main, ["check", ".", "--no-cache", "--jobs", jobs])
    assert quiet.exit_code == 2
    assert quiet.stderr.startswith("encyclint: internal error while checking ")
    assert quiet.stderr.endswith("c.md, please report it: ZeroDivisionError: a bug (--verbose "
                                 "shows the traceback)\n")  # fmt: skip
    assert len(quiet.stderr.splitlines()) == 1
    verbose = runner.invoke(main, ["check", ".", "--no-cache", "--jobs", jobs, "--verbose"])
    assert verbose.exit_code == 2 and "Traceback" in verbose.stderr
    assert "ZeroDivisionError: a bug" in verbose.stderr.splitlines()[-1]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("check", "a.md"), ("check", "a.md", "--format", "sarif"),
                                  ("rules",), ("claims", "a.md")])  # fmt: skip
def test_a_full_standard_output_is_one_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    (tmp_path / "a.md").write_text(GOOD, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "linter", *args, "--no-cache"]
                                if args[0] != "rules" else [sys.executable, "-m", "linter", *args],
                                cwd=tmp_path, env=env, stdout=full, stderr=subprocess.PIPE,
                                text=True, timeout=60)  # fmt: skip
    assert result.returncode == 2
    assert (
        result.stderr
        == "encyclint: error: cannot write to standard output: No space left on device\n"
    )


@pytest.mark.slow
@pytest.mark.timeout(60)
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_during_output_leaves_no_temporary_file(
    tmp_path: Path, signum: int, code: int
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    body = (ROOT / "articles" / "sino-soviet-split.md").read_text("utf-8")
    for number in range(400):
        (articles / f"a{number:03}.md").write_text(body, "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "linter", "check", "articles", "--no-cache", "--jobs", "1",
         "--format", "json", "--output", "out/report.json"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not list(out.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(out.iterdir()), "the report's temporary file never appeared"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr
    assert list(out.iterdir()) == []


def test_a_run_under_a_profiler_ends_the_usual_way_so_the_profile_is_written(
    tmp_path: Path,
) -> None:
    """A command-line run skips the interpreter's teardown, but not when it is watched:
    cProfile (like coverage) writes its results at exit."""
    article = tmp_path / "a.md"
    article.write_text("The treaty was signed in 1950.[^1]\n\n[^1]: A source.\n", "utf-8")
    profile = tmp_path / "run.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "linter", "check",
         str(article), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    assert profile.stat().st_size > 0
