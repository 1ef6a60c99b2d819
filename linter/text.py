"""Words for counts in messages: "1 problem", "2 problems"."""

from __future__ import annotations


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is one."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"
