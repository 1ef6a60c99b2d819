"""--fix: fixture cases (input, expected output, flags), byte-exact in every file dress."""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest

from linter.diagnostic import Diagnostic
from linter.document import Span
from linter.fixes import Edit, Fix
from linter.fixes.apply import apply_edits, choose, fix_text
from tests.helpers import FIXTURES, ROOT, SEED, assert_valid_report, run_cli

CASES = sorted(p for p in (FIXTURES / "fixes").iterdir() if p.is_dir())


def dressed(text: str, dress: str) -> bytes:
    """The fixture text stored as a user's editor might store it."""
    if dress == "crlf-bom":
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    if dress == "no-final-newline":
        return text.rstrip("\n").encode("utf-8")
    return text.encode("utf-8")


def run_case(case: Path, folder: Path, dress: str, *extra: str) -> tuple[bytes, str]:
    shutil.copy(FIXTURES / "facts" / "basic.yaml", folder / "basic.yaml")
    article = folder / "a.md"
    article.write_bytes(dressed((case / "input.md").read_text("utf-8"), dress))
    flags = (case / "flags").read_text("utf-8").split()
    result = run_cli("check", "a.md", "--fix", *flags, *extra, cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return article.read_bytes(), result.stdout


@pytest.mark.parametrize("dress", ["as-is", "crlf-bom", "no-final-newline"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fix_fixture(case: Path, dress: str, tmp_path: Path) -> None:
    expected = dressed((case / "expected.md").read_text("utf-8"), dress)
    fixed, _ = run_case(case, tmp_path, dress)
    assert fixed == expected
    (tmp_path / "a.md").write_bytes(fixed)
    rerun = run_cli("check", "a.md", "--fix", "--show-fixes",
                    *(case / "flags").read_text("utf-8").split(), cwd=tmp_path)  # fmt: skip
    assert (tmp_path / "a.md").read_bytes() == expected, "a second run changed the file"
    assert "No problems fixed." in rerun.stdout


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_dry_run_prints_the_diff_and_writes_nothing(case: Path, tmp_path: Path) -> None:
    before = (case / "input.md").read_text("utf-8")
    after = (case / "expected.md").read_text("utf-8")
    shutil.copy(FIXTURES / "facts" / "basic.yaml", tmp_path / "basic.yaml")
    (tmp_path / "a.md").write_text(before, "utf-8")
    flags = (case / "flags").read_text("utf-8").split()
    result = run_cli("check", "a.md", "--fix", "--dry-run", *flags, cwd=tmp_path)
    assert (tmp_path / "a.md").read_text("utf-8") == before
    expected = "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), "a.md", "a.md"
        )
    )
    assert result.stdout == expected
    assert result.returncode == (1 if expected else 0)


def test_fixing_keeps_permissions_and_leaves_no_temporary(tmp_path: Path) -> None:
    case = FIXTURES / "fixes" / "citations-safe"
    shutil.copy(case / "input.md", tmp_path / "a.md")
    os.chmod(tmp_path / "a.md", 0o640)
    run_cli("check", "a.md", "--fix", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text("utf-8") == (case / "expected.md").read_text("utf-8")
    assert os.stat(tmp_path / "a.md").st_mode & 0o777 == 0o640
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".encyclint-")]


def test_fixes_in_json_and_sarif(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "facts" / "basic.yaml", tmp_path / "basic.yaml")
    (tmp_path / "a.md").write_text("# T\n\nStalin died in 1954.[@westad1998]\n", "utf-8")
    report = json.loads(
        run_cli("check", "a.md", "--facts", "basic.yaml", "--format", "json", cwd=tmp_path).stdout
    )
    assert_valid_report(report)
    (fct001,) = [d for d in report["diagnostics"] if d["code"] == "FCT001"]
    assert fct001["fix"] == {
        "applicability": "unsafe",
        "message": "Replace `1954` with `1953`",
        "edits": [{"line": 3, "column": 16, "end_line": 3, "end_column": 20, "content": "1953"}],
    }
    sarif = json.loads(
        run_cli("check", "a.md", "--facts", "basic.yaml", "--format", "sarif", cwd=tmp_path).stdout
    )
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "FCT001"]
    (change,) = result["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "a.md"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 3, "startColumn": 16, "endLine": 3, "endColumn": 20},
            "insertedContent": {"text": "1953"},
        }
    ]
    from tests.test_formats import validate_sarif

    validate_sarif(sarif, FIXTURES / "sarif-2.1.0.json")


def _diagnostic(line: int, start: int, end: int, content: str) -> Diagnostic:
    edit = Edit(Span(line, start, line, end), content)
    return Diagnostic("a.md", edit.span, "FCT001", "error", "m", fix=Fix("safe", (edit,), "m"))


def test_overlapping_fixes_wait_for_the_next_pass() -> None:
    text = "abcdef\r\nghij"
    first, overlapping, later = (
        _diagnostic(1, 2, 5, "X"), _diagnostic(1, 4, 6, "Y"), _diagnostic(2, 1, 2, "Z"),
    )  # fmt: skip
    chosen = choose(text, [(d, d.fix) for d in (later, overlapping, first)])  # type: ignore[misc]
    assert [d for d, _ in chosen] == [first, later]
    assert apply_edits(text, [e for _, f in chosen for e in f.edits]) == "aXef\r\nZhij"
    passes: list[str] = []

    def relint(changed: str) -> list[Diagnostic]:
        passes.append(changed)
        return [_diagnostic(1, 3, 4, "Y")] if len(passes) == 1 else []

    fixed = fix_text(text, [first, overlapping, later], relint)
    assert (fixed.text, fixed.passes, len(fixed.fixed)) == ("aXYf\r\nZhij", 2, 3)


def test_passes_are_bounded() -> None:
    def relint(changed: str) -> list[Diagnostic]:
        return [_diagnostic(1, 1, 1, "x")]  # a fix that never resolves its finding

    fixed = fix_text("a", [_diagnostic(1, 1, 1, "x")], relint, max_passes=4)
    assert (fixed.passes, fixed.text) == (4, "xxxxa")


def test_seed_article_unsafe_fixes_correct_every_single_valued_fact(tmp_path: Path) -> None:
    article = tmp_path / "seed.md"
    shutil.copy(SEED, article)
    facts = str(ROOT / "facts")
    before = json.loads(
        run_cli("check", "seed.md", "--facts", facts, "--format", "json", cwd=tmp_path).stdout
    )
    contradicted = [d for d in before["diagnostics"] if d["code"] == "FCT001"]
    single = [d for d in contradicted if "–" not in d["fact"]["value"]]
    ranged = [d for d in contradicted if "–" in d["fact"]["value"]]
    assert len(single) >= 5 and len(ranged) >= 3
    assert all("fix" in d for d in single) and not any("fix" in d for d in ranged)
    run_cli("check", "seed.md", "--facts", facts, "--fix", "--unsafe-fixes", cwd=tmp_path)
    fixed = article.read_bytes()
    after = json.loads(
        run_cli("check", "seed.md", "--facts", facts, "--format", "json", cwd=tmp_path).stdout
    )
    left = [d for d in after["diagnostics"] if d["code"] == "FCT001"]
    assert {d["fact"]["id"] for d in left} == {d["fact"]["id"] for d in ranged}
    assert "August 8, 1945" in article.read_text("utf-8")
    original = SEED.read_bytes().split(b"\n")
    assert len(fixed.split(b"\n")) == len(original) and not fixed.endswith(b"\n")
    second = run_cli("check", "seed.md", "--facts", facts, "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert article.read_bytes() == fixed and second.returncode == 1
