"""CIT004: claims that carry no citation."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import ArticleContext
from linter.diagnostic import Finding
from linter.registry import rule


@rule(code="CIT004", name="uncited-claim", severity="warning", reads="claims")
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
    """
    where = "paragraph" if ctx.citation_scope == "paragraph" else "sentence"
    for claim in ctx.claims:
        if not claim.citations:
            yield Finding(
                claim.span,
                f'{claim.kind} "{claim.text}" has no citation in its {where}',
                claim=claim.to_json(),
                fingerprint=claim.text,
            )
