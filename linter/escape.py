"""Making text safe to print: file names and messages reach terminals and CI logs.

A file name can hold a newline followed by ``::error ...::`` (a line GitHub Actions runs
as a workflow command), terminal escape sequences, or bytes that are not UTF-8 (which
Python carries as lone surrogates, and no UTF-8 output can encode). Paths are shown as
git shows such names: in double quotes, with C escapes and octal bytes. Messages get
their control characters escaped.
"""

from __future__ import annotations

import re

_CONTROL = r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]"
"""Compiled (through re's cache) only for text that is not all printable: every character it
matches is one ``str.isprintable`` rejects, so most runs never compile it."""
_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
              "\r": "\\r", '"': '\\"', "\\": "\\\\"}  # fmt: skip


def display_path(path: str) -> str:
    """``path`` unchanged when it prints safely, else quoted and escaped as git does."""
    if path.isprintable() or not re.search(_CONTROL, path):
        return path
    out = []
    for char in path:
        if char in _C_ESCAPES:
            out.append(_C_ESCAPES[char])
        elif re.match(_CONTROL, char):
            data = char.encode("utf-8", "surrogateescape")
            out.append("".join(f"\\{byte:03o}" for byte in data))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def printable(text: str) -> str:
    """``text`` with its control characters (and lone surrogates) written as escapes."""
    if text.isprintable() or not re.search(_CONTROL, text):
        return text
    return re.sub(_CONTROL, _escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
