"""The corpus audit: per-article standing, corpus-wide rules, JSON schema."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, run_cli, validator

CORPUS_FIXTURES = sorted(p for p in (FIXTURES / "corpus").iterdir() if p.is_dir())


def audit_json(folder: Path, *args: str, paths: tuple[str, ...] = (".",)) -> dict[str, object]:
    facts = ["--facts", "facts.yaml"] if (folder / "facts.yaml").exists() else []
    result = run_cli("audit", *paths, "--format", "json", *facts, *args, cwd=folder)
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    validator("audit").validate(report)
    return report


def _in_fixture(path: str, name: str) -> str:
    """A path as the fixture's expect.txt writes it: relative to the fixture's folder (run
    from outside any project, the root is the folder above it)."""
    return Path(path).as_posix().removeprefix("./").removeprefix(f"{name}/")


@pytest.mark.parametrize("fixture", CORPUS_FIXTURES, ids=[p.name for p in CORPUS_FIXTURES])
def test_corpus_rule_fixture(fixture: Path, tmp_path: Path) -> None:
    folder = tmp_path / fixture.name  # outside the project, so its config and facts stay out
    shutil.copytree(fixture, folder)
    expected = sorted(line.split() for line in (folder / "expect.txt").read_text().splitlines() if line)
    report = audit_json(folder, "--select", folder.name[:6])
    # each line: the code, the place, then the related places (the earlier claim)
    found = sorted(
        [d["code"], *(f"{_in_fixture(p['path'], folder.name)}:{p['line']}:{p['column']}"
                      for p in [d, *d.get("related", [])])]
        for d in report["corpus_diagnostics"]  # type: ignore[attr-defined]
    )  # fmt: skip
    assert found == expected


def test_planted_disagreement_is_found_with_and_without_a_fact(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "corpus" / "COR002-via-fact", tmp_path / "with")
    shutil.copytree(FIXTURES / "corpus" / "COR002-via-fact", tmp_path / "without")
    (tmp_path / "without" / "facts.yaml").unlink()
    with_fact = audit_json(tmp_path / "with", "--select", "COR002,COR003")
    without = audit_json(tmp_path / "without", "--select", "COR002,COR003")
    assert [d["code"] for d in with_fact["corpus_diagnostics"]] == ["COR002"]  # type: ignore[index]
    assert [d["code"] for d in without["corpus_diagnostics"]] == ["COR003"]  # type: ignore[index]
    message = without["corpus_diagnostics"][0]["message"]  # type: ignore[index]
    assert "\"1.65 million Soviet troops\" disagrees with \"1.5 million Soviet troops\"" in message


def test_audit_of_the_project_articles() -> None:
    report = audit_json(ROOT, paths=("articles",))
    totals = report["totals"]
    assert totals["claims"] == totals["verified"] >= 50  # type: ignore[index]
    assert totals["coverage"] == 1.0  # type: ignore[index]
    text = run_cli("audit", "articles").stdout
    assert text.splitlines()[0].startswith("article") and "coverage" in text.splitlines()[0]
    assert "articles/sino-soviet-split.md" in text and "100%" in text


def test_worst_article_comes_first(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# G\n\nStalin died in 1953.[^a]\n\n[^a]: Source.\n", "utf-8")
    (tmp_path / "bad.md").write_text("# B\n\nStalin died in 1953. Mao arrived in 1949.[9]\n", "utf-8")
    report = audit_json(tmp_path)
    paths = [a["path"] for a in report["articles"]]  # type: ignore[attr-defined]
    assert paths[0].endswith("bad.md")
    first = report["articles"][0]  # type: ignore[index]
    assert (first["claims"], first["uncited"], first["dangling"], first["markers"]) == (2, 1, 1, 1)


def test_no_progress_bar_when_piped(tmp_path: Path) -> None:
    for number in range(60):
        (tmp_path / f"a{number}.md").write_text("# A\n\nText.\n", "utf-8")
    result = run_cli("audit", ".", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""


def test_a_contradiction_the_fact_settles_is_reported_once_on_the_wrong_side(tmp_path: Path) -> None:
    folder = tmp_path / "settled"
    shutil.copytree(FIXTURES / "corpus" / "COR002-settled-by-fact", folder)
    result = run_cli("check", ".", "--facts", "facts.yaml", "--format", "json", "--no-cache", cwd=folder)
    found = json.loads(result.stdout)["diagnostics"]
    wrong = [(Path(d["path"]).name, d["line"]) for d in found if d["code"] == "FCT001"]
    assert wrong == [("a.md", 3)]  # the article that says 1951; b.md's 1953 is verified
    report = audit_json(folder, "--select", "COR002,FCT001")
    assert report["corpus_diagnostics"] == []


def test_report_groups_corpus_findings_by_their_related_claim(tmp_path: Path) -> None:
    """Three articles contradicting one unsourced claim are one COR003 group, keyed by the
    earlier claim the findings carry as their related place, not read from their messages."""
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus" / "COR003-without-fact", folder)
    text = (folder / "b.md").read_text("utf-8")
    (folder / "c.md").write_text(text.replace("4,000", "5,000"), "utf-8")
    result = run_cli("audit", ".", "--select", "COR003", "--html", "report", "-o", os.devnull,
                     cwd=folder)  # fmt: skip
    assert result.returncode == 0, result.stderr
    index = (folder / "report" / "index.html").read_text("utf-8")
    rows = re.findall(r'<tr data-code="COR003">(.*?)</tr>', index)
    assert len(rows) == 1, rows
    cells = re.findall(r"<td>(.*?)</td>", rows[0])
    assert cells[1] == html.escape('count "8,000 cadets" in a.md:3:29')
    assert cells[2] == "2"
