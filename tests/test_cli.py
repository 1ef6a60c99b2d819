"""The command line as users meet it: exit codes, formats, config and bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.helpers import ROOT, assert_valid_report, run_cli

DANGLING = "# T\n\nStalin died in 1953.[1] Mao arrived in 1949.\n"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


def test_exit_codes_and_fail_on(tmp_path: Path) -> None:
    write(tmp_path, "a.md", DANGLING)
    assert run_cli("check", "a.md", cwd=tmp_path).returncode == 1
    assert run_cli("check", "a.md", "--fail-on", "never", cwd=tmp_path).returncode == 0
    assert run_cli("check", "a.md", "--ignore", "CIT001", cwd=tmp_path).returncode == 0
    assert run_cli("check", "a.md", "--ignore", "CIT001", "--fail-on", "warning",
                   cwd=tmp_path).returncode == 1  # fmt: skip


def test_text_output_is_path_line_column_code_message(tmp_path: Path) -> None:
    write(tmp_path, "docs/a.md", DANGLING)
    result = run_cli("check", "docs", "--select", "CIT001", cwd=tmp_path)
    assert result.stdout.splitlines()[0] == (
        "docs/a.md:3:21: CIT001 citation marker [1] has no definition"
    )
    assert "\033[" not in result.stdout


def test_json_output_validates_and_output_file_is_written(tmp_path: Path) -> None:
    write(tmp_path, "a.md", DANGLING)
    result = run_cli("check", "a.md", "--format", "json", "--output", "out.json", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    report = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert_valid_report(report)
    assert [d["code"] for d in report["diagnostics"]] == ["CIT001", "CIT004"]


def test_config_file_is_read_and_bad_values_name_the_key(tmp_path: Path) -> None:
    write(tmp_path, "articles/a.md", DANGLING)
    write(tmp_path, "encyclint.toml", 'ignore = ["CIT004"]\n[severity]\nCIT001 = "warning"\n')
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "CIT001" in result.stdout and "CIT004" not in result.stdout
    write(tmp_path, "encyclint.toml", 'paths = ["articles"]\nfail-on = "fatal"\n')
    bad = run_cli("check", cwd=tmp_path)
    assert bad.returncode == 2
    assert "encyclint.toml:2: fail-on: 'fatal' is not one of" in bad.stderr
    write(tmp_path, "encyclint.toml", "colour = 1\n")
    assert "colour: unknown key" in run_cli("check", cwd=tmp_path).stderr


def test_per_file_ignores(tmp_path: Path) -> None:
    write(tmp_path, "articles/drafts/a.md", DANGLING)
    write(tmp_path, "pyproject.toml",
          '[tool.encyclint.per-file-ignores]\n"articles/drafts/*.md" = ["CIT"]\n')  # fmt: skip
    result = run_cli("check", "articles", cwd=tmp_path)
    assert result.returncode == 0 and "No problems" in result.stdout


def test_config_takes_rule_names_where_it_takes_codes(tmp_path: Path) -> None:
    """As ``--select`` and suppression comments do: ``dangling-marker`` stands for CIT001."""
    write(tmp_path, "articles/drafts/a.md", DANGLING)
    write(tmp_path, "articles/b.md", DANGLING)
    write(tmp_path, "encyclint.toml",
          '[per-file-ignores]\n"articles/drafts/*.md" = ["dangling-marker", "unused-definition"]\n'
          '[severity]\ndangling-marker = "info"\n')  # fmt: skip
    result = run_cli("check", "articles", "--format", "json", cwd=tmp_path)
    found = [(d["path"], d["code"], d["severity"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert ("articles/b.md", "CIT001", "info") in found
    assert not [f for f in found if f[0] == "articles/drafts/a.md" and f[1] == "CIT001"]
    write(tmp_path, "encyclint.toml", '[severity]\ndangling-markers = "info"\n')
    typo = run_cli("check", "articles", cwd=tmp_path)
    assert typo.returncode == 2
    assert "unknown rule code, prefix or name 'dangling-markers'" in typo.stderr


def test_bad_input_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    write(tmp_path, "latin1.md", "caf\xe9 1953".encode("latin-1"))
    write(tmp_path, "empty/notes.txt", "x")
    cases = {
        ("check", "missing.md"): "missing.md: no such file or folder",
        ("check", "latin1.md"): "1 file could not be checked (INP001)",
        ("check", "empty"): "empty: folder holds no Markdown",
        ("check", "latin1.md", "--select", "NOPE"): "unknown rule code, prefix or name 'NOPE'",
        ("check", "x.md", "--config", "nope.toml"): "nope.toml: no such config file",
    }
    for args, message in cases.items():
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_utf16_and_empty_files_are_read(tmp_path: Path) -> None:
    write(tmp_path, "u16.md", DANGLING.encode("utf-16"))
    write(tmp_path, "empty.md", "")
    result = run_cli("check", "u16.md", "empty.md", "--select", "CIT001", cwd=tmp_path)
    assert result.returncode == 1
    assert "u16.md:3:21: CIT001" in result.stdout


def test_jobs_gives_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    for number in range(8):
        write(tmp_path, f"a{number}.md", DANGLING * (number + 1))
    one = run_cli("check", ".", "--jobs", "1", "--format", "json", cwd=tmp_path)
    two = run_cli("check", ".", "--jobs", "2", "--format", "json", cwd=tmp_path)
    assert one.stdout == two.stdout and json.loads(one.stdout)["summary"]["files"] == 8


def test_explain_shows_candidates_and_verdicts() -> None:
    seed = ROOT / "tests" / "fixtures" / "seed" / "sino-soviet-split-article.txt"
    result = run_cli("check", str(seed), "--explain", "--select", "FCT001")
    assert "'August 9, 1945' -> contradicted (soviet-declaration-of-war-japan = 1945-08-08)" in result.stdout
    assert "+ soviet-declaration-of-war-japan: all keywords found; value 1945-08-08 disagrees" in result.stdout


def test_python_dash_m_and_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and "encyclint" in result.stdout
    assert os.path.isfile(ROOT / "linter" / "__main__.py")
