"""FCT: claims checked against the fact table."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.context import ArticleContext
from linter.diagnostic import Finding
from linter.fixes import Fix, replace
from linter.fixes.restyle import restyled
from linter.registry import rule

if TYPE_CHECKING:
    from linter.claims import Claim
    from linter.facts.knowledge import Fact, KnowledgeBase


def fact_json(fact: Fact) -> dict[str, object]:
    return {"id": fact.id, "value": fact.shown, "sources": list(fact.sources)}


def _correction(claim: Claim, fact: Fact) -> Fix | None:
    """The fact's value in place of the claim's, written as the claim is written."""
    text = restyled(claim, fact.value)
    if text is None or text == claim.text:
        return None
    return replace(claim.span, text, f"Replace `{claim.text}` with `{text}`", "unsafe")


@rule(code="FCT001", name="contradicted-claim", severity="error")
def contradicted_claim(ctx: ArticleContext) -> Iterator[Finding]:
    """Claim contradicts the fact table.

    ## What it does
    Flags a claim whose best-matching fact (by keywords in its sentence, unit and
    currency) has a value the claim cannot agree with, at the precision the claim is
    written and after its qualifier (`about`, `over`, `by` …). The message names the
    fact, its value and its sources; `encyclint check --explain` shows the matching.

    ## Why is this bad?
    A wrong date or an inflated number is the error readers are least able to spot
    and most likely to repeat.

    ## Example
    ```markdown
    The Soviet Union declared war on Japan on August 9, 1945.
    ```
    With a fact `soviet-declaration-of-war-japan: 1945-08-08`, the date is flagged.

    ## Fix
    When the fact has a single value, the claim is rewritten to it in the claim's own
    style (`August 9, 1945` → `August 8, 1945`, `12,000` → `3,700`): an unsafe fix, since
    the table, not the article, may be wrong. A range-valued fact gives no fix.
    """
    for claim, verdict in zip(ctx.claims, ctx.verdicts, strict=True):
        if verdict is None or verdict.status != "contradicted" or verdict.fact is None:
            continue
        fact = verdict.fact
        sources = ", ".join(fact.sources)
        yield Finding(
            claim.span,
            f'{claim.kind} "{claim.text}" contradicts fact {fact.id}: {fact.shown} [{sources}]',
            claim=claim.to_json(),
            fact=fact_json(fact),
            fingerprint=claim.text,
            fix=_correction(claim, fact),
        )


@rule(code="FCT002", name="unverified-claim", severity="warning")
def unverified_claim(ctx: ArticleContext) -> Iterator[Finding]:
    """Claim matches no fact (unverified).

    ## What it does
    Flags a claim that no fact in the fact tables matches: no fact of its kind has all
    of its keywords in the claim's sentence (and its unit and currency).

    ## Why is this bad?
    An unverified claim is one the project cannot vouch for. Either the table lacks a
    fact editors should add, or the claim is unusual enough to deserve a second look.

    ## Example
    ```markdown
    The Whampoa Military Academy opened in 1924.
    ```
    With no fact keyed on `Whampoa`, `1924` is unverified.
    """
    for claim, verdict in zip(ctx.claims, ctx.verdicts, strict=True):
        if verdict is not None and verdict.status == "unverified":
            yield Finding(
                claim.span,
                f'{claim.kind} "{claim.text}" matches no fact',
                claim=claim.to_json(),
                fingerprint=claim.text,
            )


def linked_sources(ctx: ArticleContext, knowledge: KnowledgeBase) -> dict[str, set[str]]:
    """For each cited label, the source keys it links to: the label itself, or ``@key`` or
    a source's url in the text of a definition with that label."""
    links = {
        marker.label: {marker.label} & knowledge.sources.keys() for marker in ctx.document.markers
    }
    for definition in ctx.document.definitions:
        keys = links.get(definition.label)
        if keys is not None:
            keys |= ctx.source_keys(definition)
    return links


@rule(code="FCT003", name="unsupported-citation", severity="warning")
def unsupported_citation(ctx: ArticleContext) -> Iterator[Finding]:
    """Claim's citations link to none of the matching fact's sources.

    ## What it does
    For a claim matched to a fact, checks that at least one of the claim's citations
    links to one of the fact's sources. A definition links to a source when its label
    is the source key (`[^luthi2008]`, `[@luthi2008]`), or its text contains `@key` or
    the source's `url`. Articles whose references link to no fact-table source at all
    are not checked, and uncited claims are left to CIT004.

    ## Why is this bad?
    A citation that does not support the number beside it gives false assurance: the
    reader who follows it will not find the figure.

    ## Example
    ```markdown
    Stalin died on March 5, 1953.[1]

    1. Glantz, *August Storm* (1983). @glantz1983
    ```
    If the fact `stalin-death` lists only `luthi2008`, the citation does not support it.
    """
    knowledge = ctx.knowledge
    if knowledge is None:
        return
    links = linked_sources(ctx, knowledge)
    if not any(links.values()):
        return
    for claim, verdict in zip(ctx.claims, ctx.verdicts, strict=True):
        if verdict is None or verdict.fact is None or not claim.citations:
            continue
        fact = verdict.fact
        supported = set().union(*(links.get(label, set()) for label in claim.citations))
        if not supported & set(fact.sources):
            cited = ", ".join(claim.citations)
            yield Finding(
                claim.span,
                f'{claim.kind} "{claim.text}" is cited to [{cited}], but fact {fact.id} '
                f"is sourced to {', '.join(fact.sources)}",
                claim=claim.to_json(),
                fact=fact_json(fact),
                fingerprint=claim.text,
            )


@rule(code="FCT004", name="draft-fact", severity="info")
def draft_fact(ctx: ArticleContext) -> Iterator[Finding]:
    """Claim verified only by a draft fact (not yet reviewed).

    ## What it does
    Reports each claim whose verdict comes from a fact marked `status: draft`, the mark
    `encyclint facts suggest` puts on every fact it drafts from the articles. The finding
    goes away when a reviewer checks the value against the source and deletes the
    `status: draft` line.

    ## Why is this bad?
    A draft fact is drafted from the very claim it verifies: until someone has checked it
    against its source, "verified" only means the article agrees with itself. Reporting
    drafts keeps them from passing silently as sourced facts.

    ## Example
    ```markdown
    The Sino-Soviet Treaty of Friendship was signed in 1950.
    ```
    With a fact `treaty-friendship-date: 1950` marked `status: draft`, the claim is
    reported until the draft is reviewed.
    """
    for claim, verdict in zip(ctx.claims, ctx.verdicts, strict=True):
        fact = verdict.fact if verdict is not None else None
        if verdict is None or verdict.status != "verified" or fact is None:
            continue
        if fact.status == "draft":
            yield Finding(
                claim.span,
                f'{claim.kind} "{claim.text}" is verified only by draft fact {fact.id}: '
                "check its value against the source, then remove `status: draft`",
                claim=claim.to_json(),
                fact=fact_json(fact),
                fingerprint=claim.text,
            )
