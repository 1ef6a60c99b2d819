"""A draft fact's fields from the claims it is drafted from: value, unit, sources, note, id.

Nothing is guessed: the value is what the article wrote (an interval where the claim is
vague or approximate), claims that disagree give the interval spanning them all and a note
naming each, and a source comes only from a reference the article itself gives.
"""

from __future__ import annotations

import datetime
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from linter.claims import Claim, date_interval
from linter.document import Document
from linter.facts.knowledge import Source, duration_days
from linter.facts.matching import claim_interval

NOTE = "draft — check the value against the source"
_URL = re.compile(r"https?://[^\s<>)\]]+")
_AT_KEY = re.compile(r"(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?~/-]*[A-Za-z0-9_])")
_EMPTY_BRACKETS = re.compile(r"<\s*>|\(\s*\)|\[\s*\]")
_KEY_CHARACTERS = re.compile(r"[^A-Za-z0-9_:.#$%&+?<>~/-]+")
_ID_CHARACTERS = re.compile(r"[^a-z0-9]+")
_BOUND_QUALIFIERS = {
    "lower": "a lower bound", "upper": "an upper bound", "by": "a bound", "until": "a bound",
    "before": "a bound", "after": "a bound",
}  # fmt: skip
STATEMENT_LENGTH = 200


@dataclass(frozen=True, slots=True)
class Stated:
    """A claim and the article it stands in."""

    path: str
    document: Document
    claim: Claim

    def where(self) -> str:
        return f"{self.path}:{self.claim.span.line}:{self.claim.span.column}"


@dataclass(frozen=True, slots=True)
class Written:
    """A claim's value as a fact writes it: its two ends (equal for a single value)."""

    low: Any
    high: Any

    def value(self) -> Any:
        return self.low if self.low == self.high else {"min": self.low, "max": self.high}


def _iso_day(ordinal: float) -> str:
    return datetime.date.fromordinal(int(ordinal)).isoformat()


def _rounded(number: float, kind: str, up: bool) -> int | float:
    if kind == "count":
        return math.ceil(number) if up else math.floor(number)
    rounded = float(f"{number:.6g}")
    return int(rounded) if rounded.is_integer() else rounded


def written(claim: Claim) -> Written:
    """The value the claim states, at the precision it is written."""
    if claim.qualifier == "approximate":
        low, high = claim_interval(claim)
        if claim.kind == "date":
            if claim.precision == "year":
                year = int(str(claim.value)[:4])
                return Written(str(year - 1), str(year + 1))
            return Written(_iso_day(low), _iso_day(high))
        if claim.kind != "duration":
            return Written(_rounded(low, claim.kind, False), _rounded(high, claim.kind, True))
    value = claim.value
    if isinstance(value, dict):
        return Written(value["min"], value["max"])
    if isinstance(value, str) and "/" in value:
        first, _, last = value.partition("/")
        return Written(first, last)
    return Written(value, value)


def _position(kind: str, value: Any, end: bool) -> float:
    """Where a written value lies, to find the lowest and highest of several: a date by its
    first (or last) day, a number as itself. ``10,000`` stands for 5,000–15,000 when a claim
    is compared, but as the end of a range it is 10,000."""
    if kind == "date":
        return date_interval(*(int(part) for part in str(value).split("-")))[1 if end else 0]
    if kind == "duration":
        return duration_days(str(value))
    return float(value)


def merged_value(claims: Sequence[Claim]) -> tuple[Any, bool]:
    """The value of a draft for these claims, and whether they disagree (then it spans all)."""
    kind = claims[0].kind
    values = [written(claim) for claim in claims]
    if all((v.low, v.high) == (values[0].low, values[0].high) for v in values):
        return values[0].value(), False
    low = min((v.low for v in values), key=lambda value: _position(kind, value, False))
    high = max((v.high for v in values), key=lambda value: _position(kind, value, True))
    return Written(low, high).value(), True


def unit_of(claims: Sequence[Claim]) -> dict[str, str]:
    """``unit`` (the counted nouns) or ``currency`` (when the sign names one currency)."""
    kind = claims[0].kind
    nouns = list(dict.fromkeys(c.unit.lower() for c in claims if c.unit))
    if kind == "count" and nouns:
        return {"unit": "|".join(nouns)}
    if kind == "money" and len(nouns) == 1 and "|" not in nouns[0]:
        return {"currency": nouns[0].upper()}
    return {}


def statement(stated: Stated) -> str:
    """The claim's sentence on one line, trimmed to about STATEMENT_LENGTH characters."""
    text = " ".join(stated.claim.context.split()) or stated.claim.text
    if len(text) <= STATEMENT_LENGTH:
        return text
    cut = text.rfind(" ", 0, STATEMENT_LENGTH)
    return text[: cut if cut > 0 else STATEMENT_LENGTH] + " …"


def fact_id(keywords: Sequence[str], kind: str, taken: set[str]) -> str:
    """An id from the keywords and the kind, unique among ``taken`` (which it joins)."""
    base = _ID_CHARACTERS.sub("-", "-".join([*keywords, kind]).lower()).strip("-")[:60]
    base = base.strip("-") or kind
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


class SourceBook:
    """The sources drafts cite: those of the existing tables, and new ones from references."""

    def __init__(self, existing: Mapping[str, Source]) -> None:
        self.existing = existing
        self.new: dict[str, dict[str, str]] = {}

    def keys_for(self, stated: Stated) -> tuple[list[str], list[str]]:
        """Source keys for the claim's citations, and the labels no reference entry explains."""
        document = stated.document
        definitions = {d.label: d for d in document.definitions}
        keys: list[str] = []
        missing: list[str] = []
        for label in stated.claim.citations:
            definition = definitions.get(label)
            if definition is None:
                if label in self.existing:  # a pandoc key of the bibliography
                    keys.append(label)
                else:
                    missing.append(label)
                continue
            keys.append(self._key_for(stated.path, label, definition.style, definition.text))
        return list(dict.fromkeys(keys)), missing

    def _key_for(self, path: str, label: str, style: str, text: str) -> str:
        for key, source in self.existing.items():
            if f"@{key}" in text or (source.url and source.url in text):
                return key
        found = _URL.search(text)
        url = found.group().rstrip(".,;:") if found else None
        named = _AT_KEY.search(text)
        bare = _EMPTY_BRACKETS.sub(" ", _AT_KEY.sub(" ", _URL.sub(" ", text)))
        citation = " ".join(bare.split()).strip(" .,;:") or url or label
        entry = {"citation": citation, **({"url": url} if url else {})}
        if named:  # the reference names its key: every article citing it shares the source
            self.new.setdefault(named.group(1), entry)
            return named.group(1)
        if style == "footnote" and not label.isdigit():
            base = _KEY_CHARACTERS.sub("-", label).strip("-")
        else:
            stem = os.path.splitext(os.path.basename(path))[0]
            base = _KEY_CHARACTERS.sub("-", f"{stem}-{label}").strip("-")
        key, number = base or "source", 2
        while True:
            known = self.new.get(key)
            if known == entry:
                return key
            if known is None and key not in self.existing:
                self.new[key] = entry
                return key
            if key in self.existing and self.existing[key].citation == citation:
                return key
            key, number = f"{base}-{number}", number + 1


def note(claims: Sequence[Stated], disagree: bool, missing: Sequence[str], unique: bool) -> str:
    """The draft's note: the standard warning, then what a reviewer must know."""
    parts = [NOTE]
    if len(claims) == 1:
        parts.append(f'drafted from "{claims[0].claim.text}" at {claims[0].where()}')
    else:
        listed = ", ".join(f'"{s.claim.text}" in {s.where()}' for s in claims)
        if disagree:
            parts.append(f"the articles disagree: {listed}; the value spans them all")
        else:
            parts.append(f"stated alike in {len(claims)} articles: {listed}")
    for stated in claims:
        bound = _BOUND_QUALIFIERS.get(stated.claim.qualifier or "")
        if bound:
            parts.append(f'"{stated.claim.text}" is qualified ({stated.claim.qualifier}): '
                         f"the value is {bound}")  # fmt: skip
    if missing:
        parts.append(f"cited as [{', '.join(missing)}], which no reference entry explains")
    elif not any(s.claim.citations for s in claims):
        parts.append("uncited in the article: find a source")
    if claims[0].claim.kind == "money" and not unit_of([s.claim for s in claims]):
        parts.append("the currency sign names several currencies: add `currency`")
    if not unique:
        parts.append("no words of the sentence single this claim out: review the keywords")
    return "; ".join(parts)
