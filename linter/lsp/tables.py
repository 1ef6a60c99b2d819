"""Fact tables kept parsed between edits: a table is read again only when it has changed.

The CLI reads every table on every run (through its cache); the server is told when a
table changes (a watched-file event, a save, an edit in an open buffer) and reads and
parses only that one again, building the knowledge base from the others as they were.
Problems are kept, not raised: they become TBL diagnostics on the tables themselves.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from linter.errors import UserError
from linter.facts.files import read_bytes, table_files
from linter.facts.knowledge import KnowledgeBase, Problem, build
from linter.facts.tables import Table, parse_table, read_table


@dataclass(frozen=True, slots=True)
class Built:
    """A knowledge base, the table files it was built from and the problems found."""

    knowledge: KnowledgeBase
    files: tuple[str, ...]
    problems: tuple[Problem, ...]


class LiveTables:
    """Parsed tables by absolute path, and the unsaved text of tables open in the editor."""

    def __init__(self) -> None:
        self._parsed: dict[str, tuple[str, Table | Problem]] = {}
        self._buffers: dict[str, str] = {}
        self.reads = 0
        """How many times a table was read or parsed: what "never re-read" is tested by."""

    def changed(self, path: str) -> None:
        """Forget a table (it changed on disk, or was created or deleted)."""
        self._parsed.pop(os.path.abspath(path), None)

    def edited(self, path: str, text: str | None) -> None:
        """An open table's unsaved text (None: closed, the file on disk counts again)."""
        path = os.path.abspath(path)
        if text is None:
            self._buffers.pop(path, None)
        elif self._buffers.get(path) == text:
            return
        else:
            self._buffers[path] = text
        self.changed(path)

    def build(self, paths: list[str]) -> Built:
        """The knowledge base of the tables at ``paths`` (files or folders)."""
        files = [os.path.abspath(f) for f in table_files(paths)]
        tables: list[Table] = []
        problems: list[Problem] = []
        digests: list[str] = []
        for path in files:
            digest, parsed = self._parsed.get(path) or self._read(path)
            digests.append(digest)
            if isinstance(parsed, Problem):
                problems.append(parsed)
            else:
                tables.append(parsed)
        knowledge, found = build(tables)
        knowledge.digest = hashlib.sha256("\0".join(files + digests).encode()).hexdigest()
        return Built(knowledge, tuple(files), tuple(problems + found))

    def _read(self, path: str) -> tuple[str, Table | Problem]:
        self.reads += 1
        parsed: Table | Problem
        try:
            buffer = self._buffers.get(path)
            if buffer is None:
                data = read_bytes(path)
                parsed = read_table(path, data)
            else:
                data = buffer.encode("utf-8", "surrogatepass")
                parsed = parse_table(buffer.removeprefix("\ufeff"), path)
        except UserError as error:
            data = b""
            parsed = Problem("TBL001", path, error.line or 1, error.detail)
        entry = (hashlib.sha256(data).hexdigest(), parsed)
        self._parsed[path] = entry
        return entry
