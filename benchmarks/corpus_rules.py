"""Corpus rules at scale: COR002 and COR003 on many claims of one fact or one sentence.

COR003 once compared each claim with every distinct earlier value of its group: 20,000
claims of one sentence took 58 s. Both rules now sort and sweep; this times them.
"""

from __future__ import annotations

import time

from linter import claims, parse, source
from linter.context import attach_citations
from linter.corpus import ClaimRef, conflicts_via_facts, conflicts_without_facts

SENTENCE = "The Whampoa academy trained {n:,} cadets in its first classes under Soviet instructors."
AGREEING = "The Whampoa academy trained about {n:,} cadets in its first classes under Soviet instructors."


def refs(count: int, sentence: str = SENTENCE, step: float = 7, per_article: int = 100) -> list[ClaimRef]:
    """``count`` claims of one sentence with distinct values, ``per_article`` an article."""
    found: list[ClaimRef] = []
    for article in range(count // per_article):
        numbers = range(article * per_article, (article + 1) * per_article)
        text = "\n\n".join(sentence.format(n=10_000 + int(n * step)) for n in numbers) + "\n"
        document = parse.parse(source.from_text(text, f"a{article:05}.md"))
        extracted = claims.extract(document)
        attach_citations(document, extracted, "sentence")  # gives each claim its sentence
        found += [ClaimRef(document.path, claim, None) for claim in extracted]
    return found


def timings(count: int = 20_000) -> dict[str, float]:
    unsourced = refs(count)
    start = time.perf_counter()
    without = sum(1 for _ in conflicts_without_facts(unsourced))
    cor003 = time.perf_counter() - start
    of_one_fact = [ClaimRef(r.path, r.claim, "one-fact", "verified") for r in unsourced]
    start = time.perf_counter()
    via = sum(1 for _ in conflicts_via_facts(of_one_fact))
    cor002 = time.perf_counter() - start
    assert without == via == count - 100, (without, via)  # all but the first article's
    agreeing = refs(count, AGREEING, step=0.02)  # within 10% of each other: every pair must be looked at
    start = time.perf_counter()
    assert not any(conflicts_without_facts(agreeing))
    quiet = time.perf_counter() - start
    return {f"COR003, {count // 1000}k claims, disagreeing": cor003,
            f"COR003, {count // 1000}k claims, agreeing": quiet,
            f"COR002, {count // 1000}k claims of one fact": cor002}  # fmt: skip


if __name__ == "__main__":
    for name, seconds in timings().items():
        print(f"{name:<36}{seconds:>9.2f} s")
