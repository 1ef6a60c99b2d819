"""`encyclint facts import wikidata` against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from linter.facts.tables import read_table
from linter.facts.wikiclient import Client, entities
from tests.helpers import run_cli, validator
from tests.wikiserver import serve

CONTACT = "editors@example.org"
ARTICLE = """# The border conflict

Joseph Stalin was born on December 18, 1878, and died on March 5, 1953.

The Sino-Soviet border clashes began in March 1969.

The Sino-Soviet border conflict ended in September 1969.

In 1969 the Sino-Soviet border conflict killed at least 200 soldiers.

The Sino-Soviet split started in the late 1950s.
"""


def _project(tmp_path: Path) -> Path:
    (tmp_path / "encyclint.toml").write_text(f'wikidata-contact = "{CONTACT}"\n', "utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "conflict.md").write_text(ARTICLE, "utf-8")
    return tmp_path


def _import(tmp_path: Path, url: str, *args: str) -> Any:
    return run_cli("facts", "import", "wikidata", *args, "--endpoint", f"{url}/w/api.php",
                   "-o", "facts/wikidata.yaml", cwd=tmp_path)  # fmt: skip


def _facts(tmp_path: Path) -> dict[str, dict[str, Any]]:
    table = read_table(str(tmp_path / "facts" / "wikidata.yaml"))
    validator("facts").validate(table.data)
    return {fact["id"]: fact for fact in table.data["facts"]}


def test_import_keeps_precision_bounds_ranks_qualifiers_and_references(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "facts").mkdir()
    with serve() as (url, log):
        log.failures = [
            (429, {"Retry-After": "1"}, b""),
            (500, {}, b"Internal error"),
            (200, {"Retry-After": "0", "Content-Type": "application/json"},
             b'{"error": {"code": "maxlag", "info": "Waiting for db1: 7 seconds lagged."}}'),
        ]  # fmt: skip
        done = _import(tmp_path, url, "Q855", "Q98000001", "Q98000002", "Q98000003")
        assert done.returncode == 0, done.stderr
        requests = list(log.requests)
    assert "skipped Q98000003: no such item" in done.stderr
    assert "1 deprecated statement dropped" in done.stderr

    # Politeness: a User-Agent with the contact, maxlag, one at a time, Retry-After honoured.
    assert all(CONTACT in r["agent"] and "encyclint/" in r["agent"] for r in requests)
    assert all(r["query"]["maxlag"] == "5" for r in requests)
    assert log.most_active == 1
    assert requests[1]["time"] - requests[0]["time"] >= 1.0  # the 429's Retry-After: 1
    assert requests[0]["query"] == requests[1]["query"] == requests[2]["query"]
    assert len(requests) == 5  # 429, 500, maxlag, then the items and their properties

    facts = _facts(tmp_path)
    death = facts["joseph-stalin-date-of-death"]
    assert death["date"] == "1953-03-05"
    assert death["keywords"] == ["Joseph Stalin|Stalin|Iosif Stalin", "death|died|death date"]
    assert death["sources"] == [
        "wikidata-q855",
        "wikidata-q455",
        "url-www-britannica-com-biography-joseph-stalin",
    ]
    birth = [f for f in facts.values() if f["id"].startswith("joseph-stalin-date-of-birth")]
    assert [b["date"] for b in birth] == ["1878-12-18"]  # Julian 6 December; the preferred only
    start = facts["sino-soviet-border-conflict-start-time"]
    assert start["date"] == "1969-03"
    assert "weakly sourced" in start["note"] and start["sources"] == ["wikidata-q98000001"]
    assert facts["sino-soviet-border-conflict-end-time"]["date"] == "1969"  # never 1969-01-01
    deaths = facts["sino-soviet-border-conflict-number-of-deaths-1969"]
    assert deaths["count"] == {"min": 200, "max": 500}
    assert deaths["keywords"][1:] == ["deaths|killed|death toll", "1969"]
    assert "(in 1969)" in deaths["statement"]
    assert facts["sino-soviet-border-conflict-number-of-injured"]["count"] == 94
    assert "unsourced on Wikidata" in facts["sino-soviet-border-conflict-number-of-injured"]["note"]
    assert facts["sino-soviet-border-conflict-duration"]["duration"] == "P7M"
    cost = facts["sino-soviet-border-conflict-cost"]
    assert cost["money"] == 1_000_000 and cost["currency"] == "USD"
    assert facts["sino-soviet-split-start-time"]["date"] == {"min": "1950", "max": "1959"}

    sources = read_table(str(tmp_path / "facts" / "wikidata.yaml")).data["sources"]
    assert sources["wikidata-q855"] == {
        "citation": "Wikidata, Joseph Stalin (Q855), revision 2143657890",
        "url": "https://www.wikidata.org/w/index.php?oldid=2143657890",
    }
    assert sources["wikidata-q455"]["citation"] == "Encyclopædia Britannica"

    # Checked against the imported table, no claim is contradicted by a precision.
    checked = run_cli("check", "--facts", "facts", "--format", "json", cwd=tmp_path)
    report = json.loads(checked.stdout)
    assert [d for d in report["diagnostics"] if d["code"] == "FCT001"] == []
    claims = json.loads(
        run_cli("claims", "--facts", "facts", "--format", "json", cwd=tmp_path).stdout
    )
    verified = {c["text"]: c["fact"] for c in claims["claims"] if c["status"] == "verified"}
    assert verified == {
        "December 18, 1878": "joseph-stalin-date-of-birth",
        "March 5, 1953": "joseph-stalin-date-of-death",
        "March 1969": "sino-soviet-border-conflict-start-time",
        "September 1969": "sino-soviet-border-conflict-end-time",
        "200 soldiers": "sino-soviet-border-conflict-number-of-deaths-1969",
        "late 1950s": "sino-soviet-split-start-time",
    }


def test_responses_are_cached_and_a_failing_service_is_a_clear_error(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "facts").mkdir()
    with serve() as (url, log):
        assert _import(tmp_path, url, "Q855").returncode == 0
        first = (tmp_path / "facts" / "wikidata.yaml").read_text("utf-8")
        again = _import(tmp_path, url, "Q855")
        assert again.returncode == 0 and "0 requests" in again.stderr
        assert (tmp_path / "facts" / "wikidata.yaml").read_text("utf-8") == first
        assert len(log.requests) == 2
        log.failures = [(503, {"Retry-After": "0"}, b"")] * 5
        failed = _import(tmp_path, url, "Q98000002", "--no-cache")
    assert failed.returncode == 2
    assert "HTTP 503 after 5 tries" in failed.stderr and "Traceback" not in failed.stderr
    assert (tmp_path / "facts" / "wikidata.yaml").read_text("utf-8") == first  # untouched


def test_sparql_names_the_items_and_properties_filter(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "facts").mkdir()
    (tmp_path / "q.rq").write_text("SELECT ?item ?itemLabel WHERE { ?item wdt:P31 wd:Q5 }", "utf-8")
    with serve() as (url, log):
        done = _import(tmp_path, url, "--sparql", "q.rq", "--sparql-endpoint", f"{url}/sparql",
                       "--properties", "P570,P580")  # fmt: skip
        assert done.returncode == 0, done.stderr
        sparql = log.requests[0]
    assert sparql["path"] == "/sparql" and "wdt:P31" in sparql["query"]["query"]
    assert sparql["accept"] == "application/sparql-results+json"
    assert sorted(_facts(tmp_path)) == [
        "joseph-stalin-date-of-death",
        "sino-soviet-split-start-time",
    ]


def test_wbgetentities_is_asked_fifty_ids_at_a_time(tmp_path: Path) -> None:
    ids = ["Q855", *(f"Q{98100000 + n}" for n in range(119))]
    with serve() as (url, log):
        found = entities(Client(CONTACT, None), f"{url}/w/api.php", ids, "labels")
        batches = [r["query"]["ids"].split("|") for r in log.requests]
    assert [len(b) for b in batches] == [50, 50, 20]
    assert [i for b in batches for i in b] == ids
    assert sorted(found) == sorted(ids) and "missing" in found["Q98100000"]


def test_usage_errors(tmp_path: Path) -> None:
    no_contact = run_cli("facts", "import", "wikidata", "Q855", "-o", "x.yaml", cwd=tmp_path)
    assert no_contact.returncode == 2 and "wikidata-contact" in no_contact.stderr
    _project(tmp_path)
    bad = run_cli("facts", "import", "wikidata", "Stalin", "-o", "x.yaml", cwd=tmp_path)
    assert bad.returncode == 2 and "'STALIN' is not an item id" in bad.stderr
    nothing = run_cli("facts", "import", "wikidata", "-o", "x.yaml", cwd=tmp_path)
    assert nothing.returncode == 2 and "give item ids" in nothing.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_retry_after_in_seconds_or_as_a_date() -> None:
    from email.utils import formatdate
    from time import time

    from linter.facts.wikiclient import LONGEST_WAIT, _retry_after

    assert _retry_after("3", 0) == 3.0
    assert _retry_after("86400", 0) == LONGEST_WAIT
    assert 8.0 <= _retry_after(formatdate(time() + 10, usegmt=True), 0) <= 10.0
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 0) == 0.0
    assert _retry_after("soon", 2) == 4.0 and _retry_after(None, 0) == 1.0


def test_dates_at_every_precision_and_calendar() -> None:
    from linter.facts.wikidata import GREGORIAN, JULIAN, date_value

    def at(time: str, precision: int, calendar: str = GREGORIAN) -> object:
        return date_value({"time": time, "precision": precision, "calendarmodel": calendar})

    assert at("+1955-03-17T00:00:00Z", 11) == "1955-03-17"
    assert at("+1955-03-00T00:00:00Z", 10) == "1955-03"
    assert at("+1955-01-01T00:00:00Z", 9) == "1955"  # a year, not its 1 January
    assert at("+1957-00-00T00:00:00Z", 8) == {"min": "1950", "max": "1959"}
    assert at("+1582-10-04T00:00:00Z", 11, JULIAN) == "1582-10-14"  # the last Julian day
    assert at("+1700-02-00T00:00:00Z", 10, JULIAN) == {"min": "1700-02-11", "max": "1700-03-11"}
    assert at("+1917-00-00T00:00:00Z", 9, JULIAN) == {"min": "1917-01-14", "max": "1918-01-13"}
    for bad in (("-0044-03-15T00:00:00Z", 11), ("+1900-00-00T00:00:00Z", 7)):
        try:
            at(*bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad} should have no fact-table form")


def test_keywords_from_labels_stop_at_punctuation_and_drop_generic_openings() -> None:
    from linter.facts.wikidata import _keyword, property_words

    names = ["Treaty of Friendship, Alliance and Mutual Assistance", "Sino-Soviet Treaty", "(1950)"]
    assert _keyword(names) == "Treaty of Friendship|Sino-Soviet Treaty"
    prop = {"labels": {"en": {"value": "number of deaths"}},
            "aliases": {"en": [{"value": "death toll"}, {"value": "Deaths"}, {"value": "killed"}]}}  # fmt: skip
    assert property_words(prop, "P1120") == "deaths|death toll|killed"
