"""Finding and reading fact-table files (no YAML here: a cached knowledge base needs none)."""

from __future__ import annotations

import os

from linter.errors import UserError


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise UserError(f"cannot read fact table: {exc.strerror}", path=path) from None


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
