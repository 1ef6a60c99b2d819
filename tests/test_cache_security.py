"""Nothing a repository ships in .encyclint_cache can write outside it or hide a dead link."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from linter.cache import Cache, digest
from linter.links import LinkChecker, LinkStatus, Options
from tests.helpers import run_cli
from tests.linkserver import Handler, serve

ARTICLE = "# A\n\nStalin died in 1953.[1]\n\n## References\n\n1. <{url}>\n"


def everything_in(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("command", ["check", "links"])
def test_a_cache_folder_that_is_a_link_is_not_written_through(tmp_path: Path, command: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep me", "utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "a.md").write_text(ARTICLE.format(url="https://nowhere.invalid/x"), "utf-8")
    os.symlink(elsewhere, project / ".encyclint_cache")
    result = run_cli(command, "a.md", cwd=project)
    assert "Traceback" not in result.stderr
    assert ".encyclint_cache is a symbolic link, so it is not used as a cache" in result.stderr
    assert everything_in(elsewhere) == {"precious.txt": b"keep me"}


@pytest.mark.timeout(30)
def test_a_committed_cache_folder_is_ignored_and_its_links_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", "utf-8")
    project = tmp_path / "project"
    shipped = project / ".encyclint_cache"
    shipped.mkdir(parents=True)
    os.symlink(victim, shipped / "links.json.lock")  # what a repository could commit
    os.symlink(tmp_path, shipped / "results")
    (shipped / ".gitignore").write_text("# Created by encyclint.\n*\n", "utf-8")
    (project / "a.md").write_text(ARTICLE.format(url="https://nowhere.invalid/x"), "utf-8")
    for command in ("check", "links"):
        result = run_cli(command, "a.md", cwd=project)
        assert "was not created by encyclint here" in result.stderr
    assert victim.read_text("utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "victim.txt"]


def test_links_inside_our_own_cache_folder_are_not_followed(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path / "cache"))
    cache.put("results", "ab" + "0" * 62, "first")
    assert cache.refusal is None
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, tmp_path / "cache" / "links")  # planted later, e.g. by a git pull
    cache.put("links", "cd" + "0" * 62, "value")
    assert list(outside.iterdir()) == []
    planted = tmp_path / "cache" / "results" / "ab" / ("ab" + "1" * 62)
    os.symlink(tmp_path / "cache" / "results" / "ab" / ("ab" + "0" * 62), planted)
    assert cache.get("results", "ab" + "1" * 62) is None  # not read through a link


def test_an_entry_copied_under_another_name_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path / "cache"))
    one, other = "aa" + "1" * 62, "aa" + "2" * 62
    cache.put("results", one, "the result of one article")
    folder = tmp_path / "cache" / "results" / "aa"
    (folder / other).write_bytes((folder / one).read_bytes())
    assert cache.get("results", one) == "the result of one article"
    assert cache.get("results", other) is None


@pytest.mark.timeout(30)
def test_a_future_dated_or_foreign_link_entry_hides_nothing(tmp_path: Path) -> None:
    with serve() as server:
        url = f"{server}/missing"
        cache = Cache(str(tmp_path / "cache"))
        future = LinkStatus(url, "ok", 200, "HTTP 200", url, time.time() + 10 * 365 * 86_400)
        cache.put("links", digest(url), future)
        status = LinkChecker(Options(cache=cache)).check([url])[url]
        assert status.state == "dead" and Handler.counts["/missing"] >= 1
        asked = Handler.counts["/missing"]
        foreign = Cache(str(tmp_path / "cache"))
        foreign._key = b"someone else's key, as a repository would sign with"
        foreign._refusal = None
        foreign.put("links", digest(url), LinkStatus(url, "ok", 200, "HTTP 200", url, time.time()))
        status = LinkChecker(Options(cache=cache)).check([url])[url]
        assert status.state == "dead" and Handler.counts["/missing"] > asked
