"""The knowledge base: every table's facts and sources, with the index of their keywords.

Finding the facts a claim may match must not scan the whole table: the candidate index
(``index.py``) gives a sentence only the facts whose every keyword entry can occur in it.
It is built when the tables load and cached with them; keywords are parsed on first use.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

from linter.cache import Cache, code_version, digest
from linter.claims import DURATION_DAYS, date_interval
from linter.errors import UserError
from linter.facts.files import read_bytes, table_files
from linter.facts.index import CandidateIndex, EntryFinder, automaton_available
from linter.facts.keywords import Keyword
from linter.urls import url_problem

if TYPE_CHECKING:
    from linter.facts.tables import Table

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)([YMWDH])")
_DURATION_DAYS = {
    designator: DURATION_DAYS[unit]
    for designator, unit in (
        ("Y", "year"),
        ("M", "month"),
        ("W", "week"),
        ("D", "day"),
        ("H", "hour"),
    )
}
"""Days per ISO 8601 duration designator: the same lengths the claims use."""


@dataclass(frozen=True, slots=True)
class Source:
    """A work the tables cite, under its key."""

    key: str
    citation: str
    url: str | None
    path: str = ""
    line: int = 1
    """Where the source's url (or the source itself) stands in its table."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A fact-table error: TBL001 schema, TBL002 unknown source, TBL003 duplicate id."""

    code: str
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


@dataclass(slots=True)
class Fact:
    """One fact of a table: its keywords, the interval its value stands for, its sources."""

    id: str
    kind: str
    keywords: tuple[str, ...]
    low: float
    high: float
    shown: str
    """The value as the table writes it, for messages."""
    value: Any
    unit: str | None
    currency: str | None
    sources: tuple[str, ...]
    statement: str
    path: str
    line: int
    status: str | None = None
    """``draft`` for a drafted fact awaiting review (FCT004 reports the claims it verifies)."""
    _keywords: tuple[Keyword, ...] | None = field(default=None, repr=False)
    _unit_keyword: Keyword | None = field(default=None, repr=False)

    def __reduce__(self) -> tuple[type[Fact], tuple[Any, ...]]:
        return Fact, self.fields()

    def fields(self) -> tuple[Any, ...]:
        """The plain fields, from which the fact is built again (keywords are parsed on use)."""
        return (self.id, self.kind, self.keywords, self.low, self.high, self.shown, self.value,
                self.unit, self.currency, self.sources, self.statement, self.path, self.line,
                self.status)  # fmt: skip

    @property
    def keyword_entries(self) -> tuple[Keyword, ...]:
        if self._keywords is None:
            self._keywords = tuple(Keyword.parse(entry) for entry in self.keywords)
        return self._keywords

    @property
    def unit_keyword(self) -> Keyword | None:
        if self.unit is not None and self._unit_keyword is None:
            self._unit_keyword = Keyword.parse(self.unit)
        return self._unit_keyword


def duration_days(text: str) -> float:
    """The days of an ISO 8601 duration (``P5Y``), at the lengths the claims use."""
    return sum(
        float(n) * _DURATION_DAYS[u] for n, u in _DURATION_PART.findall(text.replace("T", ""))
    )


def _date_bounds(value: Any) -> tuple[float, float]:
    parts = [int(p) for p in str(value).split("-")]
    return date_interval(*parts)


def _interval(kind: str, value: Any, tolerance: float) -> tuple[float, float]:
    """The interval of values the fact stands for."""
    if isinstance(value, dict):
        low, _ = _interval(kind, value["min"], tolerance)
        _, high = _interval(kind, value["max"], tolerance)
        return low, high
    if kind == "date":
        return _date_bounds(value)
    number = duration_days(value) if kind == "duration" else float(value)
    return number * (1 - tolerance), number * (1 + tolerance)


def _value_problem(kind: str, value: Any) -> str | None:
    """What is wrong with a value the schema lets through: a number that is not finite
    (``.inf`` would verify every claim), a date no calendar has (``1953-02-30``, year 0),
    a range whose min is above its max (it would contradict every claim)."""
    parts = [value["min"], value["max"]] if isinstance(value, dict) else [value]
    for part in parts:
        if isinstance(part, float) and not math.isfinite(part):
            return f"{part} is not a finite number"
    bounds = []
    for part in parts:
        try:
            bounds.append(_interval(kind, part, 0.0))
        except (ValueError, OverflowError):
            return f"{json.dumps(str(part))} is not a real date (no such day, or before year 1)"
    if len(bounds) == 2 and bounds[0][0] > bounds[1][0]:
        return f"min {_shown(value['min'])} is above max {_shown(value['max'])}"
    return None


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return f"{_shown(value['min'])}–{_shown(value['max'])}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _CachedFacts(Sequence[Fact]):
    """A cached knowledge base's facts, each built from its plain fields when first read.

    A table of 100,000 facts must load in well under half a second, and a run reads only
    the few facts its sentences can match: unpickling plain tuples costs a fraction of
    constructing 100,000 objects.
    """

    __slots__ = ("_built", "rows")

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = rows
        self._built: list[Fact | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, position: int) -> Fact: ...
    @overload
    def __getitem__(self, position: slice) -> list[Fact]: ...
    def __getitem__(self, position: int | slice) -> Fact | list[Fact]:
        if isinstance(position, slice):
            return [self[i] for i in range(len(self.rows))[position]]
        fact = self._built[position]
        if fact is None:
            fact = self._built[position] = Fact(*self.rows[position])
        return fact


def _cached(
    rows: list[tuple[Any, ...]],
    sources: dict[str, Source],
    index: CandidateIndex,
    tables: list[str],
    digest: str,
) -> KnowledgeBase:
    return KnowledgeBase(_CachedFacts(rows), sources, index, tables, digest)


@dataclass(slots=True)
class KnowledgeBase:
    """Every table's facts and sources, with the keyword index."""

    facts: Sequence[Fact] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    index: CandidateIndex = field(default_factory=CandidateIndex)
    tables: list[str] = field(default_factory=list)
    digest: str = ""
    """A hash of the tables' paths and contents: what results computed with it depend on."""
    finder: EntryFinder | None = field(default=None, repr=False, compare=False)
    """Finds the index's entries in a sentence (``CandidateIndex.finder``): on first use."""

    @classmethod
    def of(cls, facts: Sequence[Fact], sources: dict[str, Source] | None = None) -> KnowledgeBase:
        """A knowledge base of these facts, indexed."""
        return cls(list(facts), dict(sources or {}), CandidateIndex.of(facts))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        facts = self.facts
        rows = facts.rows if isinstance(facts, _CachedFacts) else [f.fields() for f in facts]
        return _cached, (rows, self.sources, self.index, self.tables, self.digest)

    def candidates(self, text: str, explain: bool = False) -> list[Fact]:
        """The facts whose every keyword entry can occur in ``text`` (lower case), in table
        order; with ``explain``, also those whose first entry can (``--explain`` lists them
        as considered)."""
        finder = self.finder
        if finder is None:
            finder = self.finder = self.index.finder()
        facts = self.facts
        return [facts[i] for i in self.index.candidates(text, finder, explain)]


def build(tables: Iterable[Table]) -> tuple[KnowledgeBase, list[Problem]]:
    """Validate every table and build one knowledge base; problems are returned, not raised."""
    knowledge = KnowledgeBase()
    problems: list[Problem] = []
    first_id: dict[str, tuple[str, int]] = {}
    pending: list[tuple[Table, int, dict[str, Any]]] = []
    facts: list[Fact] = []
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    """One tuple for each list of sources: a cached table then holds each list once."""
    from linter.facts.tables import dotted, schema_errors

    for table in tables:
        knowledge.tables.append(table.path)
        errors = schema_errors(table)
        problems.extend(Problem("TBL001", table.path, line, message) for line, message in errors)
        if errors:
            continue
        for key, entry in table.data.get("sources", {}).items():
            line = table.line(("sources", key, "url"))
            problem = url_problem(entry["url"]) if "url" in entry else None
            if problem is not None:
                problems.append(Problem("TBL001", table.path, line,
                                        f"{dotted(('sources', key, 'url'))}: {problem}"))  # fmt: skip
            knowledge.sources[key] = Source(
                key, entry["citation"], entry.get("url"), table.path, line
            )
        pending.extend((table, i, f) for i, f in enumerate(table.data.get("facts", [])))
    for table, number, entry in pending:
        line = table.line(("facts", number))
        fact_id = entry["id"]
        if fact_id in first_id:
            other_path, other_line = first_id[fact_id]
            problems.append(Problem("TBL003", table.path, table.line(("facts", number, "id")),
                                    f"{dotted(('facts', number, 'id'))}: duplicate fact id "
                                    f"{fact_id!r} (first at {other_path}:{other_line})"))  # fmt: skip
            continue
        first_id[fact_id] = (table.path, line)
        for position, key in enumerate(entry.get("sources", [])):
            if key not in knowledge.sources:
                problems.append(Problem("TBL002", table.path,
                                        table.line(("facts", number, "sources", position)),
                                        f"{dotted(('facts', number, 'sources', position))}: "
                                        f"unknown source {key!r}"))  # fmt: skip
        kind = next(k for k in ("date", "count", "money", "percent", "duration") if k in entry)
        value = entry[kind]
        tolerance = entry.get("tolerance", 0)
        wrong = [(key, problem) for key, problem in (
            (kind, _value_problem(kind, value)),
            ("tolerance", _value_problem("count", tolerance)),
        ) if problem is not None]  # fmt: skip
        for key, problem in wrong:
            where = ("facts", number, key)
            problems.append(Problem("TBL001", table.path, table.line(where),
                                    f"{dotted(where)}: {problem}"))  # fmt: skip
        if wrong:
            continue
        low, high = _interval(kind, value, float(entry.get("tolerance", 0)))
        facts.append(
            Fact(
                id=fact_id,
                kind=kind,
                keywords=tuple(entry["keywords"]),
                low=low,
                high=high,
                shown=_shown(value),
                value=value,
                unit=entry.get("unit"),
                currency=entry.get("currency"),
                sources=shared.setdefault(listed := tuple(entry.get("sources", [])), listed),
                statement=entry.get("statement", ""),
                path=table.path,
                line=line,
                status=entry.get("status"),
            )
        )
    knowledge.facts = facts
    knowledge.index = CandidateIndex.of(facts)
    return knowledge, problems


def load(
    paths: list[str], store: Cache | None = None, label: Callable[[str], str] | None = None
) -> KnowledgeBase:
    """Load the tables at ``paths`` (files or folders); any problem is a UserError (exit 2).

    With a cache, a knowledge base built before from the same tables is loaded as it was,
    without parsing YAML or validating against the schema again. Tables are named by
    ``label`` (the root-relative path every output prints) in facts, problems and the key.
    """
    try:
        files = table_files(paths)
        contents = [read_bytes(path) for path in files]
    except UserError as error:
        if label is None or error.path is None:
            raise
        raise UserError(error.detail, path=label(error.path), line=error.line) from None
    names = [label(path) for path in files] if label is not None else files
    finder = b"automaton" if automaton_available() else b"prefix"
    key = digest(
        code_version(),
        finder,
        *(part for pair in zip(names, contents, strict=True) for part in pair),
    )
    if store is not None:
        cached = store.get("knowledge", key)
        if isinstance(cached, KnowledgeBase):
            return cached
    from linter.facts.tables import read_table  # YAML is read only when the cache misses

    knowledge, problems = build(
        read_table(p, data) for p, data in zip(names, contents, strict=True)
    )
    if problems:
        raise TableError(problems)
    knowledge.digest = key
    if store is not None:
        store.put("knowledge", key, knowledge)
    return knowledge


class TableError(UserError):
    """One or more fact-table problems, each printed on its own line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
