"""COR: corpus-wide rules, run by ``encyclint audit`` over every article at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.diagnostic import Finding, Related
from linter.document import Span
from linter.registry import rule

if TYPE_CHECKING:  # the corpus machinery loads only when an audit runs these rules
    from linter.corpus import ClaimRef, CorpusContext


def _finding(
    later: ClaimRef, earlier: ClaimRef, tail: str, fact: dict[str, object] | None = None
) -> Finding:
    """The later claim, with the earlier one as its related place (the report groups by it)."""
    claim, other = later.claim, earlier.claim
    return Finding(
        claim.span,
        f'{claim.kind} "{claim.text}" disagrees with "{other.text}" in {earlier.where()}{tail}',
        claim=claim.to_json(),
        fact=fact,
        fingerprint=claim.text,
        path=later.path,
        related=(Related(earlier.path, other.span, f'{other.kind} "{other.text}"'),),
    )


@rule(code="COR001", name="unused-fact", severity="info", scope="corpus")
def unused_fact(ctx: CorpusContext) -> Iterator[Finding]:
    """Fact that no article uses.

    ## What it does
    Reports every fact in the fact tables that no claim of the audited articles
    matched, at the fact's line in its table.

    ## Why is this bad?
    An orphaned fact is either stale (the article that used it was rewritten) or
    misspelt in its keywords, so that it never matches the claims it was written for.

    ## Example
    ```yaml
    - id: stalin-death
      keywords: [Staline, died]     # a typo: no article says "Staline"
      date: 1953-03-05
    ```
    """
    if ctx.knowledge is None:
        return
    used = {ref.fact_id for ref in ctx.claims() if ref.fact_id is not None}
    for fact in ctx.knowledge.facts:
        if fact.id not in used:
            yield Finding(
                Span(fact.line, 1, fact.line, 2),
                f"fact {fact.id} is used by no article",
                fingerprint=fact.id,
                path=fact.path,
            )


@rule(code="COR002", name="inconsistent-claims", severity="warning", scope="corpus")
def inconsistent_claims(ctx: CorpusContext) -> Iterator[Finding]:
    """Two articles state one fact with values that disagree, and the fact does not settle it.

    ## What it does
    Finds claims in different articles that match the same fact and both agree with
    it (the fact is a range, or has a tolerance, that both values fall in), yet cannot
    both be true at the precision written. Reports the later one (in path order),
    naming the earlier. Where one side is contradicted, FCT001 already reports it, on
    that side, against the fact's value: COR002 does not say it again.

    ## Why is this bad?
    Readers who follow links between articles see the encyclopedia contradict itself;
    the fact table cannot tell which is right, so an editor has to, and may narrow the
    fact's range once they know.

    ## Example
    ```markdown
    <!-- facts: manchuria-soviet-troops, count 1,400,000–1,700,000 -->
    <!-- articles/manchuria.md -->   About 1.5 million Soviet troops invaded Manchuria.
    <!-- articles/kwantung.md -->    The 1.65 million Soviet troops who invaded Manchuria …
    ```
    """
    from linter.corpus import conflicts_via_facts
    from linter.rules.facts import fact_json

    conflicts = list(conflicts_via_facts(list(ctx.claims())))
    wanted = {later.fact_id for later, _ in conflicts}
    knowledge = ctx.knowledge.facts if ctx.knowledge is not None and wanted else []
    facts = {fact.id: fact for fact in knowledge if fact.id in wanted}
    for later, earlier in conflicts:
        fact = facts.get(str(later.fact_id))
        about = fact_json(fact) if fact is not None else None
        yield _finding(later, earlier, f" (both about fact {later.fact_id})", about)


@rule(code="COR003", name="inconsistent-unsourced-claims", severity="warning", scope="corpus")
def inconsistent_unsourced_claims(ctx: CorpusContext) -> Iterator[Finding]:
    """Two articles disagree about something no fact covers.

    ## What it does
    Compares claims that match no fact: same kind, same unit or currency, and
    sentences that share most of their content words. Where the values cannot both
    be true, reports the later claim, naming the earlier.

    ## Why is this bad?
    It is a contradiction no fact table can catch yet, and the way editors discover
    the facts they should add to the table.

    ## Example
    ```markdown
    <!-- articles/a.md -->  The Whampoa academy trained 8,000 cadets in its first classes.
    <!-- articles/b.md -->  In its first classes the Whampoa academy trained 4,000 cadets.
    ```
    """
    from linter.corpus import conflicts_without_facts

    for later, earlier in conflicts_without_facts(list(ctx.claims())):
        yield _finding(later, earlier, "; no fact covers it: add one to the fact table")
