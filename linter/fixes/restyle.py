"""A fact's value written the way the claim it corrects is written.

``August 9, 1945`` against a fact of 1945-08-08 becomes ``August 8, 1945``, ``9 August``
becomes ``8 August``, ``12,000 artillery pieces`` keeps its noun and its thousands
separator, ``five articles`` stays in words. A value the claim's style cannot express
(a range, a duration in another unit) gives no rewrite: the finding keeps its help line.
"""

from __future__ import annotations

import re
from typing import Any

from linter import numbers
from linter.claims import MONTHS, Claim

_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
# Patterns as text, compiled (through re's cache) by the first fix that needs them: most runs
# restyle nothing, and compiling these at import cost every run 2 ms.
_ISO = r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$"
_MONTH = r"(?P<month>[A-Z][a-z]{2,8}\.?)"
_DAY = r"(?P<day>\d{1,2})(?P<suffix>st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_STYLES = [
    rf"^{_MONTH}(?P<gap>\s+){_DAY}(?P<comma>,?\s+){_YEAR}$",  # August 9, 1945
    rf"^{_DAY}(?P<gap>\s+(?:of\s+)?){_MONTH}(?P<comma>,?\s+){_YEAR}$",  # 9 August 1945
    rf"^{_MONTH}(?P<comma>,?\s+){_YEAR}$",  # August 1945
    rf"^{_MONTH}(?P<gap>\s+){_DAY}$",  # August 9
    rf"^{_DAY}(?P<gap>\s+(?:of\s+)?){_MONTH}$",  # 9 August
    rf"^{_YEAR}$",
    r"^(?P<iso>\d{4}-\d{2}-\d{2})$",
]
_PRECISION = {"year": 1, "month": 2, "day": 3}
_AMOUNT = (
    r"(?s)^(?P<sign>US\$|U\.S\. ?\$|A\$|C\$|HK\$|\$|£|€|¥)?(?P<space>\s?)"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:" + numbers.NUMBER_WORD + r"))"
    r"(?P<scale>(?:[ -](?:hundred|thousand|million|billion|trillion))*)"
    r"(?P<rest>.*)$"
)
_DURATION_LETTER = {"year": "Y", "month": "M", "week": "W", "day": "D"}
_WORDS = {value: word for word, value in {**numbers.UNITS, **numbers.TENS}.items()}


def restyled(claim: Claim, value: Any) -> str | None:
    """The claim's text with ``value`` (a single fact value) in place of its own, or None."""
    if isinstance(value, dict) or isinstance(claim.value, dict) or value is None:
        return None
    if claim.kind == "date":
        return _date(claim, str(value))
    if claim.kind == "duration":
        return _duration(claim.text, str(value))
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return _amount(claim.text, float(value))


def _date(claim: Claim, value: str) -> str | None:
    fact = re.match(_ISO, value)
    if fact is None:
        return None
    year, month, day = fact.group(1), fact.group(2), fact.group(3)
    fact_precision = 3 if day else 2 if month else 1
    for style in _DATE_STYLES:
        match = re.match(style, claim.text)
        if match is not None:
            break
    else:
        return None
    parts = match.groupdict()
    if parts.get("iso"):
        return value if fact_precision == 3 else None
    written_year = parts.get("year") or str(claim.value)[:4]
    if "year" not in parts and written_year != year:
        return None  # "9 August" cannot say another year
    precision = min(_PRECISION[claim.precision], fact_precision)
    if precision == 1:
        return year if "month" not in parts else None
    month_text = _month_like(parts["month"], int(month))
    if precision == 2:
        if "year" not in parts:
            return None
        return f"{month_text}{parts['comma'].lstrip(',') or ' '}{year}"
    day_text = _day_like(parts["day"], parts.get("suffix"), int(day))
    if claim.text[0].isdigit():
        head = f"{day_text}{parts['gap']}{month_text}"
    else:
        head = f"{month_text}{parts['gap']}{day_text}"
    return head + (f"{parts['comma']}{year}" if "year" in parts else "")


def _month_like(written: str, month: int) -> str:
    name = _MONTH_NAMES[month - 1]
    bare = written.rstrip(".")
    if bare in MONTHS and bare != _MONTH_NAMES[MONTHS[bare] - 1]:  # an abbreviation
        short = name[:4] if bare == "Sept" and month == 9 else name[:3]
        return short + ("." if written.endswith(".") and short != name else "")
    return name


def _day_like(written: str, suffix: str | None, day: int) -> str:
    text = f"{day:02d}" if len(written) == 2 and written.startswith("0") else str(day)
    if suffix:
        ordinal = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        text += ordinal
    return text


def _amount(text: str, value: float) -> str | None:
    match = re.match(_AMOUNT, text)
    if match is None:
        return None
    number, scale_text = match.group("number"), match.group("scale")
    scale = 1
    for word in scale_text.replace("-", " ").split():
        scale *= numbers.SCALES[word]
    scaled = value / scale
    one_scale = len(scale_text.split()) == 1 and scale >= 1000
    written = _number_like(number, scaled) if one_scale and 1 <= scaled < 1000 else None
    if written is not None and written[0].isdigit() != number[0].isdigit():
        written = None  # "two million" cannot become "2.5 million" in words
    if written is None:
        plain = number if scale == 1 else "1,000" if value >= 1000 else "1"
        written, scale_text = _number_like(plain, value), ""
        if written is None:
            return None
    return f"{match.group('sign') or ''}{match.group('space')}{written}{scale_text}{match.group('rest')}"


def _number_like(written: str, value: float) -> str | None:
    """``value`` as ``written`` writes numbers: in words, with separators, with decimals."""
    if not written[0].isdigit():
        if value.is_integer() and int(value) in _WORDS:
            word = _WORDS[int(value)]
            return word.capitalize() if written[0].isupper() else word
        if value.is_integer() and 20 < value < 100:
            word = f"{_WORDS[int(value) // 10 * 10]}-{_WORDS[int(value) % 10]}"
            return word.capitalize() if written[0].isupper() else word
        written = "1,000" if value >= 1000 else "0"
    decimals = len(written.split(".")[1]) if "." in written else 0
    if not value.is_integer() or decimals:
        shown = (
            f"{value:,.{max(decimals, 1)}f}" if "," in written else f"{value:.{max(decimals, 1)}f}"
        )
        return None if float(shown.replace(",", "")) == 0 else shown
    return f"{int(value):,}" if "," in written else str(int(value))


def _duration(text: str, value: str) -> str | None:
    fact = re.fullmatch(r"P(\d+)([YMWD])", value)
    match = re.match(r"^(?P<number>\S+?)(?P<gap>[\s-]+)(?P<unit>[A-Za-z]+)(?P<rest>.*)$", text)
    if fact is None or match is None:
        return None
    unit = match.group("unit").lower()
    singular = unit[:-1] if unit.endswith("s") else unit
    if _DURATION_LETTER.get(singular) != fact.group(2):
        return None
    amount = float(fact.group(1))
    written = _number_like(match.group("number"), amount)
    if written is None:
        return None
    if match.group("gap").strip() != "-":  # "30-year" stays singular; "1 years" does not
        unit_text = match.group("unit")
        plural = unit_text.endswith("s")
        if amount == 1 and plural:
            unit_text = unit_text[:-1]
        elif amount != 1 and not plural:
            unit_text += "s"
        return f"{written}{match.group('gap')}{unit_text}{match.group('rest')}"
    return f"{written}{match.group('gap')}{match.group('unit')}{match.group('rest')}"
