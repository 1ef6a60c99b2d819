"""What hovering shows: a claim and the fact that decided it (as the HTML report's tooltip),
or a marker's definition."""

from __future__ import annotations

from linter.claims import Claim
from linter.document import Definition, Marker
from linter.facts.knowledge import KnowledgeBase
from linter.facts.matching import Verdict


def _value(value: object) -> str:
    if isinstance(value, dict):
        return f"{value['min']}–{value['max']}"
    return str(value)


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def claim_markdown(claim: Claim, verdict: Verdict | None, knowledge: KnowledgeBase | None) -> str:
    """Kind, normalised value, qualifier, verdict; the fact's id, value, statement, sources."""
    head = f"**{claim.kind}** {_code(claim.text)} → {_code(_value(claim.value))}"
    if claim.unit:
        head += f" ({claim.unit})"
    parts = [head]
    if claim.qualifier:
        parts.append(f"Qualifier: {claim.qualifier}")
    cited = ", ".join(f"[{label}]" for label in claim.citations) or "no citation"
    parts.append(f"Cited: {cited}")
    if knowledge is None:
        parts.append("No fact tables are configured.")
    elif verdict is None or verdict.fact is None:
        parts.append("**unverified**: no fact matches this claim.")
    else:
        fact = verdict.fact
        parts.append(f"**{verdict.status}** by fact {_code(fact.id)} = {_code(fact.shown)}")
        if fact.statement:
            parts.append(f"> {fact.statement}")
        sources = []
        for key in fact.sources:
            source = knowledge.sources.get(key)
            if source is None:
                sources.append(f"- {_code(key)} (unknown source)")
            elif source.url:
                sources.append(f"- {_code(key)}: {source.citation} <{source.url}>")
            else:
                sources.append(f"- {_code(key)}: {source.citation}")
        parts.append("Sources:\n" + "\n".join(sources))
    return "\n\n".join(parts)


def marker_markdown(
    marker: Marker, definitions: list[Definition], knowledge: KnowledgeBase | None
) -> str:
    """A marker's definition text; for a pandoc key, the fact-table source it names."""
    shown = {"footnote": f"[^{marker.label}]", "numeric": f"[{marker.label}]"}.get(
        marker.style, f"[@{marker.label}]"
    )
    parts = [f"**{shown}**"]
    parts.extend(d.text or "(empty definition)" for d in definitions)
    source = knowledge.sources.get(marker.label) if knowledge else None
    if marker.style == "pandoc" and source is not None:
        parts.append(source.citation + (f" <{source.url}>" if source.url else ""))
    if len(parts) == 1:
        parts.append("No definition: this marker is dangling.")
    return "\n\n".join(parts)
