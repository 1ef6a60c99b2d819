"""Writing fact tables as YAML people edit: one key a line, in the order the schema lists them.

A generated table is read by people before it is trusted, so it is written by hand rather
than by a YAML dumper: keywords and ranges in flow style on one line, dates quoted (so that
no other YAML reader turns them into timestamps), every string double-quoted with JSON
escapes, which YAML reads the same way. ``append`` adds sources and facts to an existing
table without rewriting a byte of it, comments included.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from linter.errors import UserError

FACT_KEYS = (
    "id", "statement", "keywords", "date", "count", "money", "percent", "duration", "unit",
    "currency", "tolerance", "sources", "status", "note",
)  # fmt: skip
SOURCE_KEYS = ("citation", "url", "author", "title", "publisher", "year", "note")


def scalar(value: Any) -> str:
    """One value in YAML: a number as itself, anything else as a double-quoted string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def flow(value: Any) -> str:
    """A value on one line: lists and ``{min, max}`` in flow style."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return scalar(value)


def source_lines(key: str, source: Mapping[str, Any], indent: str = "  ") -> list[str]:
    lines = [f"{indent}{key}:"]
    lines.extend(
        f"{indent}  {name}: {flow(source[name])}" for name in SOURCE_KEYS if name in source
    )
    return lines


def fact_lines(fact: Mapping[str, Any], indent: str = "  ") -> list[str]:
    lines: list[str] = []
    for name in FACT_KEYS:
        if name in fact:
            lead = f"{indent}- " if not lines else f"{indent}  "
            lines.append(f"{lead}{name}: {flow(fact[name])}")
    return lines


def table_text(
    sources: Mapping[str, Mapping[str, Any]], facts: Sequence[Mapping[str, Any]], header: str = ""
) -> str:
    """A whole table: a comment header, ``sources:``, then ``facts:``."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    if sources:
        lines.append("sources:")
        for key, source in sources.items():
            lines.extend(source_lines(key, source))
    if facts:
        lines.append("facts:")
    for fact in facts:
        lines.extend(fact_lines(fact))
    return "\n".join(lines) + "\n"


def append(
    text: str,
    path: str,
    sources: Mapping[str, Mapping[str, Any]],
    facts: Sequence[Mapping[str, Any]],
) -> str:
    """``text`` (an existing table) with ``sources`` and ``facts`` inserted, nothing else changed.

    New sources go after the last entry of its ``sources:`` mapping, new facts after the last
    item of ``facts:`` (each section is added at the end when missing). Both must be in block
    style; a table written in flow style is refused rather than rewritten.
    """
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    sections = _sections(text, path)
    insertions: list[tuple[int, list[str]]] = []
    trailer: list[str] = []
    for name, new in (
        ("sources", [line for k, s in sources.items() for line in source_lines(k, s, "")]),
        ("facts", [line for fact in facts for line in fact_lines(fact, "")]),
    ):
        if not new:
            continue
        found = sections.get(name)
        if found is None:
            trailer.append(f"{name}:")
            trailer.extend("  " + line for line in new)
            continue
        after, indent = found
        insertions.append((after, [indent + line for line in new]))
    for after, new in sorted(insertions, reverse=True):
        lines[after:after] = [line + newline for line in new]
    lines.extend(line + newline for line in trailer)
    return "".join(lines)


def _sections(text: str, path: str) -> dict[str, tuple[int, str]]:
    """For ``sources`` and ``facts``: the line index after their last entry, and its indent."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise UserError(f"invalid YAML: {exc}", path=path) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise UserError("a fact table must be a mapping with sources: and facts:", path=path)
    found: dict[str, tuple[int, str]] = {}
    for key, value in root.value:
        name = key.value
        if name not in ("sources", "facts"):
            continue
        if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):
            if value.value:
                raise UserError(f"{name}: is null; write it empty to append", path=path,
                                line=key.start_mark.line + 1)  # fmt: skip
            found[name] = (key.start_mark.line + 1, "  ")
            continue
        if value.flow_style or not isinstance(value, yaml.MappingNode | yaml.SequenceNode):
            raise UserError(
                f"{name}: is in flow style; write it in block style to append to it",
                path=path,
                line=key.start_mark.line + 1,
            )
        items = value.value
        first = items[0][0] if isinstance(value, yaml.MappingNode) else items[0]
        last = _last_leaf(value)
        end = last.end_mark.line + (1 if last.end_mark.column else 0)
        column = first.start_mark.column
        if isinstance(value, yaml.SequenceNode):
            column -= 2  # the item's content stands after "- "
        found[name] = (end, " " * max(column, 0))
    return found


def _last_leaf(node: yaml.Node) -> yaml.Node:
    """The last value written inside a block collection: new lines go after its line (a
    block collection's own end lies past any comments that follow it)."""
    while (
        isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        and node.value
        and not node.flow_style
    ):
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node
