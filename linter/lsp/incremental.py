"""Re-checking an edited buffer a part at a time: only the parts an edit touched are
parsed and matched again.

A document is cut into parts at its ATX headings (``#`` at column 0) and before each line
that starts at column 0 after a blank line and is not a list item, outside fenced code.
Markdown carries no block across such a line (a blank line and then an unindented line end
every list, quote, footnote and table), so each part parses the same alone as in the
whole, given the headings it stands under (its section and whether it is a references
section): those heading lines are kept, every other line outside the part is blanked, so
that lines and columns stay those of the whole file. A part's blocks,
markers, definitions, claims and verdicts are kept by its text and place; an edit parses
again only the parts whose text changed, and the rules then run on the whole.

Where a part could read what stands in another, the whole document is parsed as the CLI
does: link reference definitions (``[x]: url``, used from anywhere), HTML blocks (which
may swallow a heading), headings indented or inside a quote, list item or footnote, and
indented fences (which may belong to a container a cut would split), setext headings, and
``encyclint-disable``/``enable`` regions (which span parts).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from linter import claims as claim_extraction
from linter import engine, parse, source
from linter.claims import Claim
from linter.context import ArticleContext, attach_citations
from linter.document import Block, Definition, Document, Marker, Sentence, Suppression
from linter.facts.knowledge import KnowledgeBase
from linter.facts.matching import Verdict, judge_all

_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_NESTED_HEADING = re.compile(
    r"[ \t]{1,3}#{1,6}(?:[ \t]|$)"
    r"|(?:[ \t]*(?:[>*+-]|\d{1,9}[.)]|\[\^[^\]]*\]:))+[ \t]*#{1,6}(?:[ \t]|$)"
)
"""A heading indented, or inside a quote, a list item or a footnote: it may belong to a
container that a cut would split, and the scan could not tell its section."""
_FENCE = re.compile(r"( {0,3})(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_SETEXT = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*$")
"""A setext underline (also in a quote or a list item), when the line above is not blank."""
_LINK_REFERENCE = re.compile(r"^[ \t>*+\d.)-]*\[(?!\^)[^\]]+\]:", re.MULTILINE)
"""A line that may hold a link reference definition (also in a list or quote)."""
_HTML_BLOCK = re.compile(
    r"^[ \t>*+\d.)-]*<(?!!--.*-->[ \t]*$)(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)", re.MULTILINE
)
"""A line that may open an HTML block: any ``<`` at its start but a one-line comment or an
autolink."""
_REGION_SUPPRESSION = re.compile(r"encyclint-(?:disable|enable)\b(?!-)", re.IGNORECASE)


@dataclass(slots=True)
class _Part:
    """One part as parsed alone, placed in the whole document at block and marker ``base``
    (its indexes shifted by them: a part is shifted again only when parts before it gain
    or lose a block or a marker)."""

    blocks: list[Block]
    markers: list[Marker]
    definitions: tuple[Definition, ...]
    suppressions: tuple[Suppression, ...]
    claims: list[Claim]
    verdicts: tuple[Verdict | None, ...]
    carry: object
    """The last date with a year in or before the part: how its month-days get their year
    (claims.extract), and so what the next part starts from."""
    base: tuple[int, int] = (0, 0)

    def place(self, block_base: int, marker_base: int) -> None:
        """Shift the part's indexes so that its first block and marker have these."""
        blocks = block_base - self.base[0]
        markers = marker_base - self.base[1]
        if blocks:
            self.markers = [
                Marker(m.label, m.style, m.span, m.block + blocks, m.offset) for m in self.markers
            ]
            for claim in self.claims:
                claim.block += blocks
        if markers:
            self.blocks = [_shifted_block(block, markers) for block in self.blocks]
        self.base = (block_base, marker_base)


def parts_of(lines: tuple[str, ...]) -> list[tuple[int, int, tuple[int, ...]]] | None:
    """(first line, end line, lines of the headings in force) of each part, 0-based; None
    where the document must be parsed whole."""
    text = "\n".join(lines)
    if _LINK_REFERENCE.search(text) or _HTML_BLOCK.search(text) or _REGION_SUPPRESSION.search(text):
        return None
    starts = [0]
    stack: list[tuple[int, int]] = []  # (level, line) of the headings in force
    above: list[tuple[int, ...]] = [()]
    fence: str | None = None
    previous_blank = True
    for index in range(_front_matter_end(lines), len(lines)):
        line = lines[index]
        found = _FENCE.match(line)
        if found is not None:
            if found.group(1):
                return None  # an indented fence may belong to a list item
            marks = found.group(2)
            if fence is None:
                fence = marks
            elif (
                marks[0] == fence[0]
                and len(marks) >= len(fence)
                and not line[found.end() :].strip()
            ):
                fence = None
        elif fence is None:
            if _NESTED_HEADING.match(line) or (_SETEXT.match(line) and not previous_blank):
                return None
            if _HEADING.match(line):
                level = len(line) - len(line.lstrip("#"))
                while stack and stack[-1][0] >= level:
                    stack.pop()
                if index > 0:
                    starts.append(index)
                    above.append(tuple(at for _, at in stack))
                stack.append((level, index))
            elif (
                previous_blank
                and index > 0
                and line[:1] not in ("", " ", "\t")
                and not _LIST_ITEM.match(line)  # a list's next item continues the list
            ):
                starts.append(index)
                above.append(tuple(at for _, at in stack))
        previous_blank = not line.strip()
    ends = [*starts[1:], len(lines)]
    return [(s, e, a) for s, e, a in zip(starts, ends, above, strict=True)]


def _front_matter_end(lines: tuple[str, ...]) -> int:
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index + 1
    return len(lines)


class Incremental:
    """The parts of one document's last version, to reuse those an edit left alone."""

    def __init__(self) -> None:
        self._parts: dict[tuple[object, ...], _Part] = {}
        self._knowledge: KnowledgeBase | None = None
        self._scope: str = ""
        self.parsed = 0
        """Parts parsed so far (the rest were reused): what the tests read."""

    def context(self, text_source: source.Source, settings: engine.Settings) -> ArticleContext:
        """The ArticleContext of the whole document, equal to ``engine.analyse``'s."""
        lines = text_source.lines
        parts = parts_of(lines)
        if parts is None or settings.reads() != "verdicts":
            self._parts = {}
            return engine.analyse(text_source, settings)
        if settings.knowledge is not self._knowledge or settings.citation_scope != self._scope:
            self._parts = {}
            self._knowledge, self._scope = settings.knowledge, settings.citation_scope
        kept: dict[tuple[object, ...], _Part] = {}
        pieces = []
        carry: object = None
        for first, end, above in parts:
            years = None if carry is None else str(getattr(carry, "value", ""))
            key = (first, lines[first:end], tuple((at, lines[at]) for at in above), years)
            part = self._parts.get(key) or self._parse(
                text_source, first, end, above, carry, settings
            )
            kept[key] = part
            pieces.append(part)
            carry = part.carry
        self._parts = kept
        return _joined(text_source, pieces, settings)

    def _parse(
        self,
        text_source: source.Source,
        first: int,
        end: int,
        above: tuple[int, ...],
        carry: object,
        settings: engine.Settings,
    ) -> _Part:
        self.parsed += 1
        lines = text_source.lines
        kept = set(above)
        alone = tuple(line if first <= i < end or i in kept else "" for i, line in enumerate(lines))
        document = parse.parse(source.Source(text_source.path, "\n".join(alone), alone))
        years = [carry]
        claims = claim_extraction.extract(document, years)
        attach_citations(document, claims, settings.citation_scope)
        strict = settings.config.precision == "strict"  # as the CLI judges
        verdicts: list[Verdict | None] = (
            list(judge_all(settings.knowledge, document, claims, settings.explain, strict))
            if settings.knowledge is not None
            else [None] * len(claims)
        )
        return _Part(
            document.blocks, document.markers, tuple(document.definitions),
            tuple(document.suppressions), claims, tuple(verdicts), years[0],
        )  # fmt: skip


def _joined(
    text_source: source.Source, pieces: list[_Part], settings: engine.Settings
) -> ArticleContext:
    """The parts as one document: block and marker indexes shifted to their place."""
    blocks: list[Block] = []
    markers: list[Marker] = []
    definitions: list[Definition] = []
    suppressions: list[Suppression] = []
    claims: list[Claim] = []
    verdicts: list[Verdict | None] = []
    for part in pieces:
        part.place(len(blocks), len(markers))
        blocks.extend(part.blocks)
        markers.extend(part.markers)
        definitions.extend(part.definitions)
        suppressions.extend(part.suppressions)
        claims.extend(part.claims)
        verdicts.extend(part.verdicts)
    document = Document(
        text_source.path, text_source.lines, blocks, markers, definitions, suppressions
    )
    attach_citations(document, claims, settings.citation_scope)
    context = ArticleContext(document, claims, settings.citation_scope, settings.knowledge)
    context.verdicts = verdicts
    return context


def _shifted_block(block: Block, marker_base: int) -> Block:
    if not block.markers:
        return block
    return dataclasses.replace(
        block,
        markers=[i + marker_base for i in block.markers],
        sentences=[
            Sentence(s.start, s.end, tuple(i + marker_base for i in s.markers))
            for s in block.sentences
        ],
    )
