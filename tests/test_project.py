"""One project root: config discovery, file selection and one spelling of every path,
whichever folder encyclint runs from, in real git repositories."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema

from tests.gitrepo import new_repo
from tests.helpers import FIXTURES, assert_valid_report, run_cli

CONTRADICTED = "# S\n\nStalin died in 1954.[^w]\n\n[^w]: Westad, 1998.\n"
DANGLING = "# D\n\nMao arrived in Moscow.[^gone]\n"


def project(tmp_path: Path, config: str = "") -> Path:
    """A repository holding more than articles: README, docs, drafts, a fact table."""
    repo = new_repo(tmp_path / "wiki")
    for name, text in {
        "README.md": "# Wiki\n\nStalin died in 1999.[^nope]\n",
        "CHANGELOG.md": "# Changes\n\n- 2024: 12 articles.[^x]\n",
        "docs/guide.md": "# Guide\n\nSee [^y].\n",
        "articles/a.md": CONTRADICTED,
        "articles/b.md": DANGLING,
        "articles/drafts/wip.md": DANGLING,
    }.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, "utf-8")
    (repo / "facts").mkdir()
    shutil.copy(FIXTURES / "facts" / "basic.yaml", repo / "facts" / "basic.yaml")
    (repo / "encyclint.toml").write_text(config or 'exclude = ["articles/drafts/**"]\n', "utf-8")
    return repo


def paths_in(output: str, output_format: str) -> list[str]:
    """The file of each finding, in order, each once."""
    if output_format == "json":
        report = json.loads(output)
        assert_valid_report(report)
        paths = [d["path"] for d in report["diagnostics"]]
    elif output_format == "sarif":
        results = json.loads(output)["runs"][0]["results"]
        paths = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    elif output_format == "github":
        paths = [line.split("file=")[1].split(",")[0] for line in output.splitlines()]
    else:
        paths = [m.group(1) for m in re.finditer(r"^(\S+?):\d+:\d+: ", output, re.M)]
    return list(dict.fromkeys(paths))


def test_same_relative_paths_from_root_subfolder_and_dot_slash(tmp_path: Path) -> None:
    repo = project(tmp_path)
    for output_format in ("text", "json", "github", "sarif"):
        runs = [
            run_cli("check", "--format", output_format, cwd=repo),
            run_cli("check", "--format", output_format, cwd=repo / "articles"),
            run_cli("check", "./articles", "--format", output_format, cwd=repo),
            run_cli("check", ".", "--format", output_format, cwd=repo / "articles"),
        ]
        seen = []
        for result in runs:
            assert result.returncode == 1, result.stderr
            assert "no fact table" not in result.stderr
            seen.append(paths_in(result.stdout, output_format))
        assert seen[0] == ["articles/a.md", "articles/b.md"], (output_format, seen[0])
        assert all(s == seen[0] for s in seen), (output_format, seen)


def test_sarif_uses_relative_uris_against_srcroot_and_validates(tmp_path: Path) -> None:
    repo = project(tmp_path)
    log = json.loads(run_cli("check", "--format", "sarif", cwd=repo / "articles").stdout)
    schema = json.loads((FIXTURES / "sarif-2.1.0.json").read_text("utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%"
        assert not location["uri"].startswith(("/", "file:"))


def test_fact_table_found_from_a_subfolder_and_baseline_keys_do_not_depend_on_cwd(tmp_path: Path) -> None:
    repo = project(tmp_path)
    written = run_cli("check", "--write-baseline", "base.json", cwd=repo)
    assert written.returncode == 0, written.stderr
    entries = json.loads((repo / "base.json").read_text("utf-8"))["findings"]
    assert {e["path"] for e in entries} == {"articles/a.md", "articles/b.md"}
    assert any(e["code"] == "FCT001" for e in entries)  # the table at the root was found
    again = run_cli("check", ".", "--baseline", "../base.json", cwd=repo / "articles")
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.startswith("No problems in 2 files") and "1 claim checked." in again.stdout


def test_no_fact_table_is_one_warning_and_no_claims_checked(tmp_path: Path) -> None:
    repo = project(tmp_path)
    shutil.rmtree(repo / "facts")
    result = run_cli("check", "articles/a.md", cwd=repo)
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "no fact table found" in warnings[0], result.stderr
    assert "FCT" in warnings[0]
    assert "claims checked" not in result.stdout
    assert "FCT001" not in result.stdout
    quiet = run_cli("check", "articles/a.md", "--select", "CIT", cwd=repo)
    assert "no fact table" not in quiet.stderr  # no fact rule enabled: nothing to warn about


def test_encyclint_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    repo = project(tmp_path)
    (repo / "pyproject.toml").write_text('[tool.encyclint]\npaths = ["docs"]\n', "utf-8")
    shown = run_cli("check", "--show-settings", cwd=repo / "articles")
    assert shown.returncode == 0, shown.stderr
    settings = dict(line.split(": ", 1) for line in shown.stdout.splitlines())
    assert settings["root"] == str(repo.resolve())
    assert settings["config"] == str((repo / "encyclint.toml").resolve())
    assert settings["exclude"] == "articles/drafts/**"
    assert settings["facts"] == "facts/basic.yaml"
    assert "FCT001" in settings["rules"] and "COR001" not in settings["rules"]
    (repo / "encyclint.toml").unlink()
    (repo / ".encyclint.toml").write_text('paths = ["articles/drafts"]\n', "utf-8")
    hidden = run_cli("check", "--show-files", cwd=repo)
    assert hidden.stdout.splitlines() == ["articles/drafts/wip.md"]
    (repo / ".encyclint.toml").unlink()
    from_pyproject = run_cli("check", "--show-files", cwd=repo / "articles")
    assert from_pyproject.stdout.splitlines() == ["docs/guide.md"]


def test_exclude_has_gitignore_semantics_and_gitignore_is_respected(tmp_path: Path) -> None:
    repo = project(tmp_path, 'exclude = ["articles/*.md"]\n')
    (repo / "articles" / "drafts" / "deep").mkdir()
    (repo / "articles" / "drafts" / "deep" / "x.md").write_text(DANGLING, "utf-8")
    files = run_cli("check", "--show-files", cwd=repo).stdout.splitlines()
    assert files == ["articles/drafts/deep/x.md", "articles/drafts/wip.md"]  # * stops at /
    (repo / "encyclint.toml").write_text('exclude = ["articles/**/x.md"]\n', "utf-8")
    (repo / ".gitignore").write_text("wip.md\n", "utf-8")
    (repo / "articles" / "drafts" / ".gitignore").write_text("!wip.md\ndeep/\n", "utf-8")
    files = run_cli("check", "--show-files", cwd=repo / "docs").stdout.splitlines()
    assert files == ["articles/a.md", "articles/b.md", "articles/drafts/wip.md"]
    (repo / "articles" / "drafts" / ".gitignore").unlink()
    files = run_cli("check", "--show-files", cwd=repo).stdout.splitlines()
    assert files == ["articles/a.md", "articles/b.md"]  # ignored by the root's .gitignore
    (repo / ".gitignore").write_text("articles/drafts/\n", "utf-8")
    named = run_cli("check", "--show-files", "articles/drafts", cwd=repo).stdout.splitlines()
    assert named == ["articles/drafts/wip.md"], named  # a folder named is walked though ignored
    (repo / "encyclint.toml").write_text("respect-gitignore = false\n", "utf-8")
    files = run_cli("check", "--show-files", cwd=repo).stdout.splitlines()
    assert "articles/drafts/wip.md" in files and "articles/drafts/deep/x.md" in files


def test_force_exclude_keeps_only_configured_articles(tmp_path: Path) -> None:
    repo = project(tmp_path)
    given = ["README.md", "CHANGELOG.md", "docs/guide.md", "articles/b.md", "articles/drafts/wip.md"]
    result = run_cli("check", "--force-exclude", "--format", "json", *given, cwd=repo)
    assert paths_in(result.stdout, "json") == ["articles/b.md"]
    alone = run_cli("check", "--force-exclude", "README.md", "docs/guide.md", cwd=repo)
    assert alone.returncode == 0 and "No problems in 0 files" in alone.stdout, alone.stderr
    table = run_cli("check", "--force-exclude", "--format", "json", "facts/basic.yaml", "README.md", cwd=repo)
    assert paths_in(table.stdout, "json") == ["articles/a.md", "articles/b.md"]
    not_a_table = run_cli("check", "--force-exclude", ".pre-commit-config.yaml", cwd=repo)
    assert "No problems in 0 files" in not_a_table.stdout, not_a_table.stderr
    without = run_cli("check", "--format", "json", "README.md", cwd=repo)
    assert paths_in(without.stdout, "json") == ["README.md"]  # named without the flag: linted


def test_per_file_ignores_match_root_relative_paths_from_anywhere(tmp_path: Path) -> None:
    repo = project(tmp_path, '[per-file-ignores]\n"articles/b.md" = ["CIT001"]\n')
    for cwd in (repo, repo / "articles", repo / "docs"):
        result = run_cli("check", "--format", "json", cwd=cwd)
        codes = {(d["path"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]}
        assert ("articles/b.md", "CIT001") not in codes and ("articles/drafts/wip.md", "CIT001") in codes
