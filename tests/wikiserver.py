"""A real HTTP server on 127.0.0.1 answering as Wikidata's Action API and SPARQL endpoint do.

Responses follow the documented shapes (wbgetentities JSON: entities by id with labels,
aliases, claims with mainsnak/rank/qualifiers/references and lastrevid; SPARQL 1.1 JSON
results). Q855 (Joseph Stalin), the properties and the units are Wikidata's own ids with
their real labels; Q98000001–Q98000003 are test items (ids no real item has) about the 1969
border conflict, with values from the literature. The server also misbehaves on cue: a 429
with Retry-After, a 500, a maxlag error, and it records every request.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

GREGORIAN = "http://www.wikidata.org/entity/Q1985727"
JULIAN = "http://www.wikidata.org/entity/Q1985786"


def time_value(time_text: str, precision: int, calendar: str = GREGORIAN) -> dict[str, Any]:
    return {
        "type": "time",
        "value": {"time": time_text, "timezone": 0, "before": 0, "after": 0,
                  "precision": precision, "calendarmodel": calendar},
    }  # fmt: skip


def quantity(
    amount: str, unit: str = "1", low: str | None = None, high: str | None = None
) -> dict[str, Any]:
    value: dict[str, Any] = {"amount": amount, "unit": unit}
    if low is not None and high is not None:
        value.update(lowerBound=low, upperBound=high)
    return {"type": "quantity", "value": value}


def snak(prop: str, datavalue: dict[str, Any], datatype: str = "time") -> dict[str, Any]:
    return {"snaktype": "value", "property": prop, "datavalue": datavalue, "datatype": datatype}


def item(qid: str) -> dict[str, Any]:
    return {"type": "wikibase-entityid",
            "value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}}  # fmt: skip


def statement(
    sid: str, mainsnak: dict[str, Any], rank: str = "normal",
    qualifiers: dict[str, list[dict[str, Any]]] | None = None,
    references: list[dict[str, list[dict[str, Any]]]] | None = None,
) -> dict[str, Any]:  # fmt: skip
    found: dict[str, Any] = {"mainsnak": mainsnak, "type": "statement", "id": sid, "rank": rank}
    if qualifiers:
        found["qualifiers"] = qualifiers
        found["qualifiers-order"] = list(qualifiers)
    if references:
        found["references"] = [
            {"hash": f"h{n}", "snaks": snaks, "snaks-order": list(snaks)}
            for n, snaks in enumerate(references)
        ]
    return found


def entity(qid: str, label: str, aliases: list[str], claims: dict[str, Any],
           revision: int = 1) -> dict[str, Any]:  # fmt: skip
    return {
        "type": "item" if qid.startswith("Q") else "property",
        "id": qid, "lastrevid": revision, "modified": "2024-05-01T00:00:00Z",
        "labels": {"en": {"language": "en", "value": label}},
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases]},
        "claims": claims,
    }  # fmt: skip


BRITANNICA = {
    "P248": [snak("P248", item("Q455"), "wikibase-item")],
    "P854": [snak("P854", {"type": "string", "value":
                           "https://www.britannica.com/biography/Joseph-Stalin"}, "url")],
}  # fmt: skip
ONLY_IMPORTED = {"P143": [snak("P143", item("Q328"), "wikibase-item")]}

ENTITIES: dict[str, dict[str, Any]] = {
    "Q855": entity("Q855", "Joseph Stalin", ["Stalin", "Iosif Stalin"], {
        "P570": [
            statement("Q855$death", snak("P570", time_value("+1953-03-05T00:00:00Z", 11)),
                      references=[BRITANNICA]),
            statement("Q855$death-wrong", snak("P570", time_value("+1953-03-01T00:00:00Z", 11)),
                      rank="deprecated", references=[ONLY_IMPORTED]),
        ],
        "P569": [  # the Julian date of the parish register, preferred; the later official one
            statement("Q855$birth-julian",
                      snak("P569", time_value("+1878-12-06T00:00:00Z", 11, JULIAN)),
                      rank="preferred", references=[BRITANNICA]),
            statement("Q855$birth-official", snak("P569", time_value("+1879-12-21T00:00:00Z", 11))),
        ],
    }, revision=2143657890),
    "Q98000001": entity("Q98000001", "Sino-Soviet border conflict",
                        ["Sino-Soviet border clashes", "Zhenbao Island incident"], {
        "P580": [statement("Q98000001$start", snak("P580", time_value("+1969-03-00T00:00:00Z", 10)),
                           references=[ONLY_IMPORTED])],
        "P582": [statement("Q98000001$end", snak("P582", time_value("+1969-01-01T00:00:00Z", 9)),
                           references=[ONLY_IMPORTED])],
        "P1120": [statement(
            "Q98000001$deaths", snak("P1120", quantity("+300", low="+200", high="+500"), "quantity"),
            qualifiers={"P585": [snak("P585", time_value("+1969-00-00T00:00:00Z", 9))]},
            references=[{"P854": [snak("P854", {"type": "string", "value":
                         "https://www.wilsoncenter.org/publication/the-sino-soviet-border-conflict-1969"},
                         "url")]}],
        )],
        "P1339": [statement("Q98000001$injured", snak("P1339", quantity("+94"), "quantity"))],
        "P2047": [statement("Q98000001$duration",
                            snak("P2047", quantity("+7", "http://www.wikidata.org/entity/Q5151"),
                                 "quantity"), references=[ONLY_IMPORTED])],
        "P2130": [statement("Q98000001$cost",
                            snak("P2130", quantity("+1000000", "http://www.wikidata.org/entity/Q4917"),
                                 "quantity"), references=[ONLY_IMPORTED])],
    }, revision=2001),
    "Q98000002": entity("Q98000002", "Sino-Soviet split", [], {
        "P580": [statement("Q98000002$start", snak("P580", time_value("+1956-00-00T00:00:00Z", 8)))],
    }, revision=2002),
    "P570": entity("P570", "date of death", ["died", "death date"], {}),
    "P569": entity("P569", "date of birth", ["born", "birth date"], {}),
    "P580": entity("P580", "start time", ["began", "started"], {}),
    "P582": entity("P582", "end time", ["ended"], {}),
    "P585": entity("P585", "point in time", ["date", "time"], {}),
    "P1120": entity("P1120", "number of deaths", ["deaths", "killed", "death toll"], {}),
    "P1339": entity("P1339", "number of injured", ["injured", "wounded"], {}),
    "P2047": entity("P2047", "duration", ["lasted"], {}),
    "P2130": entity("P2130", "cost", ["costs"], {}),
    "Q455": entity("Q455", "Encyclopædia Britannica", [], {}),
    "Q328": entity("Q328", "English Wikipedia", [], {}),
    "Q5151": entity("Q5151", "month", [], {}),
    "Q4917": entity("Q4917", "United States dollar", ["US dollar"], {
        "P498": [statement("Q4917$iso", snak("P498", {"type": "string", "value": "USD"}, "string"))],
    }),
}  # fmt: skip


@dataclass
class Log:
    """Every request the server saw, and what it is told to do next."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    failures: list[tuple[int, dict[str, str], bytes]] = field(default_factory=list)
    """Answers to give, first to last, before answering properly."""
    active: int = 0
    most_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Handler(BaseHTTPRequestHandler):
    log = Log()

    def log_message(self, format: str, *args: object) -> None:
        del format, args

    def _send(self, code: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(code)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        log = Handler.log
        with log.lock:
            log.active += 1
            log.most_active = max(log.most_active, log.active)
        try:
            self._answer()
        finally:
            with log.lock:
                log.active -= 1

    def _answer(self) -> None:
        log = Handler.log
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        log.requests.append({"path": parts.path, "query": query, "time": time.monotonic(),
                             "agent": self.headers.get("User-Agent", ""),
                             "accept": self.headers.get("Accept", "")})  # fmt: skip
        time.sleep(0.05)  # long enough for overlapping requests to be seen
        if log.failures:
            self._send(*log.failures.pop(0))
            return
        json_type = {"Content-Type": "application/json; charset=utf-8"}
        if parts.path == "/w/api.php" and query.get("action") == "wbgetentities":
            ids = query.get("ids", "").split("|")
            found = {i: ENTITIES.get(i, {"id": i, "missing": ""}) for i in ids}
            self._send(200, json_type, json.dumps({"entities": found, "success": 1}).encode())
        elif parts.path == "/sparql" and "query" in query:
            rows = [
                {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q855"},
                 "itemLabel": {"type": "literal", "xml:lang": "en", "value": "Joseph Stalin"}},
                {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q98000002"},
                 "itemLabel": {"type": "literal", "xml:lang": "en", "value": "Sino-Soviet split"}},
            ]  # fmt: skip
            body = {"head": {"vars": ["item", "itemLabel"]}, "results": {"bindings": rows}}
            self._send(200, {"Content-Type": "application/sparql-results+json"},
                       json.dumps(body).encode())  # fmt: skip
        else:
            self._send(404, json_type, b'{"error": {"code": "unknown"}}')


@contextmanager
def serve() -> Iterator[tuple[str, Log]]:
    Handler.log = Log()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", Handler.log
    finally:
        server.shutdown()
        server.server_close()
