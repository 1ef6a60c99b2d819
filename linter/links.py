"""Dead sources: every URL of the reference definitions and fact-table sources, checked politely.

HEAD first, GET when a server refuses HEAD (reading at most ``max_body`` bytes);
redirects followed by hand, at most ``max_redirects``, loops detected, never from a public
host to a private address; retries with exponential backoff for 429 and 5xx (honouring a
short Retry-After); a bounded pool of workers and at most ``per_host`` requests to one host
at a time. Only http and https are fetched, and nothing is sent but the request: no
cookies, no referrer.

Time is bounded by the wall clock, not per socket read: a watchdog closes the connections
of a URL when its ``timeout`` is up (a server that drips its headers a byte at a time, or
sends ``100 Continue`` forever, holds nobody), and the whole run stops at ``deadline``.
A host that asks to wait longer than that (429 with a long Retry-After) is not asked
again in the run. What was not checked is reported as not checked (LNK003), not as dead,
and not cached; when no host can be reached at all, the network is taken to be down.
Results are kept in the signed cache with an expiry, so a daily run does not hammer hosts.
"""

from __future__ import annotations

import contextlib
import email.utils
import errno
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from linter import __version__
from linter.cache import Cache, digest
from linter.diagnostic import Diagnostic, Severity
from linter.document import Span
from linter.escape import display_path
from linter.fixes import replace
from linter.urls import url_problem

if TYPE_CHECKING:
    import requests

    from linter.engine import ArticleResult, Settings

URL = re.compile(r"https?://[^\s<>\"'`]+[^\s<>\"'`.,;:)\]]")
_PERMANENT = (301, 308)
_REDIRECTS = (301, 302, 303, 307, 308)
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _not_global(address: Address) -> bool:
    """Loopback, link-local, private, shared (CGNAT), reserved: anything not on the Internet."""
    mapped = getattr(address, "ipv4_mapped", None)
    return not (mapped or address).is_global


@dataclass(frozen=True, slots=True)
class LinkStatus:
    url: str
    state: str
    """ok, dead, moved (a permanent redirect), skipped (not http) or unchecked."""
    code: int | None
    reason: str
    final_url: str | None = None
    checked_at: float = 0.0


@dataclass(slots=True)
class Options:
    timeout: float = 10.0
    """Wall-clock seconds one URL may take in all: requests, retries and redirects."""
    deadline: float = 300.0
    """Wall-clock seconds the whole run may take; URLs not done by then are not checked."""
    retries: int = 2
    backoff: float = 0.5
    workers: int = 8
    per_host: int = 2
    max_redirects: int = 5
    max_body: int = 1 << 20
    longest_wait: float = 30.0
    """The longest Retry-After honoured; a host asking more is not asked again this run."""
    cache: Cache | None = None
    """The signed cache the results are kept in (None: no cache)."""
    cache_seconds: float = 86_400.0
    private: Callable[[Address], bool] = _not_global
    """Which addresses a redirect from a public host must not lead to."""


class _RateLimited(Exception):
    def __init__(self, wait: float | None) -> None:
        super().__init__(wait)
        self.wait = wait


class _Watchdog:
    """Closes a URL's connections when its time is up, so that no read can outlast it."""

    def __init__(self, end: float) -> None:
        self.end = end
        self.connections: list[Any] = []
        self.fired = False
        self._done = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        if self._done.wait(max(0.0, self.end - time.time())):
            return
        self.fired = True
        while not self._done.is_set():  # a connection opened meanwhile is closed too
            for connection in list(self.connections):
                sock = getattr(connection, "sock", None)
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
            self._done.wait(0.05)

    def stop(self) -> None:
        self._done.set()


def _session(watchdog: _Watchdog) -> requests.Session:
    """A session without cookies or proxies whose every connection the watchdog can close."""
    import requests
    from requests.adapters import HTTPAdapter

    class Watched(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            manager = self.poolmanager
            make_pool = manager._new_pool

            def new_pool(*pool_args: Any, **pool_kwargs: Any) -> Any:
                pool = make_pool(*pool_args, **pool_kwargs)
                make_connection = pool._new_conn

                def new_connection() -> Any:
                    connection = make_connection()
                    watchdog.connections.append(connection)
                    return connection

                pool._new_conn = new_connection
                return pool

            manager._new_pool = new_pool

    session = requests.Session()
    session.headers = requests.structures.CaseInsensitiveDict(
        {"User-Agent": f"encyclint-linkcheck/{__version__}", "Accept": "*/*"}
    )
    session.trust_env = False
    for scheme in ("http://", "https://"):
        session.mount(scheme, Watched())
    return session


def _unreachable(error: BaseException) -> bool:
    """Whether a connection failed for want of a network (no DNS, no route), not of a host."""
    seen: set[int] = set()
    stack: list[Any] = [error]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, socket.gaierror):
            return True
        if isinstance(current, OSError) and current.errno in (errno.ENETUNREACH,
                                                              errno.EHOSTUNREACH):  # fmt: skip
            return True
        if isinstance(current, BaseException):
            stack.extend([current.__cause__, current.__context__, *current.args])
        stack.append(getattr(current, "reason", None))
    return False


@dataclass(slots=True)
class LinkChecker:
    options: Options = field(default_factory=Options)
    unreachable: bool = False
    """Set by ``check`` when no host could be reached at all: the network is down."""
    _hosts: dict[str, threading.Semaphore] = field(default_factory=dict)
    _limited: dict[str, float | None] = field(default_factory=dict)
    """Hosts that answered 429 asking a longer wait than we give: not asked again."""
    _addresses: dict[str, list[Address]] = field(default_factory=dict)
    _no_network: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _run_end: float = float("inf")

    def _host_slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = threading.BoundedSemaphore(self.options.per_host)
            return self._hosts[host]

    def _request(self, session: requests.Session, url: str, end: float) -> requests.Response:
        """One request with retries for 429 and 5xx; HEAD, or GET when HEAD is refused."""
        attempt = 0
        method = "HEAD"
        host = urlsplit(url).hostname or ""
        while True:
            with self._host_slot(host):
                left = max(0.1, end - time.time())
                response = session.request(
                    method, url, allow_redirects=False, timeout=left, stream=True
                )
                if method == "GET":
                    _read_capped(response, self.options.max_body)
                response.close()
            code = response.status_code
            if method == "HEAD" and code in (400, 403, 404, 405, 501):
                method = "GET"  # some servers refuse or mishandle HEAD: ask again properly
                continue
            if code == 429 or code >= 500:
                wait = _retry_after(response)
                limit = min(self.options.longest_wait, end - time.time())
                if code == 429 and wait is not None and wait > limit:
                    raise _RateLimited(wait)
                if attempt < self.options.retries:
                    attempt += 1
                    delay = self.options.backoff * 2 ** (attempt - 1) if wait is None else wait
                    time.sleep(max(0.0, min(delay, end - time.time())))
                    continue
                if code == 429:
                    raise _RateLimited(wait)
            return response

    def _is_private(self, host: str) -> bool:
        """Whether any address of ``host`` is private (a name that does not resolve is not)."""
        with self._lock:
            known = self._addresses.get(host)
        if known is None:
            try:
                known = [ipaddress.ip_address(host)]
            except ValueError:
                try:
                    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
                    known = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
                except (OSError, UnicodeError, ValueError):
                    known = []
            with self._lock:
                self._addresses[host] = known
        return any(self.options.private(address) for address in known)

    def check_one(self, url: str) -> LinkStatus:
        import requests

        now = time.time()
        problem = url_problem(url)
        if problem is not None:
            return LinkStatus(url, "dead", None, problem, None, now)
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            return LinkStatus(url, "skipped", None, "only http and https are checked", None, now)
        host = parts.hostname or ""
        if host in self._limited:
            return _unchecked(url, _limited_reason(host, self._limited[host]), now)
        end = min(now + self.options.timeout, self._run_end)
        if end <= now:
            return _unchecked(url, "the run's --deadline passed first", now)
        watchdog = _Watchdog(end)
        session = _session(watchdog)
        seen = [url]
        permanent = True
        current = url
        try:
            for _ in range(self.options.max_redirects + 1):
                response = self._request(session, current, end)
                code = response.status_code
                if code not in _REDIRECTS:
                    if code >= 400:
                        return LinkStatus(url, "dead", code, f"HTTP {code}", None, now)
                    if current != url and permanent:
                        return LinkStatus(url, "moved", code, "moved permanently", current, now)
                    return LinkStatus(url, "ok", code, f"HTTP {code}", current, now)
                permanent = permanent and code in _PERMANENT
                try:
                    target = urljoin(current, response.headers.get("Location", ""))
                except ValueError:
                    target = "?"
                problem = url_problem(target) if target != "?" else "invalid URL"
                if problem is not None:
                    return LinkStatus(url, "dead", code, f"redirects to an {problem}", None, now)
                target_host = urlsplit(target).hostname or ""
                if urlsplit(target).scheme not in ("http", "https"):
                    return LinkStatus(url, "dead", code, "redirects outside http(s)", None, now)
                if self._is_private(target_host) and not self._is_private(
                    urlsplit(current).hostname or ""
                ):
                    return LinkStatus(url, "dead", code, "redirect to a private address", None,
                                      now)  # fmt: skip
                if target in seen:
                    return LinkStatus(url, "dead", code, "redirect loop", None, now)
                seen.append(target)
                current = target
            return LinkStatus(
                url, "dead", None, f"more than {self.options.max_redirects} redirects", None, now
            )
        except _RateLimited as limited:
            with self._lock:
                self._limited[host] = limited.wait
            return _unchecked(url, _limited_reason(host, limited.wait), now)
        except ValueError:  # requests reads Location even when not following it
            return LinkStatus(url, "dead", None, "redirects to an invalid URL", None, now)
        except requests.RequestException as exc:
            if watchdog.fired or isinstance(exc, requests.Timeout):
                if end >= self._run_end:
                    return _unchecked(url, "the run's --deadline passed first", now)
                return LinkStatus(url, "dead", None,
                                  f"no whole answer within {self.options.timeout:g} s", None,
                                  now)  # fmt: skip
            if isinstance(exc, requests.ConnectionError):
                if _unreachable(exc):
                    with self._lock:
                        self._no_network.add(url)
                    return LinkStatus(url, "dead", None, "host not found or unreachable", None,
                                      now)  # fmt: skip
                return LinkStatus(url, "dead", None, "connection failed", None, now)
            return LinkStatus(url, "dead", None, f"request failed: {type(exc).__name__}", None, now)
        finally:
            watchdog.stop()
            session.close()

    def check(self, urls: Iterable[str]) -> dict[str, LinkStatus]:
        unique = list(dict.fromkeys(urls))
        self._run_end = time.time() + self.options.deadline
        cache = _Store(self.options.cache, self.options.cache_seconds)
        known = cache.fresh(unique)
        wanted = [u for u in unique if u not in known]
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            fetched = dict(zip(wanted, pool.map(self.check_one, wanted), strict=True))
        answered = [s for s in fetched.values() if s.code is not None]
        if self._no_network and not answered:
            self.unreachable = True  # nothing answered and names did not resolve: offline
            fetched = {
                url: _unchecked(url, "the network is unreachable", status.checked_at)
                if url in self._no_network else status
                for url, status in fetched.items()
            }  # fmt: skip
        else:
            cache.store(fetched.values())
        return {**known, **fetched}


def _unchecked(url: str, reason: str, now: float) -> LinkStatus:
    return LinkStatus(url, "unchecked", None, reason, None, now)


def _limited_reason(host: str, wait: float | None) -> str:
    asked = f", Retry-After {wait:g} s" if wait is not None else ""
    return f"{host} is rate-limiting (HTTP 429{asked}); not asked again this run"


def _read_capped(response: requests.Response, limit: int) -> int:
    """Read at most ``limit`` bytes of a body, then stop: a huge body costs nothing more."""
    read = 0
    for chunk in response.iter_content(chunk_size=65_536):
        read += len(chunk)
        if read >= limit:
            break
    return read


def _retry_after(response: requests.Response) -> float | None:
    """Retry-After in seconds (a number or an HTTP date), None when absent or unreadable."""
    after = response.headers.get("Retry-After", "").strip()
    if re.fullmatch(r"[0-9]{1,9}", after):
        return float(after)
    try:
        when = email.utils.parsedate_to_datetime(after)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


class _Store:
    """Link results in the signed cache, one entry per URL, trusted for ``lifetime`` seconds.

    An entry dated in the future is stale (a clock that jumped, or a forged entry); only
    results that say something about the link (ok, dead, moved) are kept.
    """

    def __init__(self, cache: Cache | None, lifetime: float) -> None:
        self.cache = cache
        self.lifetime = lifetime

    def fresh(self, urls: Sequence[str]) -> dict[str, LinkStatus]:
        if self.cache is None:
            return {}
        now = time.time()
        found = {}
        for url in urls:
            entry = self.cache.get("links", digest(url))
            if (
                isinstance(entry, LinkStatus)
                and entry.url == url
                and entry.state in ("ok", "dead", "moved")
                and isinstance(entry.checked_at, float | int)
                and 0 <= now - entry.checked_at < self.lifetime
            ):
                found[url] = entry
        return found

    def store(self, results: Iterable[LinkStatus]) -> None:
        if self.cache is None:
            return
        for result in results:
            if result.state in ("ok", "dead", "moved"):
                self.cache.put("links", digest(result.url), result)


@dataclass(frozen=True, slots=True)
class UrlSite:
    """Where a URL stands: an article's reference definition or a fact-table source."""

    url: str
    path: str
    span: Span
    exact: bool = False
    """Whether ``span`` is exactly the URL's text (so a fix can replace it)."""


def article_urls(result: ArticleResult) -> Iterator[UrlSite]:
    for definition in result.definitions:
        for match in URL.finditer(definition.text):
            url = match.group()
            line = definition.span.line
            column = definition.span.column
            exact = False
            for number in range(line, min(line + 20, len(result.lines) + 1)):
                found = result.lines[number - 1].find(url)
                if found >= 0:
                    line, column, exact = number, found + 1, True
                    break
            yield UrlSite(url, result.path, Span(line, column, line, column + len(url)), exact)


def table_urls(settings: Settings) -> Iterator[UrlSite]:
    if settings.knowledge is None:
        return
    for source in settings.knowledge.sources.values():
        if source.url:
            path = display_path(source.path)
            yield UrlSite(source.url, path, Span(source.line, 1, source.line, 2))


def diagnostics(
    sites: Sequence[UrlSite], statuses: dict[str, LinkStatus], settings: Settings
) -> list[Diagnostic]:
    from linter.registry import rules

    found = []
    for site in sites:
        status = statuses.get(site.url)
        if status is None or status.state in ("ok", "skipped"):
            continue
        code = {"dead": "LNK001", "moved": "LNK002", "unchecked": "LNK003"}[status.state]
        if not settings.enabled(code):
            continue
        if status.state == "dead":
            message = f"dead link {site.url} ({status.reason})"
        elif status.state == "unchecked":
            message = f"{site.url} not checked: {status.reason}"
        else:
            message = f"{site.url} moved permanently to {status.final_url}: cite the new address"
        severity: Severity = settings.severity_of(code, rules()[code].severity)
        fix = None
        if status.state != "dead" and status.final_url and site.exact:
            fix = replace(site.span, status.final_url, f"Cite {status.final_url}", "safe")
        found.append(
            Diagnostic(site.path, site.span, code, severity, message, fingerprint=site.url, fix=fix)
        )
    return sorted(found, key=Diagnostic.sort_key)


@dataclass(slots=True)
class LinkReport:
    """What checking a corpus's links found."""

    diagnostics: list[Diagnostic]
    statuses: dict[str, LinkStatus]
    """Each URL checked, for placing findings again in a fixed text (``links --fix``)."""
    unreachable: bool
    """The network was unreachable: then no link was found dead or cached."""


def check_corpus_links(
    results: Sequence[ArticleResult], settings: Settings, options: Options | None = None
) -> LinkReport:
    """LNK findings for every URL of the articles' definitions and the fact-table sources."""
    sites = [site for result in results for site in article_urls(result)]
    sites.extend(table_urls(settings))
    checker = LinkChecker(options or Options())
    statuses = checker.check(site.url for site in sites)
    return LinkReport(diagnostics(sites, statuses, settings), statuses, checker.unreachable)
