"""Which facts a sentence can match, found without looking at the others.

A fact can match only a sentence that holds every one of its keyword entries, and an entry
occurs only where the first word of one of its alternatives starts a word. So each entry is
filed under the first letters of those words; a sentence looks up its own words' first
letters, learns which entries can occur in it, and gets the facts all of whose entries can.
Indexing only the first entry made every sentence with an ordinary word ("treaty",
"signed") a candidate for thousands of facts of a large table, each then examined in Python.

Facts with the same entries form a group, filed under the entry fewest groups share: a
sentence full of ordinary words touches only the groups whose rarest entry (a name, a
place) it holds as well. Built once when the tables load, and kept in their cache.

Which entries a sentence holds is an ``EntryFinder``'s job: the pure-Python one here, or
the Aho-Corasick automaton of ``automaton.py`` where ``pyahocorasick`` is installed. Both
give the same entries, so the same candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from linter import accelerators

if TYPE_CHECKING:
    from linter.facts.knowledge import Fact

PREFIX = 4
_PREFIX_OF_WORD = re.compile(rf"(\w{{1,{PREFIX}}})\w*")
"""The first ``PREFIX`` letters of each word, all of a shorter one (a match takes the
whole word, so the next starts at the next word)."""
_LEADING_LETTERS = re.compile(rf"\w{{1,{PREFIX}}}")


def word_prefixes(text: str) -> set[str]:
    """The first letters of every word of ``text`` (lower case), as the tables file them."""
    return set(_PREFIX_OF_WORD.findall(text))


def entry_keys(needles: tuple[str, ...]) -> tuple[str, ...] | None:
    """The first letters an entry is filed under, one per alternative's first word (at most
    ``PREFIX``); None where an alternative begins with a character no word starts with."""
    keys = [_LEADING_LETTERS.match(needle) for needle in needles]
    if None in keys:
        return None
    return tuple(dict.fromkeys(match.group() for match in keys if match is not None))


@dataclass(slots=True)
class PrefixTable:
    """Numbers filed under the first letters of words: four letters, or a shorter word whole."""

    ids: dict[str, list[int]] = field(default_factory=dict)
    short_lengths: set[int] = field(default_factory=set)
    """Lengths under PREFIX of the keys: the only shorter prefixes worth a look-up."""

    def add(self, key: str, number: int) -> None:
        self.ids.setdefault(key, []).append(number)
        if len(key) < PREFIX:
            self.short_lengths.add(len(key))

    def keys_in(self, prefixes: set[str]) -> set[str]:
        """The keys that some word with one of these prefixes starts with."""
        ids = self.ids
        keys = prefixes & ids.keys()
        for length in self.short_lengths:  # a word longer than that has a longer prefix
            keys |= {prefix[:length] for prefix in prefixes if len(prefix) > length} & ids.keys()
        return keys

    def found(self, prefixes: set[str]) -> set[int]:
        numbers: set[int] = set()
        for key in self.keys_in(prefixes):
            numbers.update(self.ids[key])
        return numbers


_FEW_PARTNERS = 8
"""Below this many partners an entry keeps them in a tuple: testing each against the
sentence's entries costs no more than a set would."""


@dataclass(slots=True)
class CandidateIndex:
    """Every keyword entry of every fact, by the first letters of its alternatives."""

    entries: PrefixTable = field(default_factory=PrefixTable)
    """First letters → entry numbers."""
    needles: list[tuple[str, ...]] = field(default_factory=list)
    """Per entry number, the first word of each alternative: a sentence that contains none
    of them cannot hold the entry, though a word of it starts with the same letters."""
    filed: dict[int, list[int]] = field(default_factory=dict)
    """Facts of one or two entries that can be looked up, by those entries: the rarer one
    times ``stride`` plus the other (-1 for none). Where every keyword is an ordinary word,
    a sentence still looks up only pairs of entries it holds. Flat int keys and lists of
    positions, as a table of 100,000 facts must come out of the cache fast."""
    stride: int = 1
    partners: dict[int, tuple[int, ...] | frozenset[int]] = field(default_factory=dict)
    """The entries facts are filed under first, each with the entries filed beside it (-1
    for none): a sentence looks up only those of the pairs it holds. A few partners are a
    tuple, many a set (tuples come out of the cache four times as fast)."""
    larger: dict[int, list[int]] = field(default_factory=dict)
    """Groups of three or more entries, by their two rarest entries as in ``filed``."""
    groups: list[tuple[int, ...]] = field(default_factory=list)
    """Per group of ``larger``, the entries a sentence must hold."""
    members: list[list[int]] = field(default_factory=list)
    """Per group of ``larger``, its facts' positions in the knowledge base."""
    always: list[int] = field(default_factory=list)
    """Facts none of whose entries can be looked up (an alternative begins with a character
    no word starts with: "'tis"), weighed for every sentence."""
    first_entry: PrefixTable = field(default_factory=PrefixTable)
    """Facts by the first letters of their first entry alone: ``--explain`` lists these as
    considered too, as it always has."""
    automaton: EntryFinder | None = field(default=None, compare=False)
    """The Aho-Corasick entry finder, where ``pyahocorasick`` is installed and accelerators
    were allowed when the index was built (``automaton_available``)."""

    @classmethod
    def of(cls, facts: Sequence[Fact]) -> CandidateIndex:
        index = cls()
        numbers: dict[str, int] = {}
        unkeyed: set[int] = set()
        grouped: dict[tuple[int, ...], list[int]] = {}  # the entries looked up → facts
        for position, fact in enumerate(facts):
            entries = fact.keyword_entries
            for key in {needle.lower()[:PREFIX] for needle in entries[0].needles}:
                index.first_entry.add(key, position)
            needed: set[int] = set()
            for keyword in entries:
                number = numbers.get(keyword.entry)
                if number is None:
                    number = numbers[keyword.entry] = len(index.needles)
                    index.needles.append(keyword.needles)
                    keys = entry_keys(keyword.needles)
                    if not keyword.needles:
                        number = numbers[keyword.entry] = -1  # no words: it never occurs
                    elif keys is None:
                        unkeyed.add(number)
                    else:
                        for key in keys:
                            index.entries.add(key, number)
                if number < 0:
                    break
                if number not in unkeyed:
                    needed.add(number)
            else:
                if not needed:
                    index.always.append(position)
                    continue
                grouped.setdefault(tuple(sorted(needed)), []).append(position)
        partners: dict[int, set[int]] = {}
        shared: dict[int, int] = {}
        for group in grouped:
            for number in group:
                shared[number] = shared.get(number, 0) + 1
        index.stride = stride = len(index.needles) + 1
        for group, positions in grouped.items():
            rarest = sorted(group, key=shared.__getitem__)[:2]
            second = rarest[1] if len(rarest) > 1 else -1
            slot = rarest[0] * stride + second
            partners.setdefault(rarest[0], set()).add(second)
            if len(group) <= 2:
                index.filed.setdefault(slot, []).extend(positions)
            else:
                index.larger.setdefault(slot, []).append(len(index.groups))
                index.groups.append(group)
                index.members.append(positions)
        index.partners = {
            number: tuple(others) if len(others) < _FEW_PARTNERS else frozenset(others)
            for number, others in partners.items()
        }
        if automaton_available():
            from linter.facts.automaton import AutomatonFinder

            index.automaton = AutomatonFinder.of(index.needles)
        return index

    def finder(self) -> EntryFinder:
        """The entry finder to use: the automaton where the index has one and accelerators
        are allowed, else the pure-Python one (a new one: it learns a run's words)."""
        if self.automaton is not None and accelerators.allowed():
            return self.automaton
        return PrefixFinder(self.entries, self.needles)

    def candidates(self, text: str, finder: EntryFinder, explain: bool = False) -> list[int]:
        """Positions, in order, of the facts whose every entry can occur in ``text`` (lower
        case), the entries found by ``finder``; with ``explain``, also those whose first
        entry can."""
        present = finder.present(text)
        present.add(-1)
        found = list(self.always)
        filed, larger, partners, stride = self.filed, self.larger, self.partners, self.stride
        for number in present:
            others = partners.get(number)
            if others is None:
                continue
            base = number * stride
            for second in present.intersection(others):
                positions = filed.get(base + second)
                if positions is not None:
                    found.extend(positions)
                if larger:
                    for group in larger.get(base + second, ()):
                        if present.issuperset(self.groups[group]):
                            found.extend(self.members[group])
        if explain:
            return sorted(self.first_entry.found(word_prefixes(text)).union(found))
        found.sort()
        return found


def automaton_available() -> bool:
    """Whether an index built now gets the Aho-Corasick finder: accelerators allowed, and
    ``pyahocorasick`` importable. Part of the cached tables' key, as the index differs."""
    return accelerators.load("linter.facts.automaton") is not None


class EntryFinder(Protocol):
    """Finds the keyword entries (their numbers in a ``CandidateIndex``) that can occur in
    a sentence: those one of whose alternatives' first words occurs in it, where one of
    them also starts a word of it with its first letters."""

    def present(self, text: str) -> set[int]:
        """The entries that can occur in ``text`` (lower case)."""
        ...


_REMEMBERED = 65_536
"""How many words' first letters a ``PrefixFinder`` remembers the entries of: a run's
vocabulary, bounded so that memory stays flat."""


class _FiledUnder(dict[str, tuple[int, ...]]):
    """First letters of a word → the entries filed under them or a shorter prefix, each
    worked out on first look-up: the words of prose repeat, and one look-up in compiled
    code beats matching each of a word's shorter prefixes again."""

    __slots__ = ("entries",)

    def __init__(self, entries: PrefixTable) -> None:
        super().__init__()
        self.entries = entries

    def __missing__(self, prefix: str) -> tuple[int, ...]:
        ids = self.entries.ids
        filed = list(ids.get(prefix, ()))
        for length in self.entries.short_lengths:
            if len(prefix) > length:
                filed.extend(ids.get(prefix[:length], ()))
        if len(self) >= _REMEMBERED:
            self.clear()
        found = self[prefix] = tuple(filed)
        return found


class PrefixFinder:
    """The pure-Python entry finder: the entries filed under each word's first letters,
    kept if one of their needles occurs in the sentence."""

    __slots__ = ("filed_under", "needles")

    def __init__(self, entries: PrefixTable, needles: list[tuple[str, ...]]) -> None:
        self.filed_under = _FiledUnder(entries)
        self.needles = needles

    def present(self, text: str) -> set[int]:
        numbers = set().union(*map(self.filed_under.__getitem__, _PREFIX_OF_WORD.findall(text)))
        needles = self.needles
        present = set()
        for number in numbers:
            for needle in needles[number]:
                if needle in text:
                    present.add(number)
                    break
        return present
