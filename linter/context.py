"""What a rule sees of one article: its document, its claims and their fact-table verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from linter.claims import Claim
from linter.document import Definition, Document

if TYPE_CHECKING:
    from linter.facts.knowledge import KnowledgeBase
    from linter.facts.matching import Verdict

CitationScope = Literal["sentence", "paragraph"]


@dataclass(slots=True)
class ArticleContext:
    """What an article rule sees: the document, its claims and their verdicts."""

    document: Document
    claims: list[Claim]
    citation_scope: CitationScope = "sentence"
    knowledge: KnowledgeBase | None = None
    verdicts: list[Verdict | None] = field(default_factory=list)
    _source_keys: dict[int, frozenset[str]] = field(default_factory=dict)
    """Per definition (by identity), the sources it links to: three rules ask."""

    def source_keys(self, definition: Definition) -> set[str]:
        """The fact-table sources a definition links to: its label is a source key, or its
        text holds ``@key`` or the source's url."""
        if self.knowledge is None:
            return set()
        keys = self._source_keys.get(id(definition))
        if keys is None:
            sources = self.knowledge.sources
            text = definition.text
            cites_keys = "@" in text
            keys = self._source_keys[id(definition)] = frozenset(
                key
                for key, source in sources.items()
                if key == definition.label
                or (cites_keys and f"@{key}" in text)
                or (source.url and source.url in text)
            )
        return set(keys)

    def defined_labels(self) -> set[tuple[str, str]]:
        """(style, label) of every definition, and of every fact-table source as a pandoc key."""
        defined: set[tuple[str, str]] = {(d.style, d.label) for d in self.document.definitions}
        if self.knowledge is not None:
            defined.update(("pandoc", key) for key in self.knowledge.sources)
        return defined


def attach_citations(document: Document, claims: list[Claim], scope: CitationScope) -> None:
    """Set each claim's citations: the labels of the markers of its sentence (or paragraph)."""
    for claim in claims:
        block = document.blocks[claim.block]
        sentence = block.sentences[claim.sentence] if block.sentences else None
        if sentence is not None:
            claim.context = block.prose[sentence.start : sentence.end]
        if scope == "paragraph":
            indexes: tuple[int, ...] = tuple(block.markers)
        else:
            indexes = sentence.markers if sentence is not None else ()
        claim.citations = tuple(dict.fromkeys(document.markers[i].label for i in indexes))
