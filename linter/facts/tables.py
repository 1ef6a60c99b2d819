"""Reading fact tables: safe YAML with a line for every value, then the JSON Schema.

PyYAML's safe loader constructs no objects, but it turns ``1956-02-25`` into a
date, silently keeps the last of two duplicate keys and expands alias bombs.
So the table is composed into nodes and built here: dates stay text, duplicate
keys and runaway aliases are errors, and every value keeps its line, so that a
schema error reads ``facts/x.yaml:42: facts[7].date: "Feb 14" is not an ISO date``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from linter.errors import UserError
from linter.facts.files import read_bytes

Path_ = tuple[str | int, ...]
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_TAG_MESSAGE = "invalid YAML: YAML tags that construct objects are not allowed in a fact table"
_MAX_ALIAS_EXPANSION = 100_000
"""Nodes that aliases may add on top of the table's own: enough for any real table."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (LibYAML's, seven times faster, where PyYAML has it) without the
    timestamp resolver: dates stay strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(slots=True)
class Table:
    """One fact table file: its data, and the line of every value by its path."""

    path: str
    data: dict[str, Any]
    lines: dict[Path_, int]

    def line(self, path: Path_) -> int:
        """The line of the value at ``path``, or of its nearest enclosing value."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def dotted(path: Path_) -> str:
    """``facts[7].date`` for (facts, 7, date)."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


class _Builder:
    def __init__(self, loader: _Loader, path: str, distinct: int) -> None:
        self.loader = loader
        self.file = path
        self.lines: dict[Path_, int] = {}
        self.budget = distinct + _MAX_ALIAS_EXPANSION

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise UserError(
                "too many alias expansions (a YAML alias bomb?); write the values out",
                path=self.file,
                line=node.start_mark.line + 1,
            )
        self.lines[path] = node.start_mark.line + 1
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            raise UserError(_TAG_MESSAGE, path=self.file, line=node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node)
                if not isinstance(key, str | int | float | bool) and key is not None:
                    raise UserError("a key must be plain text", path=self.file,
                                    line=key_node.start_mark.line + 1)  # fmt: skip
                if key in result:
                    raise UserError(
                        f"{dotted((*path, str(key)))}: duplicate key {str(key)!r}",
                        path=self.file,
                        line=key_node.start_mark.line + 1,
                    )
                result[key] = self.build(value_node, (*path, str(key)))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node)


def _count_nodes(root: yaml.Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return len(seen)


def parse_table(text: str, path: str) -> Table:
    """Parse one table's YAML text, without the schema check."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return Table(path, {}, {})
        builder = _Builder(loader, path, _count_nodes(root))
        data = builder.build(root, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or str(exc)
        if "could not determine a constructor" in problem:
            raise UserError(_TAG_MESSAGE, path=path, line=line) from None
        raise UserError(f"invalid YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise UserError(f"invalid YAML: {exc}", path=path) from None
    except RecursionError:
        raise UserError("invalid YAML: nested too deeply", path=path) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise UserError(
            "a fact table must be a mapping with sources: and facts:", path=path, line=1
        )
    return Table(path, data, builder.lines)


@cache
def schema() -> dict[str, Any]:
    """The fact-table JSON Schema shipped with the package."""
    text = resources.files("linter").joinpath("schemas/facts.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


MAX_PROBLEMS = 100
"""Schema problems reported per table: 300,000 bad entries must not cost 300,000 lines."""


def schema_errors(table: Table) -> list[tuple[int, str]]:
    """(line, message) for the schema violations, the most specific message for each place;
    after MAX_PROBLEMS, validation stops and a last line says how much was not checked."""
    found: set[tuple[int, str]] = set()
    for error, left in _errors(table):
        if len(found) == MAX_PROBLEMS:
            stopped = tuple(error.absolute_path)
            return [*sorted(found), (table.line(stopped), f"stopped after {MAX_PROBLEMS} "
                    f"problems at {dotted(stopped)}: {left:,} more entries not checked; fix "
                    "these and validate again")]  # fmt: skip
        found.add(_describe(table, error))
    return sorted(found)


def _errors(table: Table) -> Iterator[tuple[Any, int]]:
    """Each violation with the number of entries after the one it is in, the table's
    shape first, then its sources and facts one at a time in the order they are written."""
    import jsonschema

    full = schema()
    data = table.data
    sources, facts = data.get("sources", {}), data.get("facts", [])
    if not isinstance(sources, dict) or not isinstance(facts, list):
        for error in jsonschema.Draft202012Validator(full).iter_errors(data):
            yield error, 0
        return
    shell = {**data, "sources": {key: {"citation": "-"} for key in sources}, "facts": []}
    for error in jsonschema.Draft202012Validator(full).iter_errors(shell):
        yield error, len(sources) + len(facts)
    entries = [("sources", key, value) for key, value in sources.items()]
    entries += [("facts", number, value) for number, value in enumerate(facts)]
    validators = {
        part: jsonschema.Draft202012Validator({"$defs": full["$defs"], "$ref": f"#/$defs/{name}"})
        for part, name in (("sources", "source"), ("facts", "fact"))
    }  # fmt: skip
    for position, (part, key, value) in enumerate(entries, 1):
        for error in validators[part].iter_errors(value):
            error.path.extendleft((key, part))  # the path from the table's top
            yield error, len(entries) - position


def _describe(table: Table, error: Any) -> tuple[int, str]:
    path: Path_ = tuple(error.absolute_path)
    custom = error.schema.get("errorMessage") if isinstance(error.schema, dict) else None
    instance = json.dumps(error.instance, ensure_ascii=False, default=str)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if k not in allowed)
        key = extra[0] if extra else "?"
        return table.line((*path, key)), f"{dotted((*path, key))}: unknown key {key!r}"
    if error.validator == "required":
        return table.line(path), f"{dotted(path)}: {error.message}"
    if error.validator == "oneOf" and custom:
        return table.line(path), f"{dotted(path)}: {custom}"
    if custom:
        if len(instance) > 60:
            instance = instance[:57] + "..."
        return table.line(path), f"{dotted(path)}: {instance} {custom}"
    return table.line(path), f"{dotted(path)}: {error.message}"


def read_table(path: str, data: bytes | None = None) -> Table:
    """Parse one table file (its bytes, if already read), without the schema check."""
    if data is None:
        data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"not valid UTF-8 (byte {exc.start})", path=path) from None
    return parse_table(text, path)
