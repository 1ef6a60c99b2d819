"""The link checker against a real HTTP server on 127.0.0.1: no network needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.cache import Cache
from linter.links import LinkChecker, Options
from tests.helpers import FIXTURES, read_fixture, run_cli
from tests.linkserver import HUGE, Handler, serve

LINK_FIXTURES = sorted((FIXTURES / "links").glob("*.md"))


@pytest.mark.timeout(120)
@pytest.mark.parametrize("path", LINK_FIXTURES, ids=[p.name for p in LINK_FIXTURES])
def test_link_fixture(path: Path, tmp_path: Path) -> None:
    fixture = read_fixture(path)
    with serve() as server:
        article = tmp_path / path.name
        article.write_text(path.read_text("utf-8").replace("{server}", server), "utf-8")
        result = run_cli("links", article.name, "--no-cache", "--timeout", "1",
                         "--fail-on", "warning", cwd=tmp_path)  # fmt: skip
    found = sorted(
        (line.split(": ")[1].split()[0], int(line.split(":")[1]), int(line.split(":")[2]))
        for line in result.stdout.splitlines() if ": LNK" in line
    )  # fmt: skip
    assert found == fixture.expected, result.stdout + result.stderr
    assert result.returncode == (1 if any(c == "LNK001" for c, _, _ in found) else 0)


@pytest.mark.timeout(120)
def test_behaviours_in_detail() -> None:
    with serve() as server:
        checker = LinkChecker(Options(timeout=1, backoff=0.01))
        results = checker.check(f"{server}{p}" for p in
                                ("/ok", "/old", "/flaky", "/loop-a", "/huge", "/slow", "/rate"))  # fmt: skip
        status = {url.removeprefix(server): r for url, r in results.items()}
        assert status["/ok"].state == "ok"
        assert status["/old"].state == "moved" and status["/old"].final_url == f"{server}/ok"
        assert status["/flaky"].state == "ok" and Handler.counts["/flaky"] == 2
        assert status["/rate"].state == "ok" and Handler.counts["/rate"] == 2
        assert status["/loop-a"].reason == "redirect loop"
        assert status["/slow"].state == "dead" and "within 1 s" in status["/slow"].reason
        assert status["/huge"].state == "ok"
        assert Handler.body_bytes["/huge"] < HUGE // 2, "the body must not be read past the cap"


@pytest.mark.timeout(120)
def test_cache_spares_hosts_until_it_expires(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path / "cache"))
    with serve() as server:
        urls = [f"{server}/ok", f"{server}/missing"]
        LinkChecker(Options(cache=cache)).check(urls)
        asked = sum(Handler.counts.values())
        again = LinkChecker(Options(cache=cache)).check(urls)
        assert sum(Handler.counts.values()) == asked
        assert again[f"{server}/missing"].state == "dead"
        LinkChecker(Options(cache=cache, cache_seconds=0)).check(urls)
        assert sum(Handler.counts.values()) > asked


def test_only_http_is_fetched() -> None:
    checker = LinkChecker(Options())
    for url in ("ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)"):
        assert checker.check_one(url).state == "skipped"


@pytest.mark.timeout(120)
def test_audit_links_reports_dead_sources_of_articles_and_tables(tmp_path: Path) -> None:
    with serve() as server:
        (tmp_path / "a.md").write_text(
            f"# A\n\nStalin died in 1953.[1]\n\n## References\n\n1. <{server}/missing>\n", "utf-8"
        )
        (tmp_path / "facts.yaml").write_text(
            f"sources:\n  gone:\n    citation: A moved page.\n    url: {server}/old\n"
            "facts:\n  - {id: x, keywords: [Stalin], date: 1953, sources: [gone]}\n",
            "utf-8",
        )
        result = run_cli("audit", "a.md", "--facts", "facts.yaml", "--links", "--format", "json",
                         "--select", "LNK", cwd=tmp_path)  # fmt: skip
    report = json.loads(result.stdout)
    found = sorted((d["code"], Path(d["path"]).name, d["line"]) for d in report["corpus_diagnostics"])
    assert found == [("LNK001", "a.md", 7), ("LNK002", "facts.yaml", 4)]
    assert len(list((tmp_path / ".encyclint_cache" / "links").rglob("*"))) >= 2


@pytest.mark.timeout(120)
def test_fix_cites_moved_urls_by_their_new_address(tmp_path: Path) -> None:
    """``links --fix`` rewrites the moved URL in place (CRLF, BOM and the rest of the file
    kept byte for byte); a dead URL after it on the same line is then reported at its column
    in the fixed text. ``--dry-run`` prints the diff and writes nothing."""
    with serve() as server:
        text = (f"# Sources\r\n\r\nSigned in 1950.[1][2]\r\n\r\n## References\r\n\r\n"
                f"1. Moved: <{server}/old> 2. Dead: <{server}/missing>\r\n")  # fmt: skip
        article = tmp_path / "a.md"
        article.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        before = article.read_bytes()
        dry = run_cli("links", "a.md", "--dry-run", "--no-cache", "--timeout", "1", cwd=tmp_path)
        assert dry.returncode == 1, dry.stderr
        assert article.read_bytes() == before
        assert f"-1. Moved: <{server}/old>" in dry.stdout
        assert f"+1. Moved: <{server}/ok>" in dry.stdout
        assert "Would fix 1 problem." in dry.stderr
        fixed = run_cli("links", "a.md", "--fix", "--no-cache", "--timeout", "1",
                        "--format", "json", "--fail-on", "warning", cwd=tmp_path)  # fmt: skip
    assert article.read_bytes() == before.replace(b"/old>", b"/ok>")
    report = json.loads(fixed.stdout)
    left = [(d["code"], d["line"], d["column"]) for d in report["diagnostics"]]
    line = text.replace("/old>", "/ok>").split("\r\n")[6]
    assert left == [("LNK001", 7, line.index(f"{server}/missing") + 1)]
    assert report["summary"]["fixed"] == 1
    assert fixed.returncode == 1  # what is left still fails the run
