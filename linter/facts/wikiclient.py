"""A polite client for Wikidata's Action API and SPARQL endpoint.

Wikimedia asks API clients for a User-Agent naming the tool and a way to reach its user,
one request at a time, ``maxlag`` so that a lagging cluster can turn bots away, and a
pause for as long as ``Retry-After`` says on 429 and 503. Responses are kept for a day in
the project's cache folder (signed, as its every entry): a re-run, or a run that failed
half-way, asks again only for what it has not seen.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests

from linter import __version__
from linter.cache import Cache, digest
from linter.errors import UserError

API = "https://www.wikidata.org/w/api.php"
SPARQL = "https://query.wikidata.org/sparql"
MAXLAG = 5
ATTEMPTS = 5
LONGEST_WAIT = 120.0
"""Seconds: a Retry-After longer than this is taken as this (the run is not left hanging)."""
CACHE_HOURS = 24.0
TIMEOUT = 30.0


def user_agent(contact: str) -> str:
    return f"encyclint/{__version__} (fact-table import; {contact}) requests/{requests.__version__}"


def _retry_after(value: str | None, attempt: int) -> float:
    """Seconds to wait: Retry-After in seconds or as an HTTP date, else 1, 2, 4 … seconds."""
    if value:
        value = value.strip()
        if value.isdigit():
            return min(float(value), LONGEST_WAIT)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            return min(max(when.timestamp() - time.time(), 0.0), LONGEST_WAIT)
    return min(2.0**attempt, LONGEST_WAIT)


class Client:
    """GET requests, one at a time, retried and cached."""

    def __init__(
        self,
        contact: str,
        cache: Cache | None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent(contact)
        self.cache = cache
        self.sleep = sleep
        self.requests = 0
        """Requests actually sent (cache hits excluded)."""

    def get_json(
        self, url: str, params: Mapping[str, str], accept: str = "application/json"
    ) -> Any:
        """The decoded JSON response, from the cache when fresh."""
        cached = self._cached(url, params)
        if cached is not None:
            return cached
        for attempt in range(ATTEMPTS):
            try:
                response = self.session.get(
                    url, params=dict(params), headers={"Accept": accept}, timeout=TIMEOUT
                )
            except requests.RequestException as exc:
                if attempt == ATTEMPTS - 1:
                    raise UserError(f"cannot reach {url}: {exc}") from None
                self.sleep(_retry_after(None, attempt))
                continue
            finally:
                self.requests += 1
            if response.status_code in (429, 503) or response.status_code >= 500:
                if attempt == ATTEMPTS - 1:
                    raise UserError(f"{url}: HTTP {response.status_code} after {ATTEMPTS} tries")
                self.sleep(_retry_after(response.headers.get("Retry-After"), attempt))
                continue
            if response.status_code != 200:
                raise UserError(f"{url}: HTTP {response.status_code}")
            try:
                data = response.json()
            except ValueError:
                raise UserError(f"{url}: the response is not JSON") from None
            error = data.get("error") if isinstance(data, dict) else None
            if isinstance(error, dict) and error.get("code") == "maxlag":
                if attempt == ATTEMPTS - 1:
                    raise UserError(
                        f"{url}: the servers stayed lagged (maxlag) after {ATTEMPTS} tries"
                    )
                self.sleep(_retry_after(response.headers.get("Retry-After"), attempt))
                continue
            if isinstance(error, dict):
                raise UserError(f"{url}: {error.get('code')}: {error.get('info', '')}")
            self._store(url, params, data)
            return data
        raise AssertionError("unreachable")

    def _name(self, url: str, params: Mapping[str, str]) -> str:
        return digest(url, json.dumps(sorted(params.items())))

    def _cached(self, url: str, params: Mapping[str, str]) -> Any:
        if self.cache is None:
            return None
        entry = self.cache.get("wikidata", self._name(url, params))
        if not isinstance(entry, tuple) or len(entry) != 2:
            return None
        stored, data = entry
        return data if time.time() - float(stored) <= CACHE_HOURS * 3600 else None

    def _store(self, url: str, params: Mapping[str, str], data: Any) -> None:
        if self.cache is not None:
            self.cache.put("wikidata", self._name(url, params), (time.time(), data))


def entities(client: Client, endpoint: str, ids: list[str], props: str) -> dict[str, Any]:
    """``wbgetentities`` for ``ids``, fifty at a time (the API's limit for a client)."""
    found: dict[str, Any] = {}
    for start in range(0, len(ids), 50):
        batch = ids[start : start + 50]
        params = {
            "action": "wbgetentities", "ids": "|".join(batch), "props": props,
            "languages": "en", "format": "json", "formatversion": "2", "maxlag": str(MAXLAG),
        }  # fmt: skip
        data = client.get_json(endpoint, params)
        got = data.get("entities") if isinstance(data, dict) else None
        if not isinstance(got, dict):
            raise UserError(f"{endpoint}: wbgetentities answered without entities")
        found.update(got)
    return found


def sparql_items(client: Client, endpoint: str, query: str) -> list[str]:
    """The item ids (Q…) a SPARQL query's results name, in order, once each."""
    data = client.get_json(
        endpoint, {"query": query, "format": "json"}, accept="application/sparql-results+json"
    )
    try:
        bindings = data["results"]["bindings"]
    except (KeyError, TypeError):
        raise UserError(f"{endpoint}: not SPARQL JSON results") from None
    items: list[str] = []
    for row in bindings:
        for cell in row.values():
            value = cell.get("value", "") if isinstance(cell, dict) else ""
            if cell.get("type") == "uri" and "/entity/Q" in value:
                items.append(value.rsplit("/", 1)[1])
    return list(dict.fromkeys(items))
