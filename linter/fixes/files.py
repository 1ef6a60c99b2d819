"""Fixing a file on disk: its bytes decoded as read, fixed, encoded as they were, written
atomically (its permissions kept), or shown as a unified diff instead."""

from __future__ import annotations

import codecs
import difflib
import os
from dataclasses import dataclass

from linter import source
from linter.diagnostic import Diagnostic
from linter.engine import ArticleResult, Settings, lint_source
from linter.fixes.apply import Fixed, fix_text
from linter.output import write_atomic_bytes


@dataclass(frozen=True, slots=True)
class Encoding:
    """How a file was stored, so that the fixed text is stored the same way."""

    codec: str
    bom: bytes


def read(path: str) -> tuple[str, Encoding]:
    """The file's text exactly as stored (line breaks as they are), and how it was stored."""
    data = source.read_bytes(path)
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            source.decode(data, path)  # the same error as a check would give
            return data[len(bom) :].decode(codec), Encoding(codec, bom)
    text = source.decode(data, path)
    return text, Encoding("utf-8", codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b"")


def encode(text: str, encoding: Encoding) -> bytes:
    return encoding.bom + text.encode(encoding.codec)


def fix_result(
    result: ArticleResult, settings: Settings, text: str, *, unsafe: bool
) -> tuple[Fixed, ArticleResult]:
    """Fix one article's text, starting from its result; the last lint's result with it."""
    latest = [result]

    def relint(changed: str) -> list[Diagnostic]:
        latest[0] = lint_source(source.from_text(changed, result.path), settings)
        return latest[0].diagnostics

    fixed = fix_text(text, result.diagnostics, relint, unsafe=unsafe)
    return fixed, latest[0]


def write(path: str, text: str, encoding: Encoding) -> None:
    """Replace the file with ``text`` atomically, keeping its permission bits."""
    mode = os.stat(path).st_mode & 0o7777
    write_atomic_bytes(path, encode(text, encoding), mode=mode)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of the fix, as ``git apply`` and ``patch -p0`` read it."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), path, path
    )
    text = ""
    for line in lines:
        text += line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
    return text
