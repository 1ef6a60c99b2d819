"""``check --explain``: for each claim, the facts considered, why each matched or not, the verdict."""

from __future__ import annotations

from collections.abc import Sequence

from linter.engine import ArticleResult


def render_explanations(results: Sequence[ArticleResult]) -> str:
    lines: list[str] = []
    for result in results:
        for claim, verdict in zip(result.claims, result.verdicts, strict=True):
            head = (
                f"{result.path}:{claim.span.line}:{claim.span.column}: {claim.kind} {claim.text!r}"
            )
            if verdict is None:
                lines.append(f"{head} -> no fact tables loaded")
                continue
            chosen = f" ({verdict.fact.id} = {verdict.fact.shown})" if verdict.fact else ""
            lines.append(f"{head} -> {verdict.status}{chosen}: {verdict.note}")
            for candidate in verdict.candidates:
                mark = "+" if candidate.matched else "-"
                lines.append(f"    {mark} {candidate.fact.id}: {candidate.reason}")
            if not verdict.candidates:
                lines.append(
                    f"    (no fact of kind {claim.kind} shares a keyword with the sentence)"
                )
    return "\n".join(lines) + ("\n" if lines else "")
