"""The link checker is bounded in wall-clock time and never crashes on a server's answer.

Against a real HTTP server on 127.0.0.1 that drips its headers or body, sends 100 Continue
forever, rate-limits, redirects to an invalid URL or to a private address. Deadlines are
short, so that no test waits long.
"""

from __future__ import annotations

import ipaddress
import json
import time
from pathlib import Path

import pytest

from linter.cache import Cache, digest
from linter.links import LinkChecker, LinkStatus, Options
from tests.helpers import run_cli
from tests.linkserver import Handler, serve


def article(folder: Path, *urls: str) -> None:
    references = "\n".join(f"{n}. <{url}>" for n, url in enumerate(urls, 1))
    (folder / "a.md").write_text(f"# A\n\nText.[1]\n\n## References\n\n{references}\n", "utf-8")


def links_json(folder: Path, *extra: str) -> tuple[int, dict[str, dict[str, str]], str, float]:
    started = time.monotonic()
    # --fail-on warning: a dead link (a warning) is exit 1, as these tests expect
    result = run_cli("links", "a.md", "--format", "json", "--fail-on", "warning", *extra, cwd=folder)
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.stderr, result.stderr
    report = json.loads(result.stdout)
    found = {
        d["message"].split()[0 if d["code"] == "LNK003" else 2]: d for d in report["diagnostics"]
    }
    return result.returncode, found, result.stderr, elapsed


@pytest.mark.timeout(30)
@pytest.mark.parametrize("path", ["/drip-headers", "/drip-body", "/continue"])
def test_a_dripping_server_holds_one_url_no_longer_than_its_timeout(
    tmp_path: Path, path: str
) -> None:
    with serve() as server:
        article(tmp_path, server + path, server + "/ok")
        code, found, _, elapsed = links_json(
            tmp_path, "--no-cache", "--timeout", "1", "--fail-on", "warning"
        )
    assert elapsed < 6
    assert code == 1
    assert set(found) == {server + path}
    assert found[server + path]["code"] == "LNK001"
    assert "no whole answer within 1 s" in found[server + path]["message"]


@pytest.mark.timeout(30)
def test_the_run_stops_at_its_deadline_and_says_what_was_not_checked(tmp_path: Path) -> None:
    with serve() as server:
        urls = [f"{server}/drip-headers?{n}" for n in range(12)]  # more than the workers
        article(tmp_path, *urls)
        code, found, _, elapsed = links_json(tmp_path, "--no-cache", "--timeout", "30",
                                             "--deadline", "1", "--fail-on", "warning")  # fmt: skip
    assert elapsed < 6
    assert code == 0  # not checked is not dead
    assert set(found) == set(urls)
    assert all(d["code"] == "LNK003" and "--deadline passed" in d["message"]
               for d in found.values())  # fmt: skip


@pytest.mark.timeout(30)
def test_a_host_asking_to_wait_long_is_asked_once(tmp_path: Path) -> None:
    with serve() as server:
        urls = [f"{server}/rate-long", f"{server}/rate-other", f"{server}/ok"]
        checker = LinkChecker(Options(timeout=2, workers=1, backoff=0.01))
        started = time.monotonic()
        statuses = checker.check(urls)
        elapsed = time.monotonic() - started
        asked = Handler.counts["/rate-long"] + Handler.counts["/rate-other"] + Handler.counts["/ok"]
    assert elapsed < 3
    assert asked == 1  # the first 429 ends the host's run: its other URLs are not asked
    assert all(s.state == "unchecked" for s in statuses.values())
    assert "rate-limiting (HTTP 429, Retry-After 3600 s)" in statuses[urls[0]].reason


@pytest.mark.timeout(30)
def test_odd_answers_and_invalid_urls_are_findings_not_crashes(tmp_path: Path) -> None:
    with serve() as server:
        urls = ["http://[oops/x", f"{server}/bad-location", f"{server}/rate-odd", f"{server}/ok"]
        article(tmp_path, *urls)
        code, found, _, _ = links_json(
            tmp_path, "--no-cache", "--timeout", "2", "--fail-on", "warning"
        )
    assert code == 1
    assert found["http://[oops/x"]["code"] == "LNK001"
    assert "invalid URL" in found["http://[oops/x"]["message"]
    assert "redirects to an invalid URL" in found[f"{server}/bad-location"]["message"]
    assert found[f"{server}/rate-odd"]["code"] == "LNK003"  # Retry-After: ² is no number
    assert f"{server}/ok" not in found


def test_a_fact_table_source_url_is_validated(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        "sources:\n  s:\n    citation: A book.\n    url: http://[oops/x\n"
        "facts:\n  - {id: x, keywords: [Stalin], date: 1953, sources: [s]}\n",
        "utf-8",
    )
    result = run_cli("facts", "validate", "t.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "t.yaml:4: TBL001 sources.s.url: invalid URL: Invalid IPv6 URL" in result.stderr


@pytest.mark.timeout(30)
def test_no_redirect_from_a_public_host_to_a_private_address() -> None:
    """127.0.0.1 plays the public host; 127.0.0.2 the private address (both loopback)."""
    with serve() as public, serve("127.0.0.2", clear=False) as private:
        Handler.private_target = f"{private}/private-ok"
        is_private = {ipaddress.ip_address("127.0.0.2")}.__contains__
        checker = LinkChecker(Options(timeout=2, private=is_private))
        statuses = checker.check([f"{public}/to-private", f"{private}/private-ok"])
        followed = Handler.counts["/private-ok"]
    redirected = statuses[f"{public}/to-private"]
    assert (redirected.state, redirected.reason) == ("dead", "redirect to a private address")
    assert statuses[f"{private}/private-ok"].state == "ok"  # a direct link stays checked
    assert followed == 1  # only the direct request reached the private address


@pytest.mark.timeout(30)
def test_offline_links_are_not_checked_and_not_cached(tmp_path: Path) -> None:
    article(tmp_path, "https://nowhere.invalid/a", "http://also-nowhere.invalid/b")
    code, found, stderr, _ = links_json(tmp_path)
    assert code == 0
    assert stderr.count("the network is unreachable") == 1
    assert {d["code"] for d in found.values()} == {"LNK003"}
    assert not (tmp_path / ".encyclint_cache" / "links").exists()


@pytest.mark.timeout(30)
def test_damaged_link_caches_are_cold_caches(tmp_path: Path) -> None:
    with serve() as server:
        url = f"{server}/ok"
        article(tmp_path, url)
        folder = tmp_path / ".encyclint_cache"
        folder.write_text("a file, not a folder", "utf-8")
        code, found, stderr, _ = links_json(tmp_path)
        assert (code, found) == (0, {}) and "not used as a cache" in stderr
        folder.unlink()
        cache = Cache(str(folder))
        for checked_at in ("yesterday", None, float("nan")):  # signed, so only odd, not forged
            cache.put("links", digest(url), LinkStatus(url, "dead", 404, "HTTP 404", None,
                                                       checked_at))  # type: ignore[arg-type]  # fmt: skip
            code, found, stderr, _ = links_json(tmp_path)
            assert (code, found, stderr) == (0, {}, "")  # asked again: the entry was a miss
        assert Handler.counts["/ok"] >= 4
