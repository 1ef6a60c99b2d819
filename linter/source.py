"""Reading an article from disk into text and lines, exactly as an editor shows them.

Positions everywhere are 1-based lines and columns counted in characters of the
original file as an editor displays it: a UTF-8 byte-order mark is not a column,
``\\r\\n``, ``\\r`` and ``\\n`` all end a line, a tab is one character.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from linter.errors import UserError

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Source:
    """One article's text, split into lines the way markdown-it and editors count them."""

    path: str
    """The path as the user gave it (relative stays relative)."""
    text: str
    """The decoded text, BOM removed, every line break normalised to ``\\n``."""
    lines: tuple[str, ...]
    """The lines without their line breaks; ``lines[0]`` is line 1."""


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is the user's error."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UserError(f"invalid UTF-16 at byte {exc.start}", path=path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserError(
            f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8", path=path, line=line
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def from_text(text: str, path: str) -> Source:
    """Build a Source from already decoded text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = tuple(_LINE_BREAK.split(text))
    return Source(path=path, text="\n".join(lines), lines=lines)


MAX_ARTICLE_BYTES = 16 * 1024 * 1024
"""The default limit on an article's size (``max-article-mib`` in the config sets another)."""


def read(path: str, limit: int = MAX_ARTICLE_BYTES) -> Source:
    """Read and decode one article file."""
    return from_text(decode(read_bytes(path, limit), path), path)


def read_bytes(path: str, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """The file's bytes (a regular file of at most ``limit`` bytes), or a UserError."""
    from linter.files import read_regular

    return read_regular(path, limit, "article", "raise max-article-mib to check it")
