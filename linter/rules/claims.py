"""CIT004: claims that carry no citation."""

from __future__ import annotations

from collections.abc import Iterator

from linter.claims import Claim
from linter.context import ArticleContext
from linter.diagnostic import Finding
from linter.document import Span
from linter.fixes import Fix, replace
from linter.registry import rule

_MARKERS = {"footnote": "[^{}]", "numeric": "[{}]"}


def _defining(ctx: ArticleContext) -> list[tuple[str, str, set[str]]]:
    """Each footnote or numeric definition of the article: style, label, the fact-table
    sources it links to (by label, ``@key`` or the source's url in its text)."""
    found: list[tuple[str, str, set[str]]] = []
    for definition in ctx.document.definitions:
        keys = ctx.source_keys(definition) if definition.style in _MARKERS else set()
        if keys:
            found.append((definition.style, definition.label, keys))
    return found


def _citation(
    ctx: ArticleContext, claim: Claim, index: int, defining: list[tuple[str, str, set[str]]]
) -> Fix | None:
    """A marker to a definition that links to the verified fact's source, at the end of the
    claim's sentence."""
    verdict = ctx.verdicts[index] if index < len(ctx.verdicts) else None
    if verdict is None or verdict.status != "verified" or verdict.fact is None:
        return None
    sources = set(verdict.fact.sources)
    chosen = next(((s, label) for s, label, keys in defining if keys & sources), None)
    block = ctx.document.blocks[claim.block]
    if chosen is None or not 0 <= claim.sentence < len(block.sentences):
        return None
    end = block.sentences[claim.sentence].end
    while end > 0 and block.prose[end - 1].isspace():
        end -= 1
    line, column = block.position(end - 1)
    marker = _MARKERS[chosen[0]].format(chosen[1])
    where = Span(line, column + 1, line, column + 1)
    return replace(
        where, marker, f"Cite {marker}, which links to {verdict.fact.id}'s source", "unsafe"
    )


@rule(code="CIT004", name="uncited-claim", severity="warning")
def uncited_claim(ctx: ArticleContext) -> Iterator[Finding]:
    """Claim without a citation in its sentence.

    ## What it does
    Flags every date, count, money amount, percentage or duration whose sentence
    carries no citation marker. With `citation-scope = "paragraph"`, a marker
    anywhere in the paragraph covers it. A marker that is itself dangling still
    covers the claim (CIT001 reports the marker).

    ## Why is this bad?
    Numbers are what readers quote and what vandals change. A number with no
    source cannot be checked, so it cannot be trusted.

    ## Example
    ```markdown
    Soviet forces occupied Manchuria until May 1946.
    ```
    `May 1946` has no citation; add a marker such as `[^glantz1983]`.

    ## Fix
    When the fact table verifies the claim and a definition of the article already links
    to one of the fact's sources, a marker to that definition is added at the end of the
    claim's sentence (an unsafe fix: the reference should be checked to say it).
    """
    where = "paragraph" if ctx.citation_scope == "paragraph" else "sentence"
    defining = _defining(ctx)
    for index, claim in enumerate(ctx.claims):
        if not claim.citations:
            yield Finding(
                claim.span,
                f'{claim.kind} "{claim.text}" has no citation in its {where}',
                claim=claim.to_json(),
                fingerprint=claim.text,
                fix=_citation(ctx, claim, index, defining) if defining else None,
            )
