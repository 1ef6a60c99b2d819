"""Matching claims to facts, and deciding whether they agree.

A claim matches a fact when the kinds agree, every keyword entry occurs in the
claim's sentence, the counted noun is one of the fact's units and the currency is
the fact's. Among the matches the most specific wins (more keyword entries, then
longer keyword text, then a checked unit); a tie between facts that disagree is
settled in the claim's favour. When several claims of one kind in one sentence
match the same fact, one claim takes it: one that agrees with it before one that
does not, then the one nearest its keywords. "Stalin's death in 1953" takes the
death fact, and the 1950 treaty in the same sentence does not.

Agreement: the claim's interval (its value at the precision written, widened or
bounded by its qualifier) overlaps the fact's (its value, range or tolerance).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from linter.claims import INFINITY, STOPWORDS, Claim
from linter.document import Document
from linter.facts.keywords import Keyword, lower_same_length
from linter.facts.knowledge import Fact, KnowledgeBase

Status = Literal["verified", "contradicted", "unverified"]
_YEAR_DAYS = 366.0


@dataclass(slots=True)
class Candidate:
    """A fact considered for a claim, and what came of it."""

    fact: Fact
    matched: bool
    reason: str
    score: tuple[int, int, int] = (0, 0, 0)
    distance: int = 0
    agrees: bool = False


@dataclass(slots=True)
class Verdict:
    """What the fact table says of a claim, the fact that decided it, and the facts weighed."""

    status: Status
    fact: Fact | None
    candidates: list[Candidate] = field(default_factory=list)
    note: str = ""


_STRICT_SHARE = 0.05
"""Under ``precision = "strict"``, how far a round number reaches: 5% of its value."""


def claim_interval(claim: Claim, strict: bool = False) -> tuple[float, float]:
    """The values a claim admits, its qualifier applied.

    Strictly read, a number written round (``10,000``: 5,000–15,000 at its last digit)
    reaches no further than 5% of its value (9,500–10,500); a fact's own tolerance still
    widens the fact.
    """
    low, high = claim.low, claim.high
    if strict and claim.precision == "number" and claim.kind in ("count", "money", "percent"):
        middle = (low + high) / 2
        reach = min((high - low) / 2, abs(middle) * _STRICT_SHARE)
        low, high = middle - reach, middle + reach
    qualifier = claim.qualifier
    if qualifier == "approximate":
        if claim.kind == "date":
            return low - _YEAR_DAYS, high + _YEAR_DAYS
        return low - abs(low) * 0.1, high + abs(high) * 0.1
    if qualifier == "lower":
        return low, INFINITY
    if qualifier in ("upper", "by"):
        return -INFINITY, high
    if qualifier == "before":
        return -INFINITY, low
    if qualifier == "after":
        return high, INFINITY
    return low, high


def _overlaps(interval: tuple[float, float], fact: Fact) -> bool:
    """Whether a claim's interval (``claim_interval``) and the fact's overlap: they agree."""
    low, high = interval
    slack = 1e-9 * max(abs(fact.low), abs(fact.high), 1.0)
    return low <= fact.high + slack and fact.low <= high + slack


def _currency_matches(claim: Claim, fact: Fact) -> bool:
    return fact.currency is None or claim.unit is None or fact.currency in claim.unit.split("|")


Hits = list[list[tuple[int, int]]]
"""Where each keyword entry of a fact occurs in a sentence."""


@dataclass(slots=True)
class _Sentence:
    """A sentence as matching sees it, worked out once and shared by all its claims."""

    lowered: str
    """The sentence in lower case, one character for one."""
    offset: int
    """Where it starts in its block's prose."""
    before: str
    """The character before it, for a word boundary at its start."""
    facts: list[Fact]
    explain: bool
    """Whether the first entry missing must be the one ``--explain`` has always named."""
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    """Keyword entry → where it occurs, in prose positions: facts share entries."""
    hits: dict[tuple[str, ...], Hits | str] = field(default_factory=dict)
    """A fact's keywords → their hits, or the first entry missing: facts share keywords."""
    by_kind: dict[str, list[Fact]] = field(default_factory=dict)
    """Claim kind → the candidate facts of that kind: a sentence's claims share kinds."""
    units: dict[str, bool] = field(default_factory=dict)
    """Unit entry → whether it occurs in the sentence."""

    def facts_of(self, kind: str) -> list[Fact]:
        facts = self.by_kind.get(kind)
        if facts is None:
            facts = self.by_kind[kind] = [fact for fact in self.facts if fact.kind == kind]
        return facts

    def holds(self, unit: Keyword) -> bool:
        held = self.units.get(unit.entry)
        if held is None:
            held = self.units[unit.entry] = bool(unit.spans(self.lowered, self.before))
        return held

    def keyword_hits(self, fact: Fact) -> Hits | str:
        hits = self.hits.get(fact.keywords)
        if hits is None:
            hits = self.hits[fact.keywords] = self._find(fact)
        return hits

    def _find(self, fact: Fact) -> Hits | str:
        lowered = self.lowered
        entries = fact.keyword_entries
        if self.explain:  # the first entry of no substring, as the index found them
            for keyword in entries:
                if not any(needle in lowered for needle in keyword.needles):
                    return keyword.entry
        hits = []
        for keyword in entries:
            spans = self.spans.get(keyword.entry)
            if spans is None:
                offset = self.offset
                spans = self.spans[keyword.entry] = [
                    (offset + start, offset + end)
                    for start, end in keyword.spans(lowered, self.before)
                ]
            if not spans:
                return keyword.entry
            hits.append(spans)
        return hits


_MODIFIED_NOUN = re.compile(r"[ \t\n]+([a-z][a-z'’-]*)")


_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that|these|those)\s+$")
_NOT_NOUNS = frozenset("worth alone apiece ago itself himself herself themselves".split())


def _only_as_modifier(
    sentence: _Sentence, entry: str, spans: list[tuple[int, int]], claim: Claim
) -> bool:
    """Whether every occurrence of a one-word keyword stands between an article and another
    noun, naming something else: "an independence referendum" is no independence."""
    if " " in entry:
        return False
    for begin, finish in spans:
        if not _DETERMINER_BEFORE.search(sentence.lowered, 0, begin - sentence.offset):
            return False  # "Japan heard": no article, so no noun phrase to modify
        word = _MODIFIED_NOUN.match(sentence.lowered, finish - sentence.offset)
        if word is None:
            return False
        following = word.group(1)
        if claim.start <= sentence.offset + word.start(1) < claim.end:
            return False  # "withdrew thousands of experts": the claim itself follows
        if (
            following in STOPWORDS
            or following in _NOT_NOUNS
            or following.endswith(("ed", "ing", "ly"))
        ):
            return False
    return True


@dataclass(slots=True)
class _Weighing:
    """A claim as every fact of its sentence is weighed against it, worked out once."""

    claim: Claim
    interval: tuple[float, float]
    """The values the claim admits (``claim_interval``)."""
    unit: str | None
    """The counted noun in lower case, for a count claim that names one."""
    explain: bool
    """Whether reasons are wanted (most facts weighed are rejected, and nothing else reads
    why)."""
    shapes: dict[tuple[tuple[str, ...], str | None, str | None], _Shape] = field(
        default_factory=dict
    )
    """A fact's keywords, unit and currency → how it fits the claim, value aside: facts
    alike in those (drafts of one sentence in many articles) differ only in agreeing."""
    modifies: dict[str, bool] = field(default_factory=dict)
    """Keyword entry → whether it only modifies another noun here (``_only_as_modifier``):
    every fact that disagrees asks, and facts share entries."""

    @classmethod
    def of(cls, claim: Claim, explain: bool, strict: bool) -> _Weighing:
        counted = claim.unit if claim.kind == "count" else None
        unit = lower_same_length(counted) if counted is not None else None
        return cls(claim, claim_interval(claim, strict), unit, explain)


@dataclass(frozen=True, slots=True)
class _Shape:
    """How a fact's keywords, unit and currency fit a claim: a reason it cannot match, or
    its score and distance."""

    rejected: str | None
    score: tuple[int, int, int] = (0, 0, 0)
    distance: int = 0


def _consider(fact: Fact, weighing: _Weighing, hits: Hits | str, sentence: _Sentence) -> Candidate:
    """Whether the fact matches the claim, and how well; the reason only for ``--explain``."""
    if isinstance(hits, str):
        return Candidate(fact, False, f"keyword {hits!r} not in the sentence")
    key = (fact.keywords, fact.unit, fact.currency)
    shape = weighing.shapes.get(key)
    if shape is None:
        shape = weighing.shapes[key] = _shape(fact, weighing, hits, sentence)
    if shape.rejected is not None:
        return Candidate(fact, False, shape.rejected)
    explain = weighing.explain
    agreed = _overlaps(weighing.interval, fact)
    if not agreed and _modified(fact, weighing, hits, sentence):
        reason = (
            f"a keyword only modifies another noun here: unsure, so no contradiction of "
            f"{fact.shown}"
            if explain
            else ""
        )
        return Candidate(fact, False, reason)
    reason = (
        f"all keywords found; value {fact.shown} {'agrees' if agreed else 'disagrees'}"
        if explain
        else ""
    )
    return Candidate(fact, True, reason, shape.score, shape.distance, agreed)


def _modified(fact: Fact, weighing: _Weighing, hits: Hits, sentence: _Sentence) -> bool:
    """Whether a keyword of the fact (found at ``hits``) only modifies another noun here."""
    known = weighing.modifies
    for keyword, spans in zip(fact.keyword_entries, hits, strict=True):
        entry = keyword.entry
        modifies = known.get(entry)
        if modifies is None:
            modifies = known[entry] = _only_as_modifier(sentence, entry, spans, weighing.claim)
        if modifies:
            return True
    return False


def _shape(fact: Fact, weighing: _Weighing, hits: Hits, sentence: _Sentence) -> _Shape:
    """How the fact's keywords (found at ``hits``), unit and currency fit the claim."""
    claim, explain = weighing.claim, weighing.explain
    claim_start, claim_end = claim.start, claim.end
    distance = -1  # the gap between the claim and its nearest keyword
    matched_chars = 0
    for spans in hits:
        if len(spans) == 1:
            (begin, finish), = spans  # fmt: skip
            best, length = max(begin - claim_end, claim_start - finish, 0), finish - begin
        else:
            best, length = min(
                (max(begin - claim_end, claim_start - finish, 0), finish - begin)
                for begin, finish in spans
            )
        if distance < 0 or best < distance:
            distance = best
        matched_chars += length
    unit_checked = 0
    unit = fact.unit_keyword
    if unit is not None and claim.kind == "count":
        if weighing.unit is not None:
            if not unit.spans(weighing.unit):
                reason = f"counts {claim.unit!r}, the fact counts {fact.unit!r}" if explain else ""
                return _Shape(reason)
            unit_checked = 1
        elif not sentence.holds(unit):
            reason = f"counts nothing named, and {fact.unit!r} is not in the sentence"
            return _Shape(reason if explain else "")
    if claim.kind == "money" and not _currency_matches(claim, fact):
        reason = f"currency {claim.unit}, the fact's is {fact.currency}" if explain else ""
        return _Shape(reason)
    return _Shape(None, (len(fact.keywords), matched_chars, unit_checked), distance)


def _decide(candidates: list[Candidate]) -> Verdict:
    matched = [c for c in candidates if c.matched]
    if not matched:
        return Verdict("unverified", None, candidates, "no fact matches")
    chosen = matched[0]  # most claims: one fact matches
    if len(matched) > 1:
        best_score = max(c.score for c in matched)
        best = [c for c in matched if c.score == best_score]
        agreeing = [c for c in best if c.agrees]
        chosen = min(agreeing or best, key=lambda c: c.distance)
    if chosen.agrees:
        note = f"most specific match {chosen.fact.id} agrees"
        return Verdict("verified", chosen.fact, candidates, note)
    return Verdict(
        "contradicted", chosen.fact, candidates, f"most specific match {chosen.fact.id} disagrees"
    )


def judge_all(
    knowledge: KnowledgeBase,
    document: Document,
    claims: list[Claim],
    explain: bool = False,
    strict: bool = False,
) -> list[Verdict]:
    """A verdict for every claim of a document. Each verdict lists the facts that match the
    claim; with ``explain`` also those weighed and rejected, and why, down to the facts that
    share only their first keyword with the sentence. ``strict``: round numbers are read to
    within 5% (``precision = "strict"``).

    Candidates and keyword positions are worked out once per sentence, not per claim: a
    sentence often holds several claims, and its facts share keyword entries.
    """
    per_claim: list[list[Candidate]] = []
    sentences: dict[tuple[int, int], _Sentence] = {}
    for claim in claims:
        where = (claim.block, claim.sentence)
        seen = sentences.get(where)
        if seen is None:
            prose = document.blocks[claim.block].prose
            sentence = document.blocks[claim.block].sentences[claim.sentence]
            lowered = lower_same_length(prose[sentence.start : sentence.end])
            before = prose[sentence.start - 1] if sentence.start else ""
            seen = sentences[where] = _Sentence(
                lowered, sentence.start, before, knowledge.candidates(lowered, explain), explain
            )
        facts = seen.facts_of(claim.kind)
        if claim.low == -INFINITY:  # a month and day whose year the article never gives
            per_claim.append(
                [Candidate(f, False, "the claim gives no year") for f in facts] if explain else []
            )
            continue
        if not facts:
            per_claim.append([])
            continue
        weighing = _Weighing.of(claim, explain, strict)
        if explain:
            per_claim.append([_consider(f, weighing, seen.keyword_hits(f), seen) for f in facts])
        else:  # only the facts that match are kept: nothing else reads the others
            weighed = (_consider(f, weighing, hits, seen) for f in facts
                       if not isinstance(hits := seen.keyword_hits(f), str))  # fmt: skip
            per_claim.append([candidate for candidate in weighed if candidate.matched])
    _nearest_claim_takes_fact(claims, per_claim)
    return [_decide(candidates) for candidates in per_claim]


def _nearest_claim_takes_fact(claims: list[Claim], per_claim: list[list[Candidate]]) -> None:
    """Where claims of one kind in one sentence match the same fact, one claim takes it.

    Pairs are assigned greedily, agreeing pairs first, then by how near the fact's keywords
    stand to the claim: "met Stalin on December 16 and January 22, 1950" gives each meeting
    fact to the date it agrees with, and "Stalin's death in 1953" keeps the death fact away
    from the 1950 treaty in the same sentence.
    """
    rivalled: dict[tuple[int, int, str], list[int]] = {}
    for index, candidates in enumerate(per_claim):
        if any(candidate.matched for candidate in candidates):
            claim = claims[index]
            rivalled.setdefault((claim.block, claim.sentence, claim.kind), []).append(index)
    pairs = [  # a claim alone of its kind in its sentence keeps all its facts
        (not candidate.agrees, candidate.distance, index, candidate)
        for indexes in rivalled.values()
        if len(indexes) > 1
        for index in indexes
        for candidate in per_claim[index]
        if candidate.matched
    ]
    pairs.sort(key=lambda pair: pair[:3])
    taken: dict[tuple[int, int, str, str], int] = {}
    served: set[int] = set()
    rivals: dict[tuple[int, int, str, str], set[int]] = {}
    for _, _, index, candidate in pairs:
        claim = claims[index]
        key = (claim.block, claim.sentence, claim.kind, candidate.fact.id)
        rivals.setdefault(key, set()).add(index)
    for _, _, index, candidate in pairs:
        claim = claims[index]
        key = (claim.block, claim.sentence, claim.kind, candidate.fact.id)
        owner = taken.get(key)
        if owner is None and index in served and rivals[key] - served:
            candidate.matched = False  # one fact for each claim while another claim waits
            candidate.reason = "this claim already takes a fact; another claim is left for this one"
            continue
        owner = taken.setdefault(key, index)
        served.add(index)
        if owner != index:
            candidate.matched = False
            candidate.reason = f"{claims[owner].text!r} in the same sentence takes this fact"
