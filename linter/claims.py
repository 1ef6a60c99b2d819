"""Claim extraction: every date, count, money amount, percentage and duration in the prose.

One combined regular expression scans each block's prose once (eleven separate
passes were measured five times slower). Every alternative is a fixed sequence
of bounded tokens, and number-starting alternatives are guarded on the left so
that a run of digits is tried from its first character only: linear time on any
input. What a match means (its value, precision, unit, qualifier) is worked out
afterwards, on the few characters around the match.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from linter import numbers
from linter.document import Block, Document, Span

ClaimKind = Literal["date", "count", "money", "percent", "duration"]
INFINITY = float("inf")

MONTHS = {
    name: index
    for index, names in enumerate(
        [("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
         ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
         ("September", "Sep", "Sept"), ("October", "Oct"), ("November", "Nov"),
         ("December", "Dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1\d{3}|20\d{2})"
_NUM = r"(?:\d{1,3}(?:,\d{3}){1,5}(?:\.\d{1,9})?|\d{1,15}(?:\.\d{1,9})?)(?![\d,]\d|\d)"
"""A number as prose writes one: at most fifteen digits. A longer run of digits is an
identifier (or an attack), never a count, and could not be a float anyway."""
_WORD = r"(?i:" + numbers.NUMBER_WORD + r")"
_SCALE = r"(?:[ -](?:hundred|thousand|million|billion|trillion)){0,2}"
_LEFT = r"(?<![\w.,/$£€¥-])"
_AMOUNT = rf"(?:{_LEFT}{_NUM}|(?<![\w-]){_WORD}\b){_SCALE}"
_SHORT_SCALES = {"bn": "billion", "m": "million", "k": "thousand"}
_CURRENCY_SIGN = r"(?:US\$|U\.S\. ?\$|A\$|C\$|HK\$|\$|£|€|¥)"
_CURRENCY_WORD = r"(?:rubles|roubles|yuan|dollars|pounds|yen|francs|marks|US dollars)"
_TIME_UNIT = r"(?:years?|months?|weeks?|days?|decades?|centuries|century|hours?)"
_VAGUE = r"(?:[Dd]ozens|[Ss]cores|[Hh]undreds|[Tt]housands|[Mm]illions|[Tt]ens)"

_PATTERN = re.compile(
    "|".join(
        [
            r"(?P<url>\b(?:https?://|www\.)\S+)",
            r"(?P<time>\b\d{1,2}(?::\d{2})?\s?[ap]\.?m\.?(?!\w)|\b\d{1,2}:\d{2}\b|\b\d{1,2} o'clock)",
            r"(?P<named>\b(?:Article|Art\.|Articles|No\.|Nos\.|Number|Chapter|Ch\.|Section|Sec\."
            r"|Clause|Paragraph|Vol\.|Volume|Part|Book|Issue|Resolution|Type|Model|Route|Phase"
            r"|Stage|Division|Plenum|p\.|pp\.|vol\.|no\.|nos\.|art\.|page|pages|chapter|section"
            r"|article|articles|clause|paragraph|volume|item)\s+\d+(?:\s?[–-]\s?\d+)?\b)",
            rf"(?P<iso>\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b)",
            rf"(?P<mdy>\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d))",
            rf"(?P<dmy>{_LEFT}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d))",
            rf"(?P<my>\b{_MONTH},?\s+{_YEAR}(?!\d))",
            rf"(?P<md>\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d))",
            rf"(?P<dm>{_LEFT}{_DAY}\s+(?:of\s+)?{_MONTH}\b)",
            rf"(?P<prepost>\b(?:[Pp]re|[Pp]ost)-{_YEAR}\b)",
            r"(?P<decade>\b(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[- ]?)?(?:1\d{2}0|20\d0)s\b)",
            rf"(?P<fromto>\b(?:[Ff]rom|[Bb]etween)\s+{_YEAR}\s+(?:to|until|till|and|through)\s+{_YEAR}\b)",
            rf"(?P<yrange>{_LEFT}{_YEAR}\s?[–—-]\s?(?:{_YEAR}|\d{{2}})\b(?!s))",
            rf"(?P<money>{_CURRENCY_SIGN}\s?{_NUM}(?:\s?(?:bn|m|k)\b|{_SCALE}))",
            # An amount, then what it is: the amount is matched once, not once for each of
            # the four kinds; the pattern compiles and runs faster, with the same matches.
            rf"{_AMOUNT}(?:(?P<moneyword>\s+{_CURRENCY_WORD}\b)"
            r"|(?P<percent>\s?(?:%|percent\b|per\s?cent\b))"
            rf"|(?P<duration>(?:\s+|-){_TIME_UNIT}\b(?:-long)?)"
            r"|(?P<count>(?=-strong\b|\s+(?:of\s+)?[A-Za-z])))",
            r"(?P<vagueduration>\b(?:in|within)\s+(?:a\s+few\s+)?(?:days|weeks|months)\b)",
            rf"(?P<vague>\b{_VAGUE}(?:\s+of\s+(?:thousands|millions))?\s+of\s+(?=[a-z]))",
            r"(?P<vaguebare>\b(?:[Hh]undreds|[Tt]housands|[Mm]illions)\b(?!\s+of\b))",
            r"(?P<ordinal>\b\d+(?:st|nd|rd|th)\b)",
            rf"(?P<year>{_LEFT}{_YEAR}(?![\d%]|,\d|\.\d))",
            rf"(?P<number>{_LEFT}{_NUM}{_SCALE}(?![\w%]))",
        ]
    )
)


def _trie(words: list[str]) -> str:
    """A regular expression for a set of words, as a trie: the engine checks one letter and
    moves on, where a flat alternation would try every word at every position."""
    if "" in words and len(words) == 1:
        return ""
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    parts = [re.escape(first) + _trie(rest) for first, rest in sorted(groups.items())]
    body = "(?:" + "|".join(parts) + ")" if len(parts) > 1 else parts[0]
    return f"(?:{body})?" if "" in words else body


_TRIGGER_WORDS = [
    *numbers.UNITS, *numbers.TENS, "dozens", "scores", "hundreds", "thousands", "millions",
    "tens",
]  # fmt: skip
_ANCHOR = re.compile(
    r"\d+|[$£€¥]|\b(?:[Ii]n|[Ww]ithin)\s+(?:a\s+few\s+)?(?:days|weeks|months)\b|\b"
    + _trie(sorted({w for word in _TRIGGER_WORDS for w in (word, word.capitalize())}))
    + r"\b"
)
"""Where a claim can be: a digit, a currency sign, a number word, a vague amount, in/within.

Only a few percent of positions; the full pattern is tried at those alone (and at the
start of the word before, for "March 5", "between 1950", "early 1960s", "Article 4").
"""

_QUALIFIERS = {
    "approximate": "about around some approximately roughly nearly almost circa c. ca. "
    "an_estimated estimated",
    "lower": "over more_than at_least upwards_of in_excess_of",
    "upper": "under fewer_than less_than up_to at_most no_more_than within",
    "by": "by",
    "until": "until till",
    "before": "before",
    "after": "after since",
}
_QUALIFIER_OF = {
    phrase.replace("_", " "): name
    for name, phrases in _QUALIFIERS.items()
    for phrase in phrases.split()
}
_QUALIFIER = re.compile(
    r"(?i)(?<![\w.])("
    + "|".join(re.escape(p) for p in sorted(_QUALIFIER_OF, key=len, reverse=True))
    + r")\s+(?:the\s+)?$"
)
_DATE_ONLY_QUALIFIERS = frozenset({"by", "until", "before", "after"})
_VAGUE_RANGES = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "millions": (2_000_000, 999_999_999), "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999), "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999),
}  # fmt: skip
DURATION_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.436875, "year": 365.2425,
                  "decade": 3652.425, "century": 36524.25}  # fmt: skip
_DURATION_ISO = {"hour": ("T", "H", 1), "day": ("", "D", 1), "week": ("", "W", 1),
                 "month": ("", "M", 1), "year": ("", "Y", 1), "decade": ("", "Y", 10),
                 "century": ("", "Y", 100)}  # fmt: skip
_CURRENCIES = {"$": "USD", "us$": "USD", "u.s.$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD",
               "£": "GBP", "€": "EUR", "¥": "JPY|CNY", "rubles": "RUB", "roubles": "RUB",
               "yuan": "CNY", "dollars": "USD", "us dollars": "USD", "pounds": "GBP",
               "yen": "JPY", "francs": "FRF", "marks": "DEM"}  # fmt: skip
_STOPWORDS = frozenset(
    """a an and or but nor of in on at to by for from with without into onto over under than
    that which who whom whose where when while as is are was were be been being had has have
    it its this these those their there then thus so such each per the also only some about
    after before during since until upon against among between through toward towards across
    along around out up down off again further once here all any both few more most other
    own same very can will just should now including included respectively each""".split()
)
_NOUN_WORD = re.compile(r"[ \t\n]+([A-Za-z][A-Za-z'’-]*)")
_PLURAL_NOUNS = frozenset("men people children women personnel staff aircraft cattle".split())


@dataclass(slots=True)
class Claim:
    """One factual statement found in the prose."""

    kind: ClaimKind
    text: str
    """The text exactly as the file has it at ``span``."""
    span: Span
    block: int
    start: int
    end: int
    """Offsets in the block's prose."""
    value: Any
    """The normalised value for output: an ISO date or duration, a number, or {min, max}."""
    low: float
    high: float
    """The interval the claim stands for, at the precision written: ordinal days for dates,
    days for durations, the number itself otherwise."""
    precision: str
    qualifier: str | None = None
    unit: str | None = None
    """Counted noun for counts, ISO currency code(s) for money."""
    sentence: int = -1
    citations: tuple[str, ...] = ()
    context: str = ""
    """The claim's sentence as prose (markers blanked), for corpus-wide comparisons."""

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "value": self.value}


@dataclass(slots=True)
class _Raw:
    """A claim as a match makes it, in block-prose offsets, before it becomes a Claim."""

    kind: ClaimKind
    start: int
    end: int
    value: Any
    low: float
    high: float
    precision: str
    unit: str | None = None
    qualifier: str | None = None


def _ordinal(year: int, month: int = 1, day: int = 1) -> int:
    return datetime.date(year, month, day).toordinal()


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]  # no date after 9999-12 to count back from


def date_interval(
    year: int, month: int | None = None, day: int | None = None
) -> tuple[float, float]:
    """The first and last ordinal day a date written at this precision stands for."""
    if month is None:
        return _ordinal(year), _ordinal(year, 12, 31)
    if day is None:
        return _ordinal(year, month), _ordinal(year, month, _last_day(year, month))
    return _ordinal(year, month, day), _ordinal(year, month, day)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


def _month(token: str) -> int:
    return MONTHS[token.rstrip(".")]


def _day(token: str) -> int:
    return int(re.match(r"\d+", token).group())  # type: ignore[union-attr]


def _date(start: int, end: int, year: int, month: int | None, day: int | None) -> _Raw | None:
    try:
        low, high = date_interval(year, month, day)
    except ValueError:
        return None  # 31 February: not a date
    precision = "day" if day is not None else "month" if month is not None else "year"
    return _Raw("date", start, end, _iso(year, month, day), low, high, precision)


def _year_range(start: int, end: int, first: int, last: int) -> _Raw | None:
    if last < first:
        return None
    low, _ = date_interval(first)
    _, high = date_interval(last)
    return _Raw("date", start, end, f"{first}/{last}", low, high, "range")


def _noun_phrase(prose: str, position: int) -> tuple[str | None, int]:
    """The counted noun after a number: up to three words before a stop word or punctuation."""
    words: list[tuple[str, int]] = []
    end = position
    for _ in range(3):
        match = _NOUN_WORD.match(prose, end)
        if match is None or match.group(1).lower() in _STOPWORDS:
            break
        word = match.group(1)
        words.append((word, match.end()))
        end = match.end()
        if word in _PLURAL_NOUNS or (
            word.islower() and word.endswith("s") and not word.endswith("ss")
        ):
            break  # the plural head noun ends the phrase: "key projects"
    while words and words[-1][0].endswith(("ed", "ing", "ly")):
        words.pop()
    if not words:
        return None, position
    return " ".join(word for word, _ in words), words[-1][1]


def _looks_like_year_count(noun: str | None) -> bool:
    """Whether a four-digit number followed by ``noun`` counts things (``1500 men``)."""
    if noun is None or not noun[0].islower():
        return False
    head = noun.split()[0].lower()
    return head in _PLURAL_NOUNS or (
        head.endswith("s") and len(head) > 3 and head not in _STOPWORDS
    )


def _interpret(match: re.Match[str], prose: str) -> _Raw | None:
    """What one match of the combined pattern claims, or None when it is no claim."""
    kind = match.lastgroup
    text = match.group()
    start, end = match.span()
    if kind in ("url", "time", "named", "ordinal") or kind is None:
        return None
    if kind == "iso":
        year, month, day = (int(part) for part in text.split("-"))
        return _date(start, end, year, month, day)
    if kind in ("mdy", "dmy", "my"):
        parts = re.findall(r"[A-Z][a-z]+\.?|\d+(?:st|nd|rd|th)?", text)
        month = next(_month(p) for p in parts if p[0].isalpha())
        numbers_ = [p for p in parts if p[0].isdigit()]
        day_of_month = _day(numbers_[0]) if kind != "my" else None
        return _date(start, end, int(numbers_[-1]), month, day_of_month)
    if kind in ("md", "dm"):
        parts = re.findall(r"[A-Z][a-z]+\.?|\d+", text)
        month = next(_month(p) for p in parts if p[0].isalpha())
        day = next(int(p) for p in parts if p[0].isdigit())
        if day > 31:
            return None
        return _Raw("date", start, end, f"--{month:02d}-{day:02d}", -INFINITY, INFINITY, "day")
    if kind == "prepost":
        raw = _date(start, end, int(text[-4:]), None, None)
        if raw is not None:
            raw.qualifier = "before" if text[:3].lower() == "pre" else "after"
        return raw
    if kind == "decade":
        return _decade(start, end, text)
    if kind == "fromto":
        first, last = (int(y) for y in re.findall(r"\d{4}", text))
        offset = len(re.match(r"(?:[Ff]rom|[Bb]etween)\s+", text).group())  # type: ignore[union-attr]
        return _year_range(start + offset, end, first, last)
    if kind == "yrange":
        first_text, last_text = re.split(r"\s?[–—-]\s?", text)
        first = int(first_text)
        last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
        return _year_range(start, end, first, last)
    if kind in ("money", "moneyword"):
        return _money(start, end, text)
    if kind == "percent":
        return _number("percent", start, end, re.sub(r"\s?(?:%|percent|per\s?cent)$", "", text))
    if kind == "duration":
        return _duration(start, end, text, prose)
    if kind == "vagueduration":
        unit = text.split()[-1].rstrip("s")
        days = DURATION_DAYS[unit]
        offset = len(text) - len(text.split()[-1])
        return _Raw(
            "duration",
            start + offset,
            end,
            f"P2{_DURATION_ISO[unit][1]}/P11{_DURATION_ISO[unit][1]}",
            2 * days,
            11 * days,
            "vague",
            qualifier="upper" if text.startswith("within") else None,
        )
    if kind == "vague":
        return _vague(start, end, text, prose)
    if kind == "vaguebare":
        low, high = _VAGUE_RANGES[text.lower()]
        return _Raw("count", start, end, {"min": low, "max": high}, low, high, "vague")
    if kind in ("count", "year", "number"):
        return _count_or_year(start, end, text, prose, kind)
    return None


def _number(kind: ClaimKind, start: int, end: int, amount: str, unit: str | None = None) -> _Raw:
    """A numeric claim: its value and the interval its last written digit stands for."""
    value, half = numbers.number_value(amount)
    canonical = numbers.canonical(value)
    return _Raw(kind, start, end, canonical, value - half, value + half, "number", unit=unit)


def _decade(start: int, end: int, text: str) -> _Raw:
    decade = int(re.search(r"\d{4}", text).group())  # type: ignore[union-attr]
    first, last = decade, decade + 9
    part = text[:3].lower()
    if part == "ear":
        last = decade + 3
    elif part == "mid":
        first, last = decade + 3, decade + 7
    elif part == "lat":
        first = decade + 6
    low, _ = date_interval(first)
    _, high = date_interval(last)
    return _Raw("date", start, end, f"{first}/{last}", low, high, "decade")


def _money(start: int, end: int, text: str) -> _Raw:
    sign = re.match(r"US\$|U\.S\. ?\$|A\$|C\$|HK\$|\$|£|€|¥", text)
    if sign is not None:
        currency = _CURRENCIES["".join(sign.group().split()).lower()]
        amount = re.sub(
            r"\s?(bn|m|k)$", lambda m: " " + _SHORT_SCALES[m.group(1)], text[sign.end() :].strip()
        )
    else:
        word = re.search(_CURRENCY_WORD + r"$", text)
        assert word is not None
        currency = _CURRENCIES[word.group().lower()]
        amount = text[: word.start()].strip()
    return _number("money", start, end, amount, currency)


def _duration(start: int, end: int, text: str, prose: str) -> _Raw | None:
    unit_match = re.search(_TIME_UNIT + r"(?:-long)?$", text)
    assert unit_match is not None
    amount = text[: unit_match.start()].rstrip(" -")
    if amount[:1].isupper() and not _sentence_start(prose, start):
        return None  # "the First Five-Year Plan": a name
    unit = unit_match.group().removesuffix("-long")
    unit = "century" if unit.startswith("centur") else unit.rstrip("s")
    value, half = numbers.number_value(amount)
    prefix, designator, factor = _DURATION_ISO[unit]
    iso_value = numbers.canonical(value * factor)
    days = DURATION_DAYS[unit]
    return _Raw(
        "duration",
        start,
        end,
        f"P{prefix}{iso_value}{designator}",
        (value - half) * days,
        (value + half) * days,
        unit,
    )


def _vague(start: int, end: int, text: str, prose: str) -> _Raw | None:
    phrase = re.sub(r"\s+", " ", text.lower()).removesuffix(" of ").strip()
    low, high = _VAGUE_RANGES.get(phrase, (0, 0))
    if not high:
        return None
    noun, noun_end = _noun_phrase(prose, end - 1)
    if noun is None:
        return None
    return _Raw(
        "count", start, noun_end, {"min": low, "max": high}, low, high, "vague", unit=noun.lower()
    )


def _sentence_start(prose: str, position: int) -> bool:
    before = prose[max(0, position - 3) : position].strip()
    return not before or before[-1] in '.!?"“('


def _count_or_year(start: int, end: int, text: str, prose: str, kind: str) -> _Raw | None:
    bare_year = re.fullmatch(_YEAR, text) is not None
    after = end
    strong = prose.startswith("-strong", end)
    if strong:
        after = end + len("-strong")
    noun, span_end = _noun_phrase(prose, after) if kind == "count" else (None, after)
    if bare_year and not strong and not _looks_like_year_count(noun):
        return _date(start, end, int(text), None, None)
    word_number = text[0].isalpha()
    if word_number:
        if text[0].isupper() and not _sentence_start(prose, start):
            return None  # "the Twelve Apostles"
        if text.lower() == "one" or noun is None:
            return None
    has_scale = re.search(r"[a-z]", text.lower().lstrip("abcdefghijklmnopqrstuvwxyz-")) is not None
    precise = "," in text or has_scale or strong
    if noun is not None and noun[0].isupper() and not precise and not strong:
        return None  # "the 28 Bolsheviks": a name
    if noun is None and not precise and _after_a_name(prose, start):
        return None  # "Unit 731", "Apollo 11": a numbered name
    if noun is None and not has_scale and "," not in text and len(text.split(".")[0]) < 2:
        return None  # a lone small number with nothing counted: "3 to 1"
    return _number("count", start, span_end, text, noun.lower() if noun else None)


_NAME_BEFORE = re.compile(r"([A-Z][a-z]+)\s+$")


_FUNCTION_WORDS = frozenset(
    """In On At By From Since Until After Before About Over Under Some Nearly Almost Around
    Approximately Roughly The Of For With To And But Only Just Exactly Perhaps Then Only
    Another Another Than Up Down Per Within Without Circa""".split()
)


def _after_a_name(prose: str, start: int) -> bool:
    """Whether a capitalised word that is no month and no function word stands just before:
    "Unit 731", "Apollo 11" (but "In 1953", "About 300 men")."""
    match = _NAME_BEFORE.search(prose, max(0, start - 30), start)
    if match is None:
        return False
    word = match.group(1)
    return word not in MONTHS and word not in _FUNCTION_WORDS


def _qualify(raw: _Raw, prose: str) -> None:
    if raw.qualifier is not None:
        return
    before = prose[max(0, raw.start - 30) : raw.start]
    match = _QUALIFIER.search(before)
    if match is None:
        return
    qualifier = _QUALIFIER_OF[match.group(1).lower()]
    if qualifier in _DATE_ONLY_QUALIFIERS and raw.kind != "date":
        return
    if raw.kind == "duration" and match.group(1).lower() == "over":
        return  # "at 1% over five years": over means during
    if (
        raw.kind == "date"
        and qualifier in ("lower", "upper")
        and match.group(1).lower() != "within"
    ):
        return
    raw.qualifier = qualifier


def _resolve_years(raws: list[_Raw], sentence_of: list[int]) -> None:
    """Give a month-day with no year the year of the nearest full date in its sentence or block.

    A later full date in the same sentence is preferred (``on December 16 and January 22,
    1950``); when the month-day's month comes after that date's month, the year before is
    meant, as prose lists dates in order.
    """
    full = [(i, r) for i, r in enumerate(raws) if r.kind == "date" and r.precision in ("day", "month")
            and not str(r.value).startswith("--")]  # fmt: skip
    for index, raw in enumerate(raws):
        if not str(raw.value).startswith("--"):
            continue
        month, day = int(raw.value[2:4]), int(raw.value[5:7])
        later = [r for i, r in full if i > index and sentence_of[i] == sentence_of[index]]
        earlier = [r for i, r in full if i < index]
        if later:
            year = int(later[0].value[:4])
            later_month = int(later[0].value[5:7])
            year -= month > later_month
        elif earlier:
            anchor = earlier[-1]
            year = int(anchor.value[:4])
            year += month < int(anchor.value[5:7])
        else:
            continue
        resolved = _date(raw.start, raw.end, year, month, day)
        if resolved is not None:
            raw.value, raw.low, raw.high = resolved.value, resolved.low, resolved.high


def _matches(prose: str) -> Iterator[re.Match[str]]:
    """The matches ``_PATTERN.finditer`` would give, found by trying it only near anchors.

    Every claim contains an anchor and starts at most one word before it, so trying the
    pattern at the start of the word before the anchor, at the start of the anchor's own
    word and at the anchor gives the left-most match, as a scan from left to right would.
    """
    spaced = prose.replace("\n", " ").replace("\t", " ")  # prose has only these white spaces
    done = 0
    for anchor in _ANCHOR.finditer(prose):
        position = anchor.start()
        if position < done:
            continue
        word = max(_space_before(spaced, done, position) + 1, done)
        end_before = word
        while end_before > done and spaced[end_before - 1] == " ":
            end_before -= 1
        before = (
            max(_space_before(spaced, done, end_before) + 1, done) if end_before > done else word
        )
        for start in (before, word, position):
            match = _PATTERN.match(prose, start)
            if match is not None and match.end() > position:
                yield match
                done = match.end()
                break


def _space_before(spaced: str, low: int, high: int) -> int:
    """The last space in ``spaced[low:high]`` (-1 for none).

    Looks at the last 64 characters first: in a long run without a space ``rfind`` would
    otherwise scan all the way back, for every anchor.
    """
    near = max(low, high - 64)
    found = spaced.rfind(" ", near, high)
    if found >= 0 or near == low:
        return found
    return spaced.rfind(" ", low, near)


def _block_claims(block: Block) -> Iterator[tuple[_Raw, int]]:
    """The block's claims, each with the index of its sentence."""
    raws = [raw for match in _matches(block.prose) if (raw := _interpret(match, block.prose))]
    starts = [s.start for s in block.sentences]
    sentence_of = [max(0, bisect.bisect_right(starts, raw.start) - 1) for raw in raws]
    _resolve_years(raws, sentence_of)
    for raw, sentence in zip(raws, sentence_of, strict=True):
        _qualify(raw, block.prose)
        yield raw, sentence


def extract(document: Document) -> list[Claim]:
    """Every claim of a document, in reading order."""
    claims: list[Claim] = []
    for block_index, block in enumerate(document.blocks):
        for raw, sentence in _block_claims(block):
            span = block.span(raw.start, raw.end)
            claims.append(
                Claim(
                    kind=raw.kind,
                    text=document.text_at(span),
                    span=span,
                    block=block_index,
                    start=raw.start,
                    end=raw.end,
                    value=raw.value,
                    low=raw.low,
                    high=raw.high,
                    precision=raw.precision,
                    qualifier=raw.qualifier,
                    unit=raw.unit,
                    sentence=sentence,
                )
            )
    return claims
