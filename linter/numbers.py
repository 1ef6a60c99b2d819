"""Numbers as encyclopedia prose writes them: digits, separators, scale words, number words.

Also the precision a number was written with: ``1.5 million`` stands for anything
from 1.45 to 1.55 million, ``12,000`` for 11,500 to 12,500, ``1,390`` for 1,385 to 1,395.
"""

from __future__ import annotations

from decimal import Decimal

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}  # fmt: skip

_WORD_ALTERNATIVES = sorted([*UNITS, *TENS], key=len, reverse=True)
NUMBER_WORD = (
    r"(?:(?:"
    + "|".join(TENS)
    + r")(?:[- ](?:"
    + "|".join(k for k in UNITS if UNITS[k] < 10 and k != "zero")
    + r"))?|"
    + "|".join(k for k in _WORD_ALTERNATIVES if k not in TENS)
    + r")"
)
"""A regular expression for one to ninety-nine in words."""


def word_value(text: str) -> int:
    """The value of number words: ``thirty-six``, ``twelve``, ``one hundred and fifty``."""
    total = current = 0
    for part in text.lower().replace("-", " ").split():
        if part in SCALES:
            scale = SCALES[part]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            current += TENS.get(part, 0) + UNITS.get(part, 0)
    return total + current


def digits_value(text: str) -> tuple[Decimal, Decimal]:
    """The value of ``1,390`` or ``1.5`` and half the step of its last written digit."""
    cleaned = text.replace(",", "").replace("\u2009", "").replace("\u202f", "")
    value = Decimal(cleaned)
    if "." in cleaned:
        decimals = len(cleaned.split(".")[1])
        return value, Decimal(5) / Decimal(10) ** (decimals + 1)
    stripped = cleaned.rstrip("0") or "0"
    zeros = len(cleaned) - len(stripped)
    return value, Decimal(5) * Decimal(10) ** zeros / 10 if zeros else Decimal("0.5")


def number_value(text: str) -> tuple[float, float]:
    """Value and half-precision of digits or words, with an optional scale: ``two million``."""
    words = text.lower().replace("-", " ").split()
    if not words[0][0].isdigit() and any(word in SCALES for word in words[:-1]):
        last = words[-1]  # a compound: "three thousand five hundred", "one hundred and fifty"
        step = SCALES[last] / 2 if last in SCALES else 5 if TENS.get(last) else 0.5
        return float(word_value(text)), float(step)
    scale = 1
    while words and words[-1] in SCALES:
        scale *= SCALES[words.pop()]
    if not words:
        return float(scale), scale / 2
    head = " ".join(words)
    if head[0].isdigit():
        value, half = digits_value(head)
    else:
        word = word_value(head)
        value = Decimal(word)
        half = Decimal(5) if word % 10 == 0 and word >= 20 else Decimal("0.5")
    return float(value * scale), float(half * scale)


def canonical(value: float) -> int | float:
    """An int when the value is whole, so that JSON shows 1500000, not 1500000.0."""
    return int(value) if float(value).is_integer() else value
