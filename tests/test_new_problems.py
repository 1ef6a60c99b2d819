"""Only new problems: baselines and --diff, against real git repositories."""

from __future__ import annotations

import json
from pathlib import Path

from tests.gitrepo import commit_all, git, new_repo
from tests.helpers import run_cli

OLD = "# T\n\n## History\n\nStalin died in 1953.[1] Mao arrived in 1949.[2]\n"


def codes_and_lines(stdout: str) -> list[tuple[str, int]]:
    report = json.loads(stdout)
    return [(d["code"], d["line"]) for d in report["diagnostics"]]


def test_baseline_reports_only_the_new_finding_after_lines_moved(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    (repo / "a.md").write_text(OLD, "utf-8")
    written = run_cli("check", "a.md", "--write-baseline", "baseline.json", cwd=repo)
    assert written.returncode == 0 and "Wrote 2 findings" in written.stderr
    baseline = json.loads((repo / "baseline.json").read_text("utf-8"))
    assert [e["code"] for e in baseline["findings"]] == ["CIT001", "CIT001"]
    assert baseline["findings"] == sorted(baseline["findings"], key=lambda e: (e["path"], e["code"], e["section"], e["text"]))
    commit_all(repo, "baseline")
    moved = "# T\n\nA new first paragraph.\n\nAnd another.\n\n## History\n\n"
    moved += "Stalin died in 1953.[1] Mao arrived in 1949.[2] Khrushchev spoke in 1956.[3]\n"
    (repo / "a.md").write_text(moved, "utf-8")
    result = run_cli("check", "a.md", "--baseline", "baseline.json", "--format", "json", cwd=repo)
    assert result.returncode == 1
    assert codes_and_lines(result.stdout) == [("CIT001", 9)]
    assert "[3]" in json.loads(result.stdout)["diagnostics"][0]["message"]


def test_baseline_errors_are_clear(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(OLD, "utf-8")
    (tmp_path / "bad.json").write_text("{", "utf-8")
    missing = run_cli("check", "a.md", "--baseline", "nope.json", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.json: no such baseline file" in missing.stderr
    broken = run_cli("check", "a.md", "--baseline", "bad.json", cwd=tmp_path)
    assert broken.returncode == 2 and "bad.json:1: baseline is not valid JSON" in broken.stderr


def test_diff_reports_only_introduced_findings_and_new_files(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    (repo / "articles").mkdir()
    (repo / "articles" / "a.md").write_text(OLD + "\nKhrushchev spoke in 1956.[3]\n", "utf-8")
    commit_all(repo, "first")
    text = (repo / "articles" / "a.md").read_text("utf-8").replace("1956.[3]", "1956.[3][4]")
    (repo / "articles" / "a.md").write_text(text, "utf-8")
    (repo / "articles" / "new.md").write_text("# N\n\nMao arrived in 1949.[9]\n", "utf-8")
    result = run_cli("check", "articles", "--select", "CIT001", "--diff", "HEAD", "--format", "json", cwd=repo)
    report = json.loads(result.stdout)
    found = [(d["path"], d["line"], d["message"]) for d in report["diagnostics"]]
    assert found == [  # [3] stood on that line before: not introduced, though the line changed
        ("articles/a.md", 7, "citation marker [4] has no definition"),
        ("articles/new.md", 3, "citation marker [9] has no definition"),
    ]
    git(repo, "add", "-A")
    staged = run_cli("check", "articles", "--select", "CIT001", "--diff", "HEAD", cwd=repo)
    assert staged.stdout.count("CIT001") == 2


def test_diff_with_a_bad_ref_is_exit_2(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    (repo / "a.md").write_text(OLD, "utf-8")
    commit_all(repo, "first")
    result = run_cli("check", "a.md", "--diff", "no-such-ref", cwd=repo)
    assert result.returncode == 2 and "--diff" in result.stderr and "Traceback" not in result.stderr
