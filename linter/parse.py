"""Markdown to Document: the one place where markdown-it's block maps become lines and columns.

markdown-it gives line ranges for blocks only. To know exactly where each inline
construct stands, a few of its inline rules are wrapped so that they record the
span they consumed in the block's source text; a citation-marker rule runs
before the link and footnote rules. The block's inline source is then mapped
back onto the original lines, which is exact because markdown-it's inline text
is always a suffix (or, for table cells and closed headings, a part) of each line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from linter import sentences
from linter.document import (
    Block,
    Definition,
    Document,
    Marker,
    MarkerStyle,
    Sentence,
    Span,
    Suppression,
)
from linter.errors import UserError
from linter.source import Source

REFERENCE_HEADINGS = frozenset(
    {"references", "notes", "sources", "citations", "bibliography", "footnotes", "works cited"}
)
"""Headings whose section holds reference definitions and no prose claims."""

_ENV_KEY = "encyclint"
_FOOTNOTE_MARKER = re.compile(r"\[\^([^\]\s]{1,200})\]")
_NUMERIC_MARKER = re.compile(r"\[(\d{1,6})\](?!\()")
_PANDOC_GROUP = re.compile(r"\[([^\[\]\n]{0,1000}?)\]")
_PANDOC_KEY = re.compile(r"(?:^|(?<=[\s;\[-]))-?@(\w[\w:.#$%&+?<>~/-]{0,200})")
_LINE_DEFINITION = re.compile(r"[ \t]{0,3}(?:[-*+][ \t]+)?\[(\^?[^\]\s]{1,200})\](:?)(?:[ \t]+|$)")
_SUPPRESSION = re.compile(
    r"<!--\s*encyclint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _InlineRecord:
    """What the wrapped inline rules saw in one inline token's source."""

    blank: list[tuple[int, int]] = field(default_factory=list)
    markers: list[tuple[str, MarkerStyle, int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _Recorder:
    """Shared by the wrapped rules through markdown-it's env during one parse."""

    src: str | None = None
    records: dict[int, _InlineRecord] = field(default_factory=dict)
    current: _InlineRecord | None = None
    too_deep: int | None = None
    """The first line markdown-it skipped for nesting too deep, if any (0-based)."""

    def active(self, state: StateInline) -> _InlineRecord | None:
        # Images and inline footnotes re-parse a substring: those offsets are not ours.
        return self.current if state.src is self.src else None


def _recorder(state: StateInline | StateCore | StateBlock) -> _Recorder:
    recorder: _Recorder = state.env[_ENV_KEY]
    return recorder


InlineRule = Callable[[StateInline, bool], bool]


def _blanking(rule: InlineRule, first: str, *, keep_link_text: bool = False) -> InlineRule:
    """Wrap an inline rule so that the source it consumes is blanked out of the prose.

    The rule can start only at ``first``: markdown-it tries every rule at every position
    where its text rule stops, so the wrapper says no there without calling the rule."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if state.src[start] != first or not rule(state, silent):
            return False
        record = None if silent else _recorder(state).active(state)
        if record is not None:
            blank_from = start
            if keep_link_text:
                label_end = state.md.helpers.parseLinkLabel(state, start, True)
                blank_from = label_end + 1 if label_end >= 0 else start
                record.blank.append((start, start + 1))
            record.blank.append((blank_from, state.pos))
        return True

    return wrapped


def _citation_marker(state: StateInline, silent: bool) -> bool:
    """Inline rule: ``[^label]``, ``[n]`` and ``[@key, p. 3]`` outside links become markers."""
    src, pos = state.src, state.pos
    # In silent mode markdown-it is measuring a link label: a marker there is link text.
    if silent or src[pos] != "[" or state.linkLevel > 0:
        return False
    found: list[tuple[str, MarkerStyle, int, int]] = []
    match = _FOOTNOTE_MARKER.match(src, pos) or _NUMERIC_MARKER.match(src, pos)
    if match is not None:
        style: MarkerStyle = "footnote" if src[pos + 1] == "^" else "numeric"
        found.append((match.group(1), style, pos, match.end()))
    else:
        match = _PANDOC_GROUP.match(src, pos)
        if match is None or "@" not in match.group(1):
            return False
        for key in _PANDOC_KEY.finditer(src, pos + 1, match.end() - 1):
            label = key.group(1).rstrip(".:,")
            found.append((label, "pandoc", key.start(), key.start() + len(label) + 1))
            if src[key.start()] == "-":
                found[-1] = (label, "pandoc", key.start() + 1, key.start() + len(label) + 2)
        if not found:
            return False
    record = _recorder(state).active(state)
    if record is not None:
        record.markers.extend(found)
        record.blank.append((pos, match.end()))
    state.push("citation_marker", "", 0)
    state.pos = match.end()
    return True


def _inline_core(state: StateCore) -> None:
    """Replacement for markdown-it's core 'inline' rule that tells the recorder which token runs."""
    recorder = _recorder(state)
    for index, token in enumerate(state.tokens):
        if token.type == "inline":
            recorder.src = token.content
            recorder.current = recorder.records[index] = _InlineRecord()
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)
    recorder.src = recorder.current = None


_RULE_STARTS = {"backticks": "`", "autolink": "<", "html_inline": "<", "image": "!",
                "escape": "\\", "entity": "&"}  # fmt: skip
"""The character each blanked inline rule of markdown-it begins by looking for."""


@cache
def markdown() -> MarkdownIt:
    """The configured parser: CommonMark with HTML, tables, footnotes and front matter."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(front_matter_plugin).use(footnote_plugin, inline=False)
    md.disable("footnote_tail")
    md.core.ruler.at("inline", _inline_core)
    for name, first in _RULE_STARTS.items():
        rule = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)].fn
        md.inline.ruler.at(name, _blanking(rule, first))
    link = md.inline.ruler.__rules__[md.inline.ruler.__find__("link")].fn
    md.inline.ruler.at("link", _blanking(link, "[", keep_link_text=True))
    md.inline.ruler.before("link", "citation_marker", _citation_marker)
    md.block.tokenize = _nesting_guard(md.block.tokenize)  # type: ignore[method-assign,assignment]
    return md


def _nesting_guard(
    tokenize: Callable[[StateBlock, int, int], None],
) -> Callable[[StateBlock, int, int], None]:
    """Notice when markdown-it gives up on deep nesting, which it does silently.

    Past ``maxNesting`` levels (20: a blockquote is one, a list two) markdown-it skips the
    rest of the container, and for a list everything after it. Half a file checked would
    look like a clean file, so the file is refused instead, naming the line.
    """

    def guarded(state: StateBlock, start: int, end: int) -> None:
        tokenize(state, start, end)
        if state.level >= state.md.options.maxNesting and _ENV_KEY in state.env:
            recorder = _recorder(state)
            if recorder.too_deep is None:
                recorder.too_deep = state.skipEmptyLines(start)

    return guarded


def _blanked(content: str, ranges: list[tuple[int, int]]) -> str:
    """The content with every range replaced by spaces (line breaks kept)."""
    if not ranges:
        return content
    chars = list(content)
    for start, end in ranges:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


class _LineMapper:
    """Finds where each line of an inline token's content starts in the original lines."""

    def __init__(self, lines: tuple[str, ...]) -> None:
        self.lines = lines
        self.cursor: dict[int, int] = {}

    def column(self, line_index: int, content_line: str) -> int:
        """The 0-based source column where ``content_line``'s first character stands."""
        source = self.lines[line_index].replace("\0", "\ufffd")
        text = content_line.lstrip(" \t")
        lead = len(content_line) - len(text)
        if source.endswith(text):
            column = len(source) - len(text)
        elif text and source.rstrip().endswith(text.rstrip()):
            column = len(source.rstrip()) - len(text.rstrip())
        else:
            column = source.find(text, self.cursor.get(line_index, 0)) if text else 0
            column = max(column, 0)
        self.cursor[line_index] = column + len(text)
        return column - lead


@dataclass(slots=True)
class _Pending:
    """A definition whose text is still being gathered (continuation lines, footnote body)."""

    label: str
    style: MarkerStyle
    texts: list[str]
    line_index: int
    column: int
    last_index: int = -1
    """The 0-based last line of the definition, when it runs past its first."""


@dataclass(slots=True)
class _Builder:
    """Walks the block tokens once, keeping track of sections and reference context."""

    source: Source
    mapper: _LineMapper
    recorder: _Recorder
    blocks: list[Block] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    references_level: int | None = None

    def section(self) -> str:
        return " > ".join(title for _, title in self.headings)

    def heading(self, level: int, title: str) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, title))
        if self.references_level is not None and level <= self.references_level:
            self.references_level = None
        if title.strip().rstrip(":").lower() in REFERENCE_HEADINGS:
            self.references_level = level

    def layout(self, token: Token, content: str) -> tuple[list[int], list[int], list[int]]:
        assert token.map is not None
        starts, numbers, bases = [], [], []
        offset = 0
        for i, content_line in enumerate(content.split("\n")):
            line_index = min(token.map[0] + i, len(self.source.lines) - 1)
            starts.append(offset)
            numbers.append(line_index + 1)
            bases.append(self.mapper.column(line_index, content_line))
            offset += len(content_line) + 1
        return starts, numbers, bases

    def prose(self, index: int, token: Token) -> None:
        record = self.recorder.records.get(index, _InlineRecord())
        starts, numbers, bases = self.layout(token, token.content)
        block = Block(
            prose=_blanked(token.content, record.blank),
            section=self.section(),
            line_starts=starts,
            line_numbers=numbers,
            column_bases=bases,
        )
        block_index = len(self.blocks)
        for label, style, start, end in record.markers:
            block.markers.append(len(self.markers))
            self.markers.append(
                Marker(label, style, block.span(start, end), block_index, offset=start)
            )
        block.sentences = _sentences(block, self.markers)
        self.blocks.append(block)

    def define(self, pending: _Pending) -> None:
        line, column = pending.line_index + 1, pending.column + 1
        span = Span(line, column, line, column + len(pending.label) + 2)
        text = " ".join(pending.texts).strip()
        last = _last_text_line(self.source.lines, max(pending.line_index, pending.last_index)) + 1
        self.definitions.append(Definition(pending.label, pending.style, text, span, last))

    def definition_lines(self, token: Token) -> None:
        """``[n]: text`` / ``[n] text`` lines of a paragraph in a references section."""
        assert token.map is not None
        current: _Pending | None = None
        for line_index in range(token.map[0], token.map[1]):
            line = self.source.lines[line_index]
            match = _LINE_DEFINITION.match(line)
            if match and (match.group(1).isdigit() or match.group(1).startswith("^")):
                if current is not None:
                    self.define(current)
                label = match.group(1)
                style: MarkerStyle = "footnote" if label.startswith("^") else "numeric"
                column = match.start(1) - 1
                current = _Pending(
                    label.lstrip("^"), style, [line[match.end() :]], line_index, column
                )
            elif current is not None:
                current.texts.append(line.strip())
                current.last_index = line_index
        if current is not None:
            self.define(current)


def _sentences(block: Block, markers: list[Marker]) -> list[Sentence]:
    """Split a block into sentences; a marker belongs to the sentence it stands in or follows."""
    bounds = sentences.split(block.prose)
    result: list[Sentence] = []
    owned = block.markers  # in reading order
    taken = 0
    for i, (start, end) in enumerate(bounds):
        last_sentence = i + 1 == len(bounds)
        next_start = len(block.prose) + 1 if last_sentence else bounds[i + 1][0]
        first = taken
        while taken < len(owned) and (last_sentence or markers[owned[taken]].offset < next_start):
            taken += 1
        result.append(Sentence(start, end, tuple(owned[first:taken])))
    return result


def _suppressions(source: Source, code_lines: set[int]) -> list[Suppression]:
    """Inline ``<!-- encyclint-... -->`` comments, outside code. Codes may be written as
    rule names (``dangling-marker``)."""
    from linter.registry import code_for

    found: list[Suppression] = []
    open_regions: list[tuple[frozenset[str], tuple[str, ...], int, Span]] = []
    if "encyclint-" not in source.text:
        return found
    for line_index, line in enumerate(source.lines):
        if line_index in code_lines or "encyclint-" not in line:
            continue
        number = line_index + 1
        for match in _SUPPRESSION.finditer(line):
            action = match.group(1).lower()
            written = tuple(c for c in re.split(r"[,\s]+", match.group(2).strip()) if c)
            codes = frozenset(code_for(c) for c in written)
            comment = Span(number, match.start() + 1, number, match.end() + 1)
            if action == "disable-next-line":
                found.append(Suppression(codes, number + 1, number + 1, comment, "next-line",
                                         written=written))  # fmt: skip
            elif action == "disable-line":
                found.append(Suppression(codes, number, number, comment, "line", written=written))
            elif action == "disable":
                open_regions.append((codes, written, number, comment))
            else:
                for codes_open, written_open, first, opened in open_regions:
                    found.append(Suppression(codes_open, first, number, opened, "block",
                                             written=written_open))  # fmt: skip
                open_regions.clear()
    last = len(source.lines)
    found.extend(
        Suppression(codes, first, last, opened, "block", closed=False, written=written)
        for codes, written, first, opened in open_regions
    )
    return found


def parse(source: Source) -> Document:
    """Parse one article into its Document."""
    recorder = _Recorder()
    env: dict[str, Any] = {_ENV_KEY: recorder}
    tokens = markdown().parse(source.text, env)
    if recorder.too_deep is not None:
        raise UserError(
            "blockquotes or lists nested too deeply (Markdown parsing stops at 20 levels, a list "
            "counting two), so the file cannot be checked",
            path=source.path,
            line=min(recorder.too_deep, len(source.lines) - 1) + 1,
        )
    builder = _Builder(source, _LineMapper(source.lines), recorder)
    code_lines: set[int] = set()
    footnote: _Pending | None = None
    lists: list[list[int]] = []  # [next item number, is ordered] for lists in references
    heading_level: int | None = None
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind in ("fence", "code_block", "html_block") and token.map:
            if kind != "html_block":
                code_lines.update(range(token.map[0], token.map[1]))
        elif kind == "footnote_reference_open" and token.map:
            line = source.lines[token.map[0]]
            column = line.find("[^")
            footnote = _Pending(
                token.meta["label"], "footnote", [], token.map[0], column, token.map[1] - 1
            )
        elif kind == "footnote_reference_close" and footnote is not None:
            builder.define(footnote)
            footnote = None
        elif kind in ("ordered_list_open", "bullet_list_open"):
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0
            lists.append([start, int(kind == "ordered_list_open")])
        elif kind in ("ordered_list_close", "bullet_list_close"):
            lists.pop()
        elif kind == "list_item_open" and builder.references_level is not None and token.map:
            number, ordered = lists[-1]
            lists[-1][0] += 1
            if ordered and len(lists) == 1:
                line_index = token.map[0]
                line = source.lines[line_index]
                column = len(line) - len(line.lstrip())
                item_text = _item_text(tokens, index)
                span = Span(
                    line_index + 1, column + 1, line_index + 1, column + 1 + len(token.info) + 1
                )
                last = _last_text_line(source.lines, token.map[1] - 1) + 1
                builder.definitions.append(
                    Definition(str(number), "numeric", item_text, span, last)
                )
        elif kind == "inline":
            if heading_level is not None:
                builder.heading(heading_level, token.content)
                heading_level = None
            elif footnote is not None:
                footnote.texts.append(token.content)
            elif builder.references_level is not None:
                if not (lists and lists[-1][1]):
                    builder.definition_lines(token)
            elif token.map is not None:
                builder.prose(index, token)
    builder.definitions.extend(_link_references(env, source))
    return Document(
        path=source.path,
        lines=source.lines,
        blocks=builder.blocks,
        markers=builder.markers,
        definitions=builder.definitions,
        suppressions=_suppressions(source, code_lines),
    )


def _item_text(tokens: list[Token], index: int) -> str:
    """The inline text of the list item that opens at ``tokens[index]``."""
    depth = 0
    parts: list[str] = []
    for token in tokens[index:]:
        depth += token.nesting if token.type.startswith("list_item") else 0
        if token.type == "inline":
            parts.append(token.content)
        if depth == 0:
            break
    return " ".join(parts)


def _link_references(env: dict[str, Any], source: Source) -> Iterator[Definition]:
    """Numeric link reference definitions (``[3]: https://…``), which markdown-it consumes."""
    entries = [(label, entry) for label, entry in env.get("references", {}).items()]
    entries += [(entry["label"], entry) for entry in env.get("duplicate_refs", [])]
    for label, entry in entries:
        if not label.isdigit():
            continue
        line_index = entry["map"][0]
        column = max(source.lines[line_index].find("["), 0)
        span = Span(line_index + 1, column + 1, line_index + 1, column + len(label) + 3)
        text = " ".join(part for part in (entry["href"], entry["title"]) if part)
        last = _last_text_line(source.lines, entry["map"][1] - 1) + 1
        yield Definition(label, "numeric", text, span, last)


def _last_text_line(lines: tuple[str, ...], index: int) -> int:
    """``index``, or the last line before it that is not blank (block maps take blank tails)."""
    index = min(index, len(lines) - 1)
    while index > 0 and not lines[index].strip():
        index -= 1
    return index
