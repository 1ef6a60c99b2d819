"""What CI sees: fact-table findings in every format with the report still written,
--fail-on for links and audit, and --diff REF as the findings a change introduced,
against real git repositories."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from tests.gitrepo import commit_all, git, new_repo
from tests.helpers import FIXTURES, run_cli
from tests.linkserver import serve

BROKEN = "sources:\n  s: {citation: A book.}\nfacts:\n  - id: x\n    keywords: [a]\n    date: someday\n    sources: [s]\n"


def sarif_schema_validate(log: dict[str, object]) -> None:
    schema = json.loads((FIXTURES / "sarif-2.1.0.json").read_text("utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)


def test_table_errors_become_annotations_and_a_written_sarif_file(tmp_path: Path) -> None:
    tmp_path = new_repo(tmp_path / "repo")  # the work tree's top is the root, from any folder
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text("# A\n\nStalin died in 1953.[^a]\n\n[^a]: S.\n", "utf-8")
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "t.yaml").write_text(BROKEN, "utf-8")
    github = run_cli("check", "--format", "github", cwd=tmp_path / "articles")
    assert github.returncode == 2, github.stderr
    assert github.stdout.startswith("::error file=facts/t.yaml,line=6,col=1,endLine=6,endColumn=18,title=TBL001::")
    assert "facts/t.yaml:6: TBL001" in github.stderr and "Traceback" not in github.stderr
    sarif = run_cli("check", "--format", "sarif", "--output", "out.sarif", cwd=tmp_path)
    assert sarif.returncode == 2 and sarif.stdout == ""
    log = json.loads((tmp_path / "out.sarif").read_text("utf-8"))
    sarif_schema_validate(log)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "TBL001" and result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "facts/t.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 6
    text = run_cli("check", cwd=tmp_path)
    assert text.returncode == 2 and text.stdout == ""  # on a terminal: the error lines only
    assert "facts/t.yaml:6: TBL001" in text.stderr


@pytest.mark.timeout(120)
def test_links_and_audit_take_fail_on(tmp_path: Path) -> None:
    with serve() as server:
        (tmp_path / "a.md").write_text(f"# A\n\nA claim.[1]\n\n## References\n\n1. <{server}/missing>\n", "utf-8")
        default = run_cli("links", "a.md", "--no-cache", "--timeout", "1", cwd=tmp_path)
        strict = run_cli("links", "a.md", "--no-cache", "--timeout", "1", "--fail-on", "warning", cwd=tmp_path)
    assert "LNK001" in default.stdout and default.returncode == 0, default.stdout + default.stderr
    assert "LNK001" in strict.stdout and strict.returncode == 1
    (tmp_path / "b.md").write_text("# B\n\nMao arrived.[^gone]\n", "utf-8")
    audit = run_cli("audit", "b.md", cwd=tmp_path)
    assert audit.returncode == 0, audit.stderr
    assert run_cli("audit", "b.md", "--fail-on", "error", cwd=tmp_path).returncode == 1
    assert run_cli("audit", "b.md", "--fail-on", "never", cwd=tmp_path).returncode == 0
    assert "default: never" in " ".join(run_cli("audit", "--help").stdout.split())


ARTICLE = "# Stalin\n\n## Death\n\nStalin died on March 5, 1953.[^westad1998]\n\n[^westad1998]: Westad, *Brothers in Arms*, 1998.\n"


def repository(tmp_path: Path) -> Path:
    repo = new_repo(tmp_path / "repo")
    (repo / "articles").mkdir()
    (repo / "facts").mkdir()
    (repo / "articles" / "stalin.md").write_text(ARTICLE, "utf-8")
    (repo / "articles" / "other.md").write_text("# Other\n\nMao arrived in Moscow.[^gone]\n", "utf-8")
    shutil.copy(FIXTURES / "facts" / "basic.yaml", repo / "facts" / "basic.yaml")
    commit_all(repo, "articles and facts")
    return repo


def test_diff_reports_an_untouched_article_a_fact_edit_contradicts(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    git(repo, "switch", "-q", "-c", "fact-edit")
    table = (repo / "facts" / "basic.yaml").read_text("utf-8").replace("1953-03-05", "1953-03-06")
    (repo / "facts" / "basic.yaml").write_text(table, "utf-8")
    commit_all(repo, "a fact edit")
    before = set((repo / "articles").iterdir())
    result = run_cli("check", "--diff", "main", "--format", "github", cwd=repo)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout  # not the dangling marker that was already there
    assert lines[0].startswith("::error file=articles/stalin.md,line=5,col=")
    assert "title=FCT001" in lines[0] and "stalin-death" in lines[0]
    assert set((repo / "articles").iterdir()) == before
    assert git(repo, "status", "--porcelain").stdout == ""  # the work tree was not touched
    from_folder = run_cli("check", ".", "--diff", "main", "--format", "github", cwd=repo / "articles")
    assert from_folder.stdout == result.stdout


def test_diff_does_not_report_a_finding_again_because_its_line_was_edited(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    git(repo, "switch", "-q", "-c", "edit")
    other = repo / "articles" / "other.md"
    other.write_text("# Other\n\nIntro.\n\nMao arrived in Moscow, by train.[^gone]\n", "utf-8")
    commit_all(repo, "edit the line with the dangling marker")
    result = run_cli("check", "--diff", "main", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["diagnostics"] == []
    other.write_text("# Other\n\nMao arrived in Moscow, by train.[^gone][^new]\n", "utf-8")
    (repo / "articles" / "new.md").write_text("# N\n\nKhrushchev spoke.[^nine]\n", "utf-8")
    added = run_cli("check", "--diff", "main", "--format", "json", cwd=repo)
    found = [(d["path"], d["message"]) for d in json.loads(added.stdout)["diagnostics"]]
    assert found == [
        ("articles/new.md", "citation marker [^nine] has no definition"),
        ("articles/other.md", "citation marker [^new] has no definition"),
    ]


def test_diff_errors_name_the_ref_and_say_what_to_do(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    unknown = run_cli("check", "--diff", "no-such-branch", cwd=repo)
    assert unknown.returncode == 2 and "'no-such-branch'" in unknown.stderr
    assert "unknown revision" in unknown.stderr and "Traceback" not in unknown.stderr
    (tmp_path / "elsewhere.md").write_text(ARTICLE, "utf-8")
    outside = run_cli("check", str(tmp_path / "elsewhere.md"), "--diff", "main", cwd=repo)
    assert outside.returncode == 2 and "outside the git repository" in outside.stderr
    assert "elsewhere.md" in outside.stderr
    inside = run_cli("check", str(repo / "articles"), "--diff", "main", cwd=tmp_path)
    assert inside.returncode == 0, inside.stderr  # run from outside, the paths inside: fine
    assert "No problems in 2 files" in inside.stdout  # main against main: nothing introduced
    git(repo, "switch", "-q", "-c", "feature")
    (repo / "articles" / "third.md").write_text("# T\n\nA claim.[^t]\n", "utf-8")
    commit_all(repo, "third")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", repo.as_uri(), str(shallow))
    git(shallow, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    (shallow / "articles" / "third.md").write_text("# T\n\nA claim.[^t][^u]\n", "utf-8")
    no_base = run_cli("check", "--diff", "origin/main", cwd=shallow)
    assert no_base.returncode == 2, no_base.stdout + no_base.stderr
    assert "shallow clone" in no_base.stderr and "fetch-depth: 0" in no_base.stderr


def test_github_annotations_name_files_from_the_repository_top(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "monorepo")
    site = repo / "wiki"
    (site / "articles").mkdir(parents=True)
    (site / "articles" / "a.md").write_text("# A\n\nMao arrived.[^gone]\n", "utf-8")
    (site / "encyclint.toml").write_text('paths = ["articles"]\nfacts = []\n', "utf-8")
    text = run_cli("check", "--format", "concise", cwd=site / "articles")
    assert text.stdout.startswith("articles/a.md:3:")  # relative to the project root
    github = run_cli("check", "--format", "github", cwd=site / "articles")
    assert github.stdout.startswith("::error file=wiki/articles/a.md,line=3,"), github.stdout


def test_diff_against_a_base_whose_config_is_broken_counts_every_finding(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    (repo / "encyclint.toml").write_text("paths = [\n", "utf-8")
    commit_all(repo, "a broken config")
    git(repo, "switch", "-q", "-c", "fixed")
    (repo / "encyclint.toml").write_text('paths = ["articles"]\n', "utf-8")
    commit_all(repo, "config fixed")
    result = run_cli("check", "--diff", "main", "--format", "github", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert "base revision" in result.stderr and "every finding counts as introduced" in result.stderr
    assert "file=articles/other.md" in result.stdout  # the old dangling marker is new to it
