"""The corpus view: what all articles say together, for the corpus-wide rules and the audit."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from linter.claims import INFINITY, Claim
from linter.engine import ArticleResult
from linter.facts.knowledge import KnowledgeBase
from linter.facts.matching import claim_interval

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
_COMMON = frozenset(
    """that this with from which were have been their there about after before during
    into over under than also only some most more such these those while when where what
    other same each both many much very would could should them they then""".split()
)
RARE_WORD_LIMIT = 50
"""A word in more claims than this (in one kind and unit) is too common to pair claims by."""


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A claim and the article it stands in."""

    path: str
    claim: Claim
    fact_id: str | None
    status: str = "unverified"

    def where(self) -> str:
        return f"{self.path}:{self.claim.span.line}:{self.claim.span.column}"


@dataclass(slots=True)
class CorpusContext:
    results: Sequence[ArticleResult]
    knowledge: KnowledgeBase | None

    def claims(self) -> Iterator[ClaimRef]:
        for result in self.results:
            for claim, verdict in zip(result.claims, result.verdicts, strict=True):
                fact = verdict.fact.id if verdict is not None and verdict.fact else None
                status = verdict.status if verdict is not None else "unverified"
                yield ClaimRef(result.path, claim, fact, status)


def disagree(first: Claim, second: Claim) -> bool:
    """Whether two claims cannot both be true: their intervals do not overlap."""
    low_a, high_a = claim_interval(first)
    low_b, high_b = claim_interval(second)
    return high_a < low_b or high_b < low_a


def signature(claim: Claim) -> frozenset[str]:
    """The content words around a claim, without the claim's own text."""
    context = claim.context.replace(claim.text, " ", 1)
    return frozenset(w.lower() for w in _WORD.findall(context) if w.lower() not in _COMMON)


def similar(first: frozenset[str], second: frozenset[str]) -> bool:
    shared = len(first & second)
    return shared >= 3 and shared >= 0.6 * min(len(first), len(second))


def conflicts_via_facts(refs: Sequence[ClaimRef]) -> Iterator[tuple[ClaimRef, ClaimRef]]:
    """(later, earlier) pairs of claims in different articles that match one fact, both
    agreeing with it, yet disagreeing with each other: what the fact table does not settle.

    Where one side is contradicted, FCT001 already reports it against the fact's value;
    a corpus finding would only say it again.
    """
    by_fact: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in refs:
        if ref.fact_id is not None and ref.status == "verified":
            by_fact[ref.fact_id].append(ref)
    for group in by_fact.values():
        yield from _first_disagreement(group)


def _order(ref: ClaimRef) -> tuple[str, int, int]:
    return ref.path, ref.claim.span.line, ref.claim.span.column


def _first_disagreement(group: Sequence[ClaimRef]) -> Iterator[tuple[ClaimRef, ClaimRef]]:
    """Each claim paired with a claim of an earlier article (in path order) it disagrees with.

    A sweep in path order: two intervals are disjoint exactly when one ends before the
    other starts, so against all earlier articles it is enough to keep the claim that
    ends first and the one that starts last. Sorting dominates: n log n.
    """
    ordered = sorted(group, key=_order)
    ends_first: ClaimRef | None = None
    starts_last: ClaimRef | None = None
    ends_at, starts_at = INFINITY, -INFINITY
    index = 0
    while index < len(ordered):
        path = ordered[index].path
        article = []
        while index < len(ordered) and ordered[index].path == path:
            article.append(ordered[index])
            index += 1
        for ref in article:
            low, high = claim_interval(ref.claim)
            if ends_first is not None and ends_at < low:
                yield ref, ends_first
            elif starts_last is not None and starts_at > high:
                yield ref, starts_last
        for ref in article:  # this article's claims count only for the articles after it
            low, high = claim_interval(ref.claim)
            if high < ends_at:
                ends_first, ends_at = ref, high
            if low > starts_at:
                starts_last, starts_at = ref, low


def conflicts_without_facts(refs: Sequence[ClaimRef]) -> Iterator[tuple[ClaimRef, ClaimRef]]:
    """Disagreeing claims of one kind and counted noun, in similar sentences, no fact covering them.

    ("1.5 million Soviet troops" and "1.65 million troops" count the same noun.)
    """
    buckets: dict[tuple[str, str | None], list[ClaimRef]] = defaultdict(list)
    for ref in refs:
        if ref.fact_id is None and ref.claim.context:
            unit = ref.claim.unit.split()[-1] if ref.claim.unit else None  # the head noun
            buckets[(ref.claim.kind, unit)].append(ref)
    for bucket in buckets.values():
        signatures = [signature(ref.claim) for ref in bucket]
        reported: set[int] = set()
        exact: dict[frozenset[str], list[int]] = defaultdict(list)
        for index, words in enumerate(signatures):
            if len(words) >= 3:
                exact[words].append(index)
        for members in exact.values():
            for later, earlier in _first_disagreement([bucket[i] for i in members]):
                reported.add(id(later))
                yield later, earlier
        frequency = Counter(word for words in signatures for word in words)
        postings: dict[str, list[int]] = defaultdict(list)
        for index, words in enumerate(signatures):
            for word in words:
                if frequency[word] <= RARE_WORD_LIMIT:
                    postings[word].append(index)
        for index, words in enumerate(signatures):
            ref = bucket[index]
            if id(ref) in reported:
                continue
            shared = Counter(
                j for word in words if word in postings for j in postings[word] if j < index
            )
            for other_index, count in sorted(shared.items()):
                other = bucket[other_index]
                if count < 3 or other.path == ref.path:
                    continue
                if similar(words, signatures[other_index]) and disagree(ref.claim, other.claim):
                    reported.add(id(ref))
                    yield ref, other
                    break
