"""``--format text``, where a command has one text form: the one-line form of concise."""

from __future__ import annotations

from linter.formatters.concise_format import render

__all__ = ["render"]
