"""Finding and reading fact-table files (no YAML here: a cached knowledge base needs none)."""

from __future__ import annotations

import os

from linter.errors import UserError
from linter.files import read_regular

MAX_TABLE_BYTES = 16 * 1024 * 1024
"""A larger fact table is refused (exit 2) before it is read: time and memory stay bounded."""


def read_bytes(path: str) -> bytes:
    """The table's bytes: a regular file of at most MAX_TABLE_BYTES, or a UserError."""
    return read_regular(path, MAX_TABLE_BYTES, "fact table", "split it into several tables")


def table_files(paths: list[str]) -> list[str]:
    """Expand folders to the ``*.yaml``/``*.yml`` files below them, sorted."""
    files: list[str] = []
    for given in paths:
        if os.path.isdir(given):
            for folder, subfolders, names in os.walk(given):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                files.extend(
                    os.path.join(folder, n) for n in sorted(names) if n.endswith((".yaml", ".yml"))
                )
        elif os.path.exists(given):
            files.append(given)
        else:
            raise UserError("no such fact table file or folder", path=given)
    return files
