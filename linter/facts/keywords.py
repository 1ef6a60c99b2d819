"""Finding a fact's keywords in a sentence: whole words, any case, an inflection allowed.

A keyword entry is alternatives split by ``|``; an alternative is words that must stand in
that order with white space between them; the last may carry an inflection ("Stalin's",
"splits", "died"). This was one regular expression per entry, but compiling the 87 entries
of the project's table took 6.5 ms of the 0.11 s an editor's commit waits for. Plain string
search on the lower-cased sentence finds the same spans, in the same order, with nothing to
compile.
"""

from __future__ import annotations

from dataclasses import dataclass

INFLECTIONS = ("'s", "’s", "s", "es", "ed", "d", "ing", "n", "en", "er", "ers")
"""Tried in this order after an alternative's last word; the first followed by a word
boundary wins, and none at all is tried last."""
_INFLECTIONS_BY_START = {
    start: tuple(suffix for suffix in INFLECTIONS if suffix[0] == start)
    for start in {suffix[0] for suffix in INFLECTIONS}
}
"""The inflections that can follow, by the next character, in the order tried: a word
followed by a space, as most are, is tried against none of the eleven."""


def _is_word(character: str) -> bool:
    """Exactly what ``\\w`` is to a regular expression on ``str``."""
    return character.isalnum() or character == "_"


def lower_same_length(text: str) -> str:
    """``text`` in lower case, one character for one, so that positions carry over.

    The only characters whose lower case is longer (U+0130, "İ") are left as they are.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


@dataclass(frozen=True, slots=True)
class Keyword:
    """One keyword entry of a fact table, ready to search for."""

    entry: str
    alternatives: tuple[tuple[str, ...], ...]
    """The lower-case words of each alternative."""
    needles: tuple[str, ...]
    """The first word of each alternative. A text that contains none of them cannot hold
    the entry: a substring test that rules out most facts before any search."""

    @classmethod
    def parse(cls, entry: str) -> Keyword:
        words = (tuple(lower_same_length(alternative).split()) for alternative in entry.split("|"))
        alternatives = tuple(alternative for alternative in words if alternative)
        return cls(entry, alternatives, tuple(words[0] for words in alternatives))

    def spans(self, lowered: str, before: str = "") -> list[tuple[int, int]]:
        """Where the entry occurs in ``lowered`` (lower case), leftmost first, none
        overlapping; at one place the first alternative that fits wins. ``before`` is the
        character preceding ``lowered`` in its text, for the word boundary at its start."""
        alternatives = self.alternatives
        if len(alternatives) == 1:  # most entries: no alternatives to interleave
            words = alternatives[0]
            if words[0] not in lowered:
                return []
            found = _alternative_spans(words, lowered, before)
            return found if len(found) < 2 else _leftmost(found)
        per_alternative = [
            (order, found)
            for order, words in enumerate(self.alternatives)
            if words[0] in lowered and (found := _alternative_spans(words, lowered, before))
        ]
        if not per_alternative:
            return []
        found = per_alternative[0][1]
        if len(per_alternative) > 1:
            ordered = sorted(
                (start, order, end) for order, spans in per_alternative for start, end in spans
            )
            found = [(start, end) for start, _, end in ordered]
        elif len(found) == 1:
            return found
        return _leftmost(found)


def _leftmost(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of spans ordered by start, those that do not overlap an earlier one kept."""
    spans: list[tuple[int, int]] = []
    last_end = 0
    for start, end in found:
        if start >= last_end:
            spans.append((start, end))
            last_end = end
    return spans


def _alternative_spans(words: tuple[str, ...], text: str, before: str) -> list[tuple[int, int]]:
    spans = []
    first = words[0]
    position = text.find(first)
    while position >= 0:
        previous = text[position - 1] if position else before
        if not (previous and _is_word(previous)):
            end = _rest(words, text, position + len(first))
            if end >= 0:
                spans.append((position, end))
        position = text.find(first, position + 1)
    return spans


def _rest(words: tuple[str, ...], text: str, index: int) -> int:
    """The end of the alternative whose first word ends at ``index``, or -1."""
    length = len(text)
    for word in words[1:]:
        after_space = index
        while after_space < length and text[after_space].isspace():
            after_space += 1
        if after_space == index or not text.startswith(word, after_space):
            return -1
        index = after_space + len(word)
    if index == length:
        return index
    for suffix in _INFLECTIONS_BY_START.get(text[index], ()):
        if text.startswith(suffix, index):
            end = index + len(suffix)
            if end == length or not _is_word(text[end]):
                return end
    if not _is_word(text[index]):
        return index
    return -1
