"""Dead sources: every URL of the reference definitions and fact-table sources, checked politely.

HEAD first, GET when a server refuses HEAD (reading at most ``max_body`` bytes);
redirects followed by hand, at most ``max_redirects``, loops detected; retries with
exponential backoff for 429 and 5xx (honouring a short Retry-After); a time-out per
request; a bounded pool of workers and at most ``per_host`` requests to one host at a
time. Only http and https are fetched, and nothing is sent but the request: no
cookies, no referrer. Results are cached with an expiry, so a daily run does not hammer
hosts; the cache is written atomically under a lock, safe for concurrent runs.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from linter import __version__
from linter.diagnostic import Diagnostic, Severity
from linter.document import Span
from linter.output import write_atomic

if TYPE_CHECKING:
    import requests

    from linter.engine import ArticleResult, Settings

URL = re.compile(r"https?://[^\s<>\"'`]+[^\s<>\"'`.,;:)\]]")
_PERMANENT = (301, 308)
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class LinkStatus:
    url: str
    state: str
    """ok, dead, moved (a permanent redirect) or skipped."""
    code: int | None
    reason: str
    final_url: str | None = None
    checked_at: float = 0.0


@dataclass(slots=True)
class Options:
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    workers: int = 8
    per_host: int = 2
    max_redirects: int = 5
    max_body: int = 1 << 20
    cache_path: str | None = None
    """The JSON cache of results (None: no cache)."""
    cache_seconds: float = 86_400.0


@dataclass(slots=True)
class LinkChecker:
    options: Options = field(default_factory=Options)
    _hosts: dict[str, threading.Semaphore] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = threading.BoundedSemaphore(self.options.per_host)
            return self._hosts[host]

    def _request(self, session: requests.Session, url: str) -> requests.Response:
        """One request with retries for 429 and 5xx; HEAD, or GET when HEAD is refused."""
        attempt = 0
        method = "HEAD"
        while True:
            with self._host_slot(url):
                response = session.request(
                    method, url, allow_redirects=False, timeout=self.options.timeout,
                    stream=True,
                )  # fmt: skip
                if method == "GET":
                    _read_capped(response, self.options.max_body)
                response.close()
            if method == "HEAD" and response.status_code in (400, 403, 404, 405, 501):
                method = "GET"  # some servers refuse or mishandle HEAD: ask again properly
                continue
            if (response.status_code == 429 or response.status_code >= 500) and (
                attempt < self.options.retries
            ):
                attempt += 1
                time.sleep(_retry_delay(response, self.options.backoff * 2 ** (attempt - 1)))
                continue
            return response

    def check_one(self, url: str) -> LinkStatus:
        import requests

        now = time.time()
        if urlsplit(url).scheme not in ("http", "https"):
            return LinkStatus(url, "skipped", None, "only http and https are checked", None, now)
        session = requests.Session()
        session.headers = requests.structures.CaseInsensitiveDict(
            {"User-Agent": f"encyclint-linkcheck/{__version__}", "Accept": "*/*"}
        )
        session.trust_env = False
        seen = [url]
        permanent = True
        current = url
        try:
            for _ in range(self.options.max_redirects + 1):
                response = self._request(session, current)
                code = response.status_code
                if code not in _REDIRECTS:
                    if code >= 400:
                        return LinkStatus(url, "dead", code, f"HTTP {code}", None, now)
                    if current != url and permanent:
                        return LinkStatus(url, "moved", code, "moved permanently", current, now)
                    return LinkStatus(url, "ok", code, f"HTTP {code}", current, now)
                permanent = permanent and code in _PERMANENT
                target = urljoin(current, response.headers.get("Location", ""))
                if urlsplit(target).scheme not in ("http", "https"):
                    return LinkStatus(url, "dead", code, "redirects outside http(s)", None, now)
                if target in seen:
                    return LinkStatus(url, "dead", code, "redirect loop", None, now)
                seen.append(target)
                current = target
            return LinkStatus(
                url, "dead", None, f"more than {self.options.max_redirects} redirects", None, now
            )
        except requests.Timeout:
            return LinkStatus(
                url, "dead", None, f"no answer within {self.options.timeout:g} s", None, now
            )
        except requests.ConnectionError as exc:
            reason = (
                "host not found"
                if "resolve" in str(exc).lower() or "Name" in str(exc)
                else "connection failed"
            )
            return LinkStatus(url, "dead", None, reason, None, now)
        except requests.RequestException as exc:
            return LinkStatus(url, "dead", None, f"request failed: {type(exc).__name__}", None, now)
        finally:
            session.close()

    def check(self, urls: Iterable[str]) -> dict[str, LinkStatus]:
        unique = list(dict.fromkeys(urls))
        cache = _Cache(self.options.cache_path, self.options.cache_seconds)
        known = cache.fresh(unique)
        wanted = [u for u in unique if u not in known]
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            fetched = dict(zip(wanted, pool.map(self.check_one, wanted), strict=True))
        cache.store(fetched.values())
        return {**known, **fetched}


def _read_capped(response: requests.Response, limit: int) -> int:
    """Read at most ``limit`` bytes of a body, then stop: a huge body costs nothing more."""
    read = 0
    for chunk in response.iter_content(chunk_size=65_536):
        read += len(chunk)
        if read >= limit:
            break
    return read


def _retry_delay(response: requests.Response, default: float) -> float:
    after = response.headers.get("Retry-After", "")
    return min(float(after), 30.0) if after.isdigit() else default


class _Cache:
    """A JSON cache of link results with an expiry, shared safely by concurrent runs."""

    def __init__(self, path: str | None, lifetime: float) -> None:
        self.path = path
        self.lifetime = lifetime

    def _load(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}  # a missing or damaged cache is only a cold cache

    def fresh(self, urls: Sequence[str]) -> dict[str, LinkStatus]:
        data = self._load()
        now = time.time()
        found = {}
        for url in urls:
            entry = data.get(url)
            if isinstance(entry, dict) and now - float(entry.get("checked_at", 0)) < self.lifetime:
                try:
                    found[url] = LinkStatus(**entry)
                except TypeError:
                    continue
        return found

    def store(self, results: Iterable[LinkStatus]) -> None:
        results = [r for r in results if r.state != "skipped"]
        if self.path is None or not results:
            return
        from linter.cache import ensure_folder

        ensure_folder(os.path.dirname(os.path.abspath(self.path)))
        with open(self.path + ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = self._load()
            data.update({r.url: asdict(r) for r in results})
            write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")


@dataclass(frozen=True, slots=True)
class UrlSite:
    """Where a URL stands: an article's reference definition or a fact-table source."""

    url: str
    path: str
    span: Span


def article_urls(result: ArticleResult) -> Iterator[UrlSite]:
    for definition in result.definitions:
        for match in URL.finditer(definition.text):
            url = match.group()
            line = definition.span.line
            column = definition.span.column
            for number in range(line, min(line + 20, len(result.lines) + 1)):
                found = result.lines[number - 1].find(url)
                if found >= 0:
                    line, column = number, found + 1
                    break
            yield UrlSite(url, result.path, Span(line, column, line, column + len(url)))


def table_urls(settings: Settings) -> Iterator[UrlSite]:
    if settings.knowledge is None:
        return
    for source in settings.knowledge.sources.values():
        if source.url:
            yield UrlSite(source.url, source.path, Span(source.line, 1, source.line, 2))


def diagnostics(
    sites: Sequence[UrlSite], statuses: dict[str, LinkStatus], settings: Settings
) -> list[Diagnostic]:
    from linter.registry import rules

    found = []
    for site in sites:
        status = statuses.get(site.url)
        if status is None or status.state in ("ok", "skipped"):
            continue
        code = "LNK001" if status.state == "dead" else "LNK002"
        if not settings.enabled(code):
            continue
        if status.state == "dead":
            message = f"dead link {site.url} ({status.reason})"
        else:
            message = f"{site.url} moved permanently to {status.final_url}: cite the new address"
        severity: Severity = settings.severity_of(code, rules()[code].severity)
        found.append(
            Diagnostic(site.path, site.span, code, severity, message, fingerprint=site.url)
        )
    return sorted(found, key=Diagnostic.sort_key)


def check_corpus_links(
    results: Sequence[ArticleResult], settings: Settings, options: Options | None = None
) -> list[Diagnostic]:
    """LNK findings for every URL of the articles' definitions and the fact-table sources."""
    sites = [site for result in results for site in article_urls(result)]
    sites.extend(table_urls(settings))
    statuses = LinkChecker(options or Options()).check(site.url for site in sites)
    return diagnostics(sites, statuses, settings)
