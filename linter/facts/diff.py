"""`facts diff OLD NEW`: which facts changed value, appeared or went, matched by id.

A re-import or a reviewed draft is read as a change list rather than as a YAML diff: a
value written differently but meaning the same (``1953-03-05`` quoted or not, ``{min: 5,
max: 5}``) is no change, and edits that leave the value alone (keywords, sources, a draft's
``status`` removed on review) are listed apart from changes of value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from linter.errors import UserError
from linter.facts.files import table_files
from linter.facts.tables import read_table, schema_errors

VALUE_KEYS = ("date", "count", "money", "percent", "duration")
_MEANING = (*VALUE_KEYS, "unit", "currency", "tolerance")
_OTHER = ("keywords", "sources", "statement", "status", "note")


@dataclass(frozen=True, slots=True)
class Entry:
    """One fact of a side, where it stands."""

    fact: Mapping[str, Any]
    path: str
    line: int

    def value(self) -> str:
        """``date 1953-03-05``, ``count 200–500 soldiers``, ``money 1000000 USD``."""
        kind = next((k for k in VALUE_KEYS if k in self.fact), "?")
        text = f"{kind} {_text(_normal(self.fact.get(kind)))}"
        for extra in ("unit", "currency"):
            if extra in self.fact:
                text += f" {self.fact[extra]}"
        if "tolerance" in self.fact:
            text += f" ±{float(self.fact['tolerance']) * 100:g}%"
        return text


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    """``changed`` (value), ``edited`` (other fields), ``added`` or ``removed``."""
    id: str
    old: Entry | None
    new: Entry | None
    fields: tuple[str, ...] = ()

    def text(self) -> str:
        if self.kind == "added" and self.new is not None:
            return f"{self._where(self.new)}: added {self.id}: {self.new.value()}"
        if self.kind == "removed" and self.old is not None:
            return f"{self._where(self.old)}: removed {self.id}: {self.old.value()}"
        assert self.old is not None and self.new is not None
        if self.kind == "changed":
            return f"{self._where(self.new)}: changed {self.id}: {self.old.value()} → {self.new.value()}"
        return f"{self._where(self.new)}: edited {self.id}: {', '.join(self.fields)}"

    @staticmethod
    def _where(entry: Entry) -> str:
        return f"{entry.path}:{entry.line}"

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"change": self.kind, "id": self.id}
        for side, entry in (("old", self.old), ("new", self.new)):
            if entry is not None:
                found[side] = {"value": entry.value(), "path": entry.path, "line": entry.line}
        if self.fields:
            found["fields"] = list(self.fields)
        return found


def _normal(value: Any) -> Any:
    """A value as it means: ``{min: x, max: x}`` is ``x``, and a year is a year as text or not."""
    if isinstance(value, Mapping):
        low, high = _normal(value.get("min")), _normal(value.get("max"))
        return low if low == high else {"min": low, "max": high}
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else float(value)
    return value


def _text(value: Any) -> str:
    return f"{value['min']}–{value['max']}" if isinstance(value, Mapping) else str(value)


def _same(key: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    if key in VALUE_KEYS and key in old and key in new:
        left, right = _normal(old[key]), _normal(new[key])
        if key == "date":
            return str(left) == str(right)
        return bool(left == right)
    return old.get(key) == new.get(key)


def read_side(paths: Sequence[str]) -> dict[str, Entry]:
    """Every fact of the tables at ``paths`` by id; a table that does not validate is an error."""
    found: dict[str, Entry] = {}
    problems: list[str] = []
    for path in table_files(list(paths)):
        table = read_table(path)
        errors = schema_errors(table)
        problems.extend(f"{path}:{line}: TBL001 {message}" for line, message in errors)
        if errors:
            continue
        for number, fact in enumerate(table.data.get("facts", [])):
            found.setdefault(fact["id"], Entry(fact, path, table.line(("facts", number))))
    if problems:
        raise UserError("\n".join(problems))
    return found


def diff(old: Mapping[str, Entry], new: Mapping[str, Entry]) -> list[Change]:
    """The changes from ``old`` to ``new``, in the order of the new tables, then the removed."""
    changes: list[Change] = []
    for fact_id, entry in new.items():
        before = old.get(fact_id)
        if before is None:
            changes.append(Change("added", fact_id, None, entry))
            continue
        meaning = [k for k in _MEANING if not _same(k, before.fact, entry.fact)]
        other = [k for k in _OTHER if not _same(k, before.fact, entry.fact)]
        if meaning:
            changes.append(Change("changed", fact_id, before, entry, tuple(meaning + other)))
        elif other:
            changes.append(Change("edited", fact_id, before, entry, tuple(other)))
    changes.extend(
        Change("removed", fact_id, entry, None)
        for fact_id, entry in old.items()
        if fact_id not in new
    )
    return changes


def summary(changes: Iterable[Change]) -> str:
    counts = {"changed": 0, "added": 0, "removed": 0, "edited": 0}
    for change in changes:
        counts[change.kind] += 1
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())
