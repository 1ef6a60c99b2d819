"""`facts import wikidata`: facts from Wikidata statements, at the precision Wikidata gives.

A date keeps its precision: a year-precision date becomes the year, never the 1st of
January, which would contradict every correct "in March 1955"; a decade becomes its ten
years; a date in the Julian calendar is converted to the Gregorian the claims use. A
quantity keeps its bounds as ``{min, max}``. Of a property's statements the preferred ones
are taken, else the normal ones; deprecated ones are dropped. Qualifiers that scope a value
(point in time, start, end) go into the statement and the keywords; references "stated in"
and "reference URL" become sources, and a statement backed only by "imported from
Wikimedia project" is marked weakly sourced. Every fact also cites the item at the revision
read, so that it is pinned to a version.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from linter.facts.wikiclient import Client, entities

GREGORIAN = "http://www.wikidata.org/entity/Q1985727"
JULIAN = "http://www.wikidata.org/entity/Q1985786"
PERCENT = "Q11229"
TIME_UNITS = {"Q577": "Y", "Q5151": "M", "Q23387": "W", "Q573": "D", "Q25235": "H"}
"""Year, month, week, day, hour: a quantity in one of them is a duration."""
POINT_IN_TIME, START, END = "P585", "P580", "P582"
STATED_IN, REFERENCE_URL, IMPORTED_FROM, TITLE = "P248", "P854", "P143", "P1476"
ISO_4217 = "P498"
_GENERIC = re.compile(r"^(?:number|date|time|point|year|amount|total|count) of (?:the )?", re.I)
_SLUG = re.compile(r"[^a-z0-9]+")
_WORDS = re.compile(r"[\w'’ -]+")


@dataclass(slots=True)
class Imported:
    """What an import found: facts, their sources, and what it left out and why."""

    facts: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    deprecated: int = 0


def _label(entity: Mapping[str, Any], fallback: str) -> str:
    labels = entity.get("labels") or {}
    english = labels.get("en") if isinstance(labels, dict) else None
    return str(english["value"]) if isinstance(english, dict) else fallback


def _aliases(entity: Mapping[str, Any]) -> list[str]:
    aliases = entity.get("aliases") or {}
    english = aliases.get("en", []) if isinstance(aliases, dict) else []
    return [str(a["value"]) for a in english if isinstance(a, dict) and "value" in a]


def _julian_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """The Gregorian date of a Julian-calendar date (by its Julian day number)."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    julian_day = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return datetime.date.fromordinal(julian_day - 1721425)


def _last_day(year: int, month: int, julian: bool) -> int:
    if month == 2:
        leap = year % 4 == 0 and (julian or year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def date_value(value: Mapping[str, Any]) -> Any:
    """A Wikidata time value as a fact's date: its precision kept, converted to Gregorian.

    Raises ValueError for what a fact table cannot hold (before year 1, coarser than a decade).
    """
    found = re.match(r"^([+-])(\d+)-(\d\d)-(\d\d)T", str(value.get("time", "")))
    if not found or found.group(1) == "-" or int(found.group(2)) < 1 or int(found.group(2)) > 9999:
        raise ValueError(f"time {value.get('time')!r} is outside years 1–9999")
    year, month, day = int(found.group(2)), int(found.group(3)), int(found.group(4))
    precision = int(value.get("precision", 11))
    julian = value.get("calendarmodel") == JULIAN
    if precision == 8:
        first = year - year % 10
        return {"min": f"{max(first, 1):04d}", "max": f"{first + 9:04d}"}
    if precision not in (9, 10, 11):
        raise ValueError(f"precision {precision} (coarser than a decade) has no fact-table form")
    if precision == 11 and month and day:
        if julian:
            return _julian_to_gregorian(year, month, day).isoformat()
        return f"{year:04d}-{month:02d}-{day:02d}"
    if precision >= 10 and month:
        if not julian:
            return f"{year:04d}-{month:02d}"
        first_day, last = (month, 1), (month, _last_day(year, month, True))
    else:
        if not julian:
            return f"{year:04d}"
        first_day, last = (1, 1), (12, 31)
    return {
        "min": _julian_to_gregorian(year, *first_day).isoformat(),
        "max": _julian_to_gregorian(year, *last).isoformat(),
    }


def _number(text: Any) -> int | float:
    number = float(str(text))
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def quantity_value(value: Mapping[str, Any]) -> Any:
    """The amount, or ``{min, max}`` from its bounds."""
    if "lowerBound" in value and "upperBound" in value:
        low, high = _number(value["lowerBound"]), _number(value["upperBound"])
        if low != high:
            return {"min": low, "max": high}
    return _number(value["amount"])


def _duration(amount: Any, designator: str) -> Any:
    def one(number: int | float) -> str:
        return f"PT{number}H" if designator == "H" else f"P{number}{designator}"

    if isinstance(amount, dict):
        return {"min": one(amount["min"]), "max": one(amount["max"])}
    return one(amount)


def _unit_id(value: Mapping[str, Any]) -> str | None:
    unit = str(value.get("unit", "1"))
    return None if unit == "1" else unit.rsplit("/", 1)[-1]


def _entity_ids(snaks: Iterable[Mapping[str, Any]]) -> Iterable[str]:
    for snak in snaks:
        value = (snak.get("datavalue") or {}).get("value")
        if isinstance(value, dict) and "id" in value:
            yield str(value["id"])


def _chosen(statements: Sequence[Mapping[str, Any]]) -> tuple[list[Mapping[str, Any]], int]:
    """The preferred statements, else the normal ones; and how many deprecated were dropped."""
    by_rank: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for statement in statements:
        by_rank[str(statement.get("rank", "normal"))].append(statement)
    return by_rank.get("preferred") or by_rank.get("normal", []), len(by_rank["deprecated"])


def _keyword(texts: Iterable[str]) -> str:
    """One keyword entry of alternatives: each text once, words only."""
    seen: dict[str, None] = {}
    for text in texts:
        words = _WORDS.match(text)  # "Treaty of Friendship, Alliance …": up to the comma
        text = " ".join(words.group().split()) if words else ""
        if text and text.lower() not in (s.lower() for s in seen):
            seen[text] = None
    return "|".join(seen)


def property_words(prop: Mapping[str, Any], fallback: str) -> str:
    """The property's label and aliases less their generic opening ("number of deaths" →
    "deaths"), as one keyword entry."""
    names = [_label(prop, fallback), *_aliases(prop)]
    return _keyword(_GENERIC.sub("", name) for name in names)


class Importer:
    """Turns entities, with the labels of the properties and units they use, into facts."""

    def __init__(self, client: Client, endpoint: str) -> None:
        self.client = client
        self.endpoint = endpoint
        self.result = Imported()
        self.taken: set[str] = set()

    def run(self, ids: Sequence[str], properties: Sequence[str]) -> Imported:
        items = entities(self.client, self.endpoint, list(ids), "labels|aliases|claims|info")
        wanted = set(properties)
        related: set[str] = set()
        for entity in items.values():
            for prop, statements in (entity.get("claims") or {}).items():
                if wanted and prop not in wanted:
                    continue
                related.add(prop)
                for statement in statements:
                    mainsnak = statement.get("mainsnak", {})
                    value = (mainsnak.get("datavalue") or {}).get("value")
                    if isinstance(value, dict) and "unit" in value and _unit_id(value):
                        related.add(str(_unit_id(value)))
                    for reference in statement.get("references", []):
                        related.update(_entity_ids(reference.get("snaks", {}).get(STATED_IN, [])))
        self.labels = entities(self.client, self.endpoint, sorted(related), "labels|aliases|claims")
        for qid in ids:
            entity = items.get(qid)
            if not isinstance(entity, dict) or "missing" in entity:
                self.result.skipped.append(f"{qid}: no such item")
                continue
            self._entity(qid, entity, wanted)
        return self.result

    def _entity(self, qid: str, entity: Mapping[str, Any], wanted: set[str]) -> None:
        label = _label(entity, qid)
        revision = entity.get("lastrevid")
        pin = f"wikidata-{qid.lower()}"
        self.result.sources[pin] = {
            "citation": f"Wikidata, {label} ({qid}), revision {revision}",
            "url": f"https://www.wikidata.org/w/index.php?oldid={revision}"
            if revision
            else f"https://www.wikidata.org/wiki/{qid}",
        }
        name_keyword = _keyword([label, *_aliases(entity)])
        for prop, statements in sorted((entity.get("claims") or {}).items()):
            if wanted and prop not in wanted:
                continue
            chosen, dropped = _chosen(statements)
            self.result.deprecated += dropped
            for statement in chosen:
                try:
                    fact = self._fact(qid, label, name_keyword, prop, statement, pin)
                except ValueError as exc:
                    self.result.skipped.append(f"{qid} {prop}: {exc}")
                    continue
                if fact is not None:
                    self.result.facts.append(fact)

    def _fact(
        self, qid: str, label: str, name_keyword: str, prop: str,
        statement: Mapping[str, Any], pin: str,
    ) -> dict[str, Any] | None:  # fmt: skip
        snak = statement.get("mainsnak", {})
        datavalue = snak.get("datavalue") or {}
        value = datavalue.get("value")
        kind_and_value = self._value(str(datavalue.get("type", "")), value)
        if kind_and_value is None:
            return None
        kind, fact_value, extra = kind_and_value
        prop_entity = self.labels.get(prop, {})
        prop_label = _label(prop_entity, prop)
        keywords = [k for k in (name_keyword, property_words(prop_entity, prop)) if k]
        scope, scope_keyword = self._scope(statement.get("qualifiers") or {})
        if scope_keyword:
            keywords.append(scope_keyword)
        sources, weak = self._references(statement.get("references") or [])
        shown = fact_value if not isinstance(fact_value, dict) else (
            f"{fact_value['min']}–{fact_value['max']}"
        )  # fmt: skip
        text = f"{label}: {prop_label} {shown}{scope}"
        fact: dict[str, Any] = {
            "id": self._id(label, prop_label, scope_keyword),
            "statement": text,
            "keywords": keywords or [label],
            kind: fact_value,
            **extra,
            "sources": [pin, *sources],
        }
        notes = [f"imported from Wikidata {qid} {prop} ({statement.get('id', '')})".rstrip(" ()")]
        if weak:
            notes.append("weakly sourced: Wikidata cites only an import from a Wikimedia project")
        elif not sources:
            notes.append("unsourced on Wikidata")
        if statement.get("rank") == "preferred":
            notes.append("preferred rank")
        fact["note"] = "; ".join(notes)
        return fact

    def _value(self, kind: str, value: Any) -> tuple[str, Any, dict[str, str]] | None:
        if kind == "time" and isinstance(value, dict):
            return "date", date_value(value), {}
        if kind != "quantity" or not isinstance(value, dict):
            return None
        amount = quantity_value(value)
        unit = _unit_id(value)
        if unit is None:
            return "count", amount, {}
        if unit == PERCENT:
            return "percent", amount, {}
        if unit in TIME_UNITS:
            return "duration", _duration(amount, TIME_UNITS[unit]), {}
        unit_entity = self.labels.get(unit, {})
        codes = [
            str(v) for s in (unit_entity.get("claims") or {}).get(ISO_4217, [])
            if isinstance(v := (s.get("mainsnak", {}).get("datavalue") or {}).get("value"), str)
        ]  # fmt: skip
        if codes and re.fullmatch(r"[A-Z]{3}", codes[0]):
            return "money", amount, {"currency": codes[0]}
        return "count", amount, {"unit": _keyword([_label(unit_entity, unit)]) or unit}

    def _scope(self, qualifiers: Mapping[str, Any]) -> tuple[str, str]:
        """`` (in 1969)``-like text for the statement, and a keyword entry of its years."""
        parts: list[str] = []
        years: list[str] = []
        for prop, word in ((POINT_IN_TIME, "in"), (START, "from"), (END, "until")):
            for snak in qualifiers.get(prop, []):
                value = (snak.get("datavalue") or {}).get("value")
                if not isinstance(value, dict):
                    continue
                try:
                    when = date_value(value)
                except ValueError:
                    continue
                shown = when if isinstance(when, str) else f"{when['min']}–{when['max']}"
                parts.append(f"{word} {shown}")
                years.append((when if isinstance(when, str) else when["min"])[:4])
        text = f" ({', '.join(parts)})" if parts else ""
        return text, "|".join(dict.fromkeys(years))

    def _references(self, references: Sequence[Mapping[str, Any]]) -> tuple[list[str], bool]:
        """Source keys for "stated in" and "reference URL"; whether only imports back it."""
        keys: list[str] = []
        imported = False
        for reference in references:
            snaks = reference.get("snaks") or {}
            title = next(
                (str(v["text"]) for s in snaks.get(TITLE, [])
                 if isinstance(v := (s.get("datavalue") or {}).get("value"), dict) and "text" in v),
                None,
            )  # fmt: skip
            for item in _entity_ids(snaks.get(STATED_IN, [])):
                key = f"wikidata-{item.lower()}"
                self.result.sources.setdefault(key, {
                    "citation": _label(self.labels.get(item, {}), item) + (f": {title}" if title else ""),
                    "url": f"https://www.wikidata.org/wiki/{item}",
                })  # fmt: skip
                keys.append(key)
            for snak in snaks.get(REFERENCE_URL, []):
                url = (snak.get("datavalue") or {}).get("value")
                if isinstance(url, str) and re.match(r"^https?://\S+$", url):
                    key = "url-" + _SLUG.sub("-", url.split("://", 1)[1].lower()).strip("-")[:60]
                    self.result.sources.setdefault(key, {"citation": title or url, "url": url})
                    keys.append(key)
            if snaks.get(IMPORTED_FROM):
                imported = True
        keys = list(dict.fromkeys(keys))
        return keys, imported and not keys

    def _id(self, label: str, prop_label: str, scope: str) -> str:
        base = _SLUG.sub("-", f"{label} {prop_label} {scope.split('|')[0]}".lower()).strip("-")
        base = base[:70].strip("-") or "fact"
        candidate, number = base, 2
        while candidate in self.taken:
            candidate, number = f"{base}-{number}", number + 1
        self.taken.add(candidate)
        return candidate
