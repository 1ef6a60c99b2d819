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
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from linter import accelerators, numbers
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
_NUM = r"(?:\d{1,3}(?:,\d{3}){1,5}(?:\.\d{1,9})?|\d{1,15}(?:\.\d{1,9})?)(?![\d,]\d|\d|:\d)"
"""A number as prose writes one: at most fifteen digits. A longer run of digits is an
identifier (or an attack), never a count, and could not be a float anyway."""
_WORD = r"(?i:" + numbers.NUMBER_WORD + r")"
_SCALE = r"(?:[ -](?:hundred|thousand|million|billion|trillion)){0,2}"
_LEFT = r"(?<![\w.,/:$£€¥\-–—‑])"
_WORDS = (
    rf"{_WORD}\b(?:[ -](?:hundred|thousand|million|billion|trillion)(?:(?:\s+and)?\s+{_WORD}\b)?)"
    r"{0,3}"
)
"""Number words, compounds too: "one hundred and fifty", "three thousand five hundred"."""
_AMOUNT = rf"(?:{_LEFT}{_NUM}{_SCALE}|(?<![\w-]){_WORDS})"
_SHORT_SCALES = {"bn": "billion", "m": "million", "k": "thousand"}
_CURRENCY_SIGN = r"(?:US\$|U\.S\. ?\$|A\$|C\$|HK\$|\$|£|€|¥)"
_CURRENCY_WORD = (
    r"(?:rubles|roubles|yuan|dollars|pounds|yen|Swiss francs|francs|gold marks|marks|US dollars"
    r"|euros|pesos|rupees)"
)
_CURRENCY_CODE = r"(?:USD|EUR|GBP|JPY|CNY|CHF|RUB|INR|CAD|AUD)"
_TIME_UNIT = r"(?:years?|months?|weeks?|days?|decades?|centuries|century|hours?|fortnights?)"
_PART = r"(?:[Ee]arly|[Mm]id|[Ll]ate)"
_ERA = r"(?:B\.C\.(?:E\.)?|BCE?\b|A\.D\.|AD\b|CE\b)"
_ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th))"
_FRACTION = r"(?:halves|half|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)"
_RANGE_TO = r"(?:\s?[–—]\s?|-?\s+to\s+|-(?=\d))"
"""Between the two ends of a range: a dash, "to" ("20- to 25%"), or a hyphen before digits."""
_VAGUE = r"(?:[Dd]ozens|[Ss]cores|[Hh]undreds|[Tt]housands|[Mm]illions|[Tt]ens)"

_ALTERNATIVES = [
    r"(?P<url>\b(?:https?://|www\.)\S+)",
    r"(?P<time>\b\d{1,2}(?::\d{2})?\s?[ap]\.?m\.?(?!\w)|\b\d{1,2}:\d{2}\b|\b\d{1,2} o'clock)",
    r"(?P<named>\b(?:Article|Art\.|Articles|No\.|Nos\.|Number|Chapter|Ch\.|Section|Sec\."
    r"|Clause|Paragraph|Vol\.|Volume|Part|Book|Issue|Resolution|Type|Model|Route|Phase"
    r"|Stage|Division|Plenum|Category|category|Level|Grade|Flight|Law|p\.|pp\.|vol\.|no\.|nos\.|art\.|page|pages|chapter|section"
    r"|article|articles|clause|paragraph|volume|item)\s+\d+(?:\s?[–-]\s?\d+)?\b)",
    rf"(?P<iso>\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b)",
    rf"(?P<century>(?:{_PART}[- ])?{_ORDINAL}[ -]centur(?:y|ies)(?![’'])(?:\s{_ERA})?)",
    rf"(?P<era>{_LEFT}(?:\d{{1,4}}(?:\s?[–—-]\s?|\s+(?:and|to)\s+))?\d{{1,4}}\s?{_ERA}"
    rf"|\b(?:AD|A\.D\.)\s?\d{{1,4}}\b)",
    rf"(?P<partmonth>\b{_PART}[- ]{_MONTH}(?:,?\s+{_YEAR}(?!\d))?)",
    rf"(?P<partyear>\b{_PART}[- ]{_YEAR}\b(?!s))",
    rf"(?P<season>\b(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+(?:of\s+)?{_YEAR}\b)",
    rf"(?P<monthrange>\b{_MONTH}\s?[–—-]\s?{_MONTH},?\s+{_YEAR}(?!\d))",
    rf"(?P<mdy>\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d))",
    rf"(?P<dmy>{_LEFT}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d))",
    rf"(?P<my>\b{_MONTH},?\s+{_YEAR}(?!\d))",
    rf"(?P<md>\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d))",
    rf"(?P<dm>{_LEFT}{_DAY}\s+(?:of\s+)?{_MONTH}\b)",
    rf"(?P<prepost>\b(?:[Pp]re|[Pp]ost)-{_YEAR}\b)",
    r"(?P<decade>\b(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[- ]?)?(?:1\d{2}0|20\d0)s\b)",
    rf"(?P<fromto>\b(?:[Ff]rom|[Bb]etween)\s+{_YEAR}\s+(?:to|until|till|and|through)\s+{_YEAR}\b)",
    rf"(?P<yrange>{_LEFT}(?:{_YEAR}\s?[–—-]\s?(?:{_YEAR}|\d{{2}})|[1-9]\d{{2}}\s?[–—-]\s?{_YEAR})\b(?!s))",
    r"(?P<shortdecade>(?<=[Tt]he )['’]?[1-9]0s\b)",
    r"(?P<shortrange>(?<=[Tt]he )\d{2}[–-]\d{2}(?=\s+[a-z]))",
    rf"(?P<money>(?:{_CURRENCY_SIGN}\s?|\b{_CURRENCY_CODE}\s){_NUM}"
    rf"(?:(?:\s+(?:and|to)\s+|\s?[–—]\s?){_CURRENCY_SIGN}?\s?{_NUM})?"
    rf"(?:\s?(?:bn|m|k)\b|{_SCALE}))",
    rf"(?P<ahalfduration>\b[Aa]n?\s+{_TIME_UNIT}\s+and\s+a\s+half\b)",
    r"(?P<halfscale>\b(?:[Hh]alf\s+an?|[Aa]\s+quarter\s+of\s+an?)\s+(?:million|billion)\b)",
    r"(?P<aduration>\b[Aa]n?\s+(?:half[- ]|quarter[- ])?(?:decade|century|fortnight)\b)",
    rf"(?P<afraction>\b[Aa][- ]{_FRACTION}\b(?!-))",
    # An amount, then what it is: the amount is matched once, not once for each of
    # the kinds; the pattern compiles and runs faster, with the same matches.
    rf"{_AMOUNT}(?:{_RANGE_TO}(?:{_NUM}|{_WORD}\b){_SCALE})?(?:(?P<moneyword>\s+{_CURRENCY_WORD}\b)"
    r"|(?P<percent>\s?(?:%|percent\b|per\s?cent\b))"
    rf"|(?P<halfduration>\s+and\s+a\s+half\s+{_TIME_UNIT}\b|½\s?{_TIME_UNIT}\b)"
    rf"|(?P<duration>(?:\s+|-){_TIME_UNIT}\b(?:-long)?"
    rf"(?P<andmore>,?\s+and\s+(?:{_NUM}|{_WORD}\b)\s+{_TIME_UNIT}\b)?)"
    rf"|(?P<fraction>[- ]{_FRACTION}\b(?!-))"
    r"|(?P<measure>-(?!strong\b)[a-z]+\b(?![-’']))"
    r"|(?P<count>(?=-strong\b|\s+(?:of\s+)?[A-Za-z])))",
    r"(?P<vagueduration>\b(?:in|within)\s+(?:a\s+few\s+)?(?:days|weeks|months)\b)",
    rf"(?P<vague>\b{_VAGUE}(?:\s+of\s+(?:thousands|millions))?\s+of\s+(?=[a-z]))",
    r"(?P<vaguebare>\b(?:[Hh]undreds|[Tt]housands|[Mm]illions)\b(?!\s+of\b))",
    r"(?P<ordinal>\b\d+(?:st|nd|rd|th)\b)",
    rf"(?P<year>{_LEFT}{_YEAR}(?![\d%]|,\d|\.\d))",
    rf"(?P<number>{_LEFT}{_NUM}{_SCALE}(?![\w%]))",
]
_STARTS = "a d a d ad ad a a a a a d a a d a ad a d ds d as a a a a ad a a a d d d".split()
"""What each alternative can start with: a letter, a digit, or something else (a sign, a
quote). Trying only the alternatives that can start at a position's character halves the
work at each position; the matches are the same (tests/test_claims_table.py checks)."""
_PATTERN_FOR: dict[str, re.Pattern[str]] = {}
"""The alternatives for each kind of first character, compiled when first needed: compiling
all of them takes longer than linting one short article."""


def _pattern_at(prose: str, position: int) -> re.Pattern[str]:
    character = prose[position]
    start = "d" if character.isdigit() else "a" if character.isalpha() else "s"
    pattern = _PATTERN_FOR.get(start)
    if pattern is None:
        alternatives = (a for a, s in zip(_ALTERNATIVES, _STARTS, strict=True) if start in s)
        pattern = _PATTERN_FOR[start] = re.compile("|".join(alternatives))
    return pattern


@functools.cache
def whole_pattern() -> re.Pattern[str]:
    """Every alternative in one pattern: what ``_pattern_at`` must match as (the tests)."""
    return re.compile("|".join(_ALTERNATIVES))


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
    "tens", "half", "quarter", "decade", "century", "fortnight", "early", "mid", "late",
    "spring", "summer", "autumn", "fall", "winter", "year",
]  # fmt: skip
_ANCHOR_WORDS = tuple(sorted({w for word in _TRIGGER_WORDS for w in (word, word.capitalize())}))
_WORD_ANCHOR = (
    r"(?:(?:[Ii]n|[Ww]ithin)\s+(?:a\s+few\s+)?(?:days|weeks|months)|"
    + _trie(list(_ANCHOR_WORDS))
    + r")\b"
)
"""A trigger word, or in/within before a vague span ("within a few weeks")."""


@functools.cache
def _anchor_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The first digit of a run of digits or a currency sign; a word anchor with the
    character before it. Both start with a character class, so that the regex engine skips
    ahead to the next candidate without trying the pattern in between (twice as fast as one
    pass with a leading ``\\b``). Compiled when first needed: not at all where C scans."""
    return re.compile(r"[\d$£€¥](?<!\d\d)"), re.compile(r"\W" + _WORD_ANCHOR)


def _python_anchors(prose: str) -> list[int]:
    """Where a claim can be: a digit, a currency sign, a number word, a vague amount,
    in/within, in order.

    Only a few percent of positions; the full pattern is tried at those alone (and at the
    start of the word before, for "March 5", "between 1950", "early 1960s", "Article 4").
    Digits and signs never stand inside the words, so the two passes find the anchors one
    left-to-right pass would.
    """
    signs, words = _anchor_patterns()
    positions = [match.start() for match in signs.finditer(prose)]
    # with a space before the prose, a word at its very start has a character before it,
    # and the match of ``\W`` in the padded prose stands where the word stands in the prose
    positions += [match.start() for match in words.finditer(" " + prose)]
    positions.sort()
    return positions


def _choose_anchors() -> Callable[[str], list[int]]:
    """The anchor scan in C where it is built and allowed, else in Python: the same list."""
    compiled = accelerators.load("linter._anchors")
    if compiled is None:
        return _python_anchors
    scan = compiled.anchors
    return lambda prose: scan(prose, _ANCHOR_WORDS)


_anchors = _choose_anchors()


_QUALIFIERS = {
    "approximate": "about around some approximately roughly nearly almost circa c. ca. "
    "an_estimated estimated close_to approaching",
    "lower": "over more_than at_least upwards_of in_excess_of no_fewer_than no_less_than "
    "as_few_as exceeded exceeding",
    "upper": "under fewer_than less_than up_to at_most no_more_than within below as_many_as",
    "by": "by by_the_end_of",
    "until": "until till through",
    "before": "before",
    "after": "after since",
}
_QUALIFIER_OF = {
    phrase.replace("_", " "): name
    for name, phrases in _QUALIFIERS.items()
    for phrase in phrases.split()
}
_QUALIFIER = re.compile(
    r"(?i)[^\w.]("
    + "|".join(re.escape(p) for p in sorted(_QUALIFIER_OF, key=len, reverse=True))
    + r")\s+(?:the\s+)?$"
)
"""A qualifier phrase ending the text, after a character that is no word character and no
full stop: led by a character class, the engine skips ahead to the few candidates."""


def _qualifier_before(before: str) -> str | None:
    """The qualifier phrase ``before`` ends with ("about", "no fewer than", "by the"), not
    part of a longer word or abbreviation."""
    match = _QUALIFIER.search(" " + before)  # the space: a phrase may start the text
    return match.group(1) if match is not None else None


_DATE_ONLY_QUALIFIERS = frozenset({"by", "until", "before", "after"})
_EVENT_QUALIFIERS = frozenset({"by", "until", "before", "after"})
"""Qualifiers that, before a date naming an event ("after the 1932 election"), qualify the
event and not the date."""
_VAGUE_RANGES = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "millions": (2_000_000, 999_999_999), "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999), "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999),
}  # fmt: skip
DURATION_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.436875, "year": 365.2425,
                  "decade": 3652.425, "century": 36524.25, "fortnight": 14}  # fmt: skip
_DURATION_ISO = {"hour": ("T", "H", 1), "day": ("", "D", 1), "week": ("", "W", 1),
                 "month": ("", "M", 1), "year": ("", "Y", 1), "decade": ("", "Y", 10),
                 "century": ("", "Y", 100), "fortnight": ("", "W", 2)}  # fmt: skip
_CURRENCIES = {"$": "USD", "us$": "USD", "u.s.$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD",
               "£": "GBP", "€": "EUR", "¥": "JPY|CNY", "rubles": "RUB", "roubles": "RUB",
               "yuan": "CNY", "dollars": "USD", "us dollars": "USD", "pounds": "GBP",
               "yen": "JPY", "francs": "FRF", "marks": "DEM", "swiss francs": "CHF",
               "gold marks": "DEM", "euros": "EUR", "pesos": "MXN|ARS|CLP|COP|PHP|CUP|UYU",
               "rupees": "INR|PKR|LKR|NPR"}  # fmt: skip
STOPWORDS = frozenset(
    """a an and or but nor of in on at to by for from with without into onto over under than
    that which who whom whose where when while as is are was were be been being had has have
    it its this these those their there then thus so such each per the also only some about
    after before during since until upon against among between through toward towards across
    along around out up down off again further once here all any both few more most other
    own same very can will just should now including included respectively each left""".split()
)
_STOPWORDS = STOPWORDS  # the name other modules used before it was public
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


_DIGITS = re.compile(r"\d+")


def _day(token: str) -> int:
    return int(_DIGITS.match(token).group())  # type: ignore[union-attr]


def _date(start: int, end: int, year: int, month: int | None, day: int | None) -> _Raw | None:
    try:
        low, high = date_interval(year, month, day)
    except ValueError:
        return None  # 31 February: not a date
    precision = "day" if day is not None else "month" if month is not None else "year"
    return _Raw("date", start, end, _iso(year, month, day), low, high, precision)


def _year_bounds(year: int) -> tuple[float, float]:
    """The first and last ordinal day of a year, astronomical numbering (1 BC is year 0)."""
    if 1 <= year <= 9999:
        return date_interval(year)
    first = 1 + round((year - 1) * 365.2425)  # no calendar before year 1: days are enough
    return first, first + 364


def _year_range(
    start: int, end: int, first: int, last: int, precision: str = "range"
) -> _Raw | None:
    if last < first:
        return None
    low, _ = _year_bounds(first)
    _, high = _year_bounds(last)
    value = str(first) if first == last else f"{first}/{last}"
    return _Raw("date", start, end, value, low, high, precision)


_PART_MONTHS = {"ear": (1, 4), "mid": (5, 8), "lat": (9, 12)}
_PART_DAYS = {"ear": (1, 10), "mid": (11, 20), "lat": (21, 31)}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 14)}  # fmt: skip
_HALF_BEFORE = re.compile(r"(?i)\b(first|second|latter)\s+half\s+of\s+(?:the\s+)?$")


def _part(first: int, span: int, part: str) -> tuple[int, int]:
    """The early (first 40%), mid (middle half, from 30%) or late (last 40%) part of a span."""
    if part == "ear":
        return first, first + span * 4 // 10 - 1
    if part == "mid":
        return first + span * 3 // 10, first + span * 8 // 10 - 1
    return first + span * 6 // 10, first + span - 1


def _month_span(
    start: int, end: int, year: int, first: tuple[int, int], last: tuple[int, int], precision: str
) -> _Raw | None:
    """A date interval from (month, day) to (month, day) of one year; months past 12 run on."""
    (m1, d1), (m2, d2) = first, last
    y2 = year + (m2 - 1) // 12
    m2 = (m2 - 1) % 12 + 1
    d2 = min(d2, _last_day(y2, m2))
    try:
        low, high = _ordinal(year, m1, d1), _ordinal(y2, m2, d2)
    except ValueError:
        return None
    whole = d1 == 1 and d2 == _last_day(y2, m2)
    value = (f"{_iso(year, m1)}/{_iso(y2, m2)}" if whole
             else f"{_iso(year, m1, d1)}/{_iso(y2, m2, d2)}")  # fmt: skip
    return _Raw("date", start, end, value, low, high, precision)


def _noun_phrase(prose: str, position: int) -> tuple[str | None, int]:
    """The counted noun after a number: up to three words before a stop word or punctuation."""
    words: list[tuple[str, int]] = []
    end = position
    for _ in range(3):
        match = _NOUN_WORD.match(prose, end)
        if match is None or match.group(1).lower() in STOPWORDS:
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
    return head in _PLURAL_NOUNS or (head.endswith("s") and len(head) > 3 and head not in STOPWORDS)


_MONTH_BEFORE = re.compile(rf"(?:[Bb]etween|[Ff]rom)\s+({_MONTH}\s+(?:and|to|until|through)\s+)$")
"""Before "July 2015", the first month of a range: "between January and July 2015"."""


_DATE_PARTS = re.compile(r"[A-Z][a-z]+\.?|\d+(?:st|nd|rd|th)?")
_MONTH_DAY_PARTS = re.compile(r"[A-Z][a-z]+\.?|\d+")


def _interpret(match: re.Match[str], prose: str) -> _Raw | None:
    """What one match of the combined pattern claims, or None when it is no claim."""
    kind = match.lastgroup
    text = match.group()
    start, end = match.span()
    if kind in ("url", "time", "named", "ordinal") or kind is None:
        return None
    if kind in ("count", "year", "number"):  # half of all matches: tried first
        return _count_or_year(start, end, text, prose, kind)
    if kind in _PERIODS:
        return _PERIODS[kind](start, end, text, prose)
    if kind == "iso":
        year, month, day = (int(part) for part in text.split("-"))
        return _date(start, end, year, month, day)
    if kind == "my" and (between := _MONTH_BEFORE.search(prose, max(0, start - 40), start)):
        first = between.group(1)
        return _month_range(start - len(first), end, first + text, prose)
    if kind in ("mdy", "dmy", "my"):
        parts = _DATE_PARTS.findall(text)
        month = next(_month(p) for p in parts if p[0].isalpha())
        numbers_ = [p for p in parts if p[0].isdigit()]
        day_of_month = _day(numbers_[0]) if kind != "my" else None
        return _date(start, end, int(numbers_[-1]), month, day_of_month)
    if kind in ("md", "dm"):
        parts = _MONTH_DAY_PARTS.findall(text)
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
        if match.group("andmore"):
            return _compound_duration(start, end, text, prose)
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
    if kind == "measure":
        return _measure(start, end, text)
    return None


_RANGE_SPLIT = re.compile(r"\s?[–—]\s?|-?\s+to\s+|-(?=\d)")


def _number(
    kind: ClaimKind, start: int, end: int, amount: str, unit: str | None = None
) -> _Raw | None:
    """A numeric claim: its value and the interval its last written digit stands for; a range
    ("20- to 25%", "70–85 million") from the first end's low to the last end's high."""
    ends = _RANGE_SPLIT.split(amount.strip(), maxsplit=1)
    if len(ends) == 2 and ends[0] and ends[1]:
        last, last_half = numbers.number_value(ends[1])
        scale = re.search(r"(?:[ -](?:hundred|thousand|million|billion|trillion))+$", ends[1])
        first_text = ends[0] if scale is None or re.search(r"[a-z]$", ends[0]) else (
            ends[0] + scale.group())  # fmt: skip
        first, first_half = numbers.number_value(first_text)
        if first >= last:
            return None  # "won 5 to 4": a score or a ratio, not a range
        ends_value = {"min": numbers.canonical(first), "max": numbers.canonical(last)}
        return _Raw(kind, start, end, ends_value, first - first_half, last + last_half, "range",
                    unit=unit)  # fmt: skip
    value, half = numbers.number_value(amount)
    canonical = numbers.canonical(value)
    return _Raw(kind, start, end, canonical, value - half, value + half, "number", unit=unit)


def _century(start: int, end: int, text: str, prose: str) -> _Raw | None:
    number = int(re.search(r"\d+", text).group())  # type: ignore[union-attr]
    bc = re.search(r"B\.?C", text) is not None
    first, last = (1 - number * 100, 100 - number * 100) if bc else (
        number * 100 - 99, number * 100)  # fmt: skip
    part = text[:3].lower()
    if part in _PART_MONTHS:
        first, last = _part(first, 100, part)
    half = _HALF_BEFORE.search(prose, max(0, start - 30), start)
    if half is not None:
        start = half.start()
        first, last = (first, first + 49) if half.group(1).lower() == "first" else (
            first + 50, last)  # fmt: skip
    return _year_range(start, end, first, last, "century")


def _era(start: int, end: int, text: str, prose: str) -> _Raw | None:
    years = [int(y) for y in re.findall(r"\d+", text)]
    if re.search(r"B\.?C", text):
        years = [1 - year for year in years]  # 1 BC is year 0
    if not 1 <= len(years) <= 2:
        return None
    return _year_range(start, end, years[0], years[-1], "year" if len(years) == 1 else "range")


def _part_of_month(start: int, end: int, text: str, prose: str) -> _Raw | None:
    month = _month(re.search(_MONTH, text).group())  # type: ignore[union-attr]
    first_day, last_day = _PART_DAYS[text[:3].lower()]
    year = re.search(r"\d{4}", text)
    if year is None:  # the year comes from the narrative: _resolve_years
        value = f"--{month:02d}-{first_day:02d}/--{month:02d}-{last_day:02d}"
        return _Raw("date", start, end, value, -INFINITY, INFINITY, "part")
    return _month_span(start, end, int(year.group()), (month, first_day), (month, last_day),
                       "part")  # fmt: skip


def _part_of_year(start: int, end: int, text: str, prose: str) -> _Raw | None:
    first, last = _PART_MONTHS[text[:3].lower()]
    return _month_span(start, end, int(text[-4:]), (first, 1), (last, 31), "part")


def _season(start: int, end: int, text: str, prose: str) -> _Raw | None:
    first, last = _SEASONS[text.split()[0].lower()]
    return _month_span(start, end, int(text[-4:]), (first, 1), (last, 31), "part")


def _month_range(start: int, end: int, text: str, prose: str) -> _Raw | None:
    first, last = (_month(m) for m in re.findall(_MONTH, text)[:2])
    if last < first:
        return None
    return _month_span(start, end, int(text[-4:]), (first, 1), (last, 31), "range")


def _short_decade(start: int, end: int, text: str, prose: str) -> _Raw | None:
    decade = 1900 + int(text.strip("'’")[:2])  # informal: "the 50s" is the 1950s
    return _year_range(start, end, decade, decade + 9, "decade")


def _short_range(start: int, end: int, text: str, prose: str) -> _Raw | None:
    first, last = (1900 + int(part) for part in re.split(r"[–-]", text))
    if not 0 < last - first <= 10:
        return None  # "the 3-1 win" is no span of years
    return _year_range(start, end, first, last)


def _half_scale(start: int, end: int, text: str, prose: str) -> _Raw | None:
    scale = numbers.SCALES[text.split()[-1].lower()]
    value = scale / 2 if text[0] in "Hh" else scale / 4
    noun, noun_end = _noun_phrase(prose, end)
    raw = _Raw("count", start, noun_end, numbers.canonical(value), value * 0.9, value * 1.1,
               "number", unit=noun.lower() if noun else None)  # fmt: skip
    return raw


_A_DURATIONS = {"decade": ("P10Y", 10), "century": ("P100Y", 100), "fortnight": ("P2W", 14 / 365.2425),
                "half decade": ("P5Y", 5), "half century": ("P50Y", 50),
                "quarter century": ("P25Y", 25)}  # fmt: skip


def _a_duration(start: int, end: int, text: str, prose: str) -> _Raw | None:
    what = " ".join(text.lower().replace("-", " ").split()[1:])
    value, years = _A_DURATIONS[what]
    days = years * DURATION_DAYS["year"]
    return _Raw("duration", start, end, value, days * 0.9, days * 1.1, "number")


_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
              "eighth": 8, "tenth": 10}  # fmt: skip


def _fraction(start: int, end: int, text: str, prose: str) -> _Raw | None:
    """A share of a whole as a percent claim: "two-thirds" 66.7, "a quarter of" 25."""
    parts = re.split(r"[- ]", text)
    count_text, name = " ".join(parts[:-1]), parts[-1].lower()
    hyphen = "-" in text
    if count_text.lower() in ("a", "an"):
        count = 1
        if not re.match(r"\s+of\b", prose[end : end + 4]):
            return None  # "a third bailout", "a half hour"
    else:
        count = numbers.word_value(count_text)
    denominator = _FRACTIONS.get(name.removesuffix("s") if name != "halves" else name)
    if denominator is None or count == 0 or count >= denominator:
        return None
    if not hyphen and not re.match(r"\s+of\b", prose[end : end + 4]) and count == 1 and (
        _qualifier_before(prose[max(0, start - 30) : start]) is None):  # fmt: skip
        return None  # "one quarter" alone, with nothing that makes it a share
    share = 100 * count / denominator
    slack = 100 / denominator / 4
    value = numbers.canonical(round(share, 1))
    return _Raw("percent", start, end, value, share - slack, share + slack, "fraction")


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


def _money(start: int, end: int, text: str) -> _Raw | None:
    code = re.match(_CURRENCY_CODE + r"\s", text)
    sign = re.match(r"US\$|U\.S\. ?\$|A\$|C\$|HK\$|\$|£|€|¥", text)
    if code is not None:
        return _number("money", start, end, text[code.end() :], code.group().strip())
    if sign is not None:
        currency = _CURRENCIES["".join(sign.group().split()).lower()]
        amount = re.sub(
            r"\s?(bn|m|k)$", lambda m: " " + _SHORT_SCALES[m.group(1)], text[sign.end() :].strip()
        )
        # "$2 and $3 million": one range, the scale shared
        amount = re.sub(r"\s+and\s+", " to ", re.sub(_CURRENCY_SIGN, "", amount))
    else:
        word = re.search(_CURRENCY_WORD + r"$", text)
        assert word is not None
        currency = _CURRENCIES[word.group().lower()]
        amount = text[: word.start()].strip()
    return _number("money", start, end, amount, currency)


_UNIT_AT_END = re.compile(_TIME_UNIT + r"(?:-long)?$")


def _duration(start: int, end: int, text: str, prose: str) -> _Raw | None:
    unit_match = _UNIT_AT_END.search(text)
    assert unit_match is not None
    amount = text[: unit_match.start()].rstrip(" -")
    if amount[:1].isupper() and not _sentence_start(prose, start):
        return None  # "the First Five-Year Plan": a name
    if amount[:1].isalpha() and _DEFINITE_BEFORE.search(prose, max(0, start - 30), start):
        return None  # "the previous two years": a period already named
    if text.lower() == "one day" and _MODAL_BEFORE.search(prose, max(0, start - 12), start):
        return None  # "would one day return": an idiom
    unit = unit_match.group().removesuffix("-long")
    unit = "century" if unit.startswith("centur") else unit.rstrip("s")
    prefix, designator, factor = _DURATION_ISO[unit]
    days = DURATION_DAYS[unit]
    amount_claim = _number("duration", start, end, amount)
    if amount_claim is None:
        return None
    low, high = amount_claim.low * days, amount_claim.high * days
    if isinstance(amount_claim.value, dict):
        first = numbers.canonical(amount_claim.value["min"] * factor)
        last = numbers.canonical(amount_claim.value["max"] * factor)
        value = f"P{prefix}{first}{designator}/P{prefix}{last}{designator}"
        return _Raw("duration", start, end, value, low, high, "range")
    iso_value = numbers.canonical(amount_claim.value * factor)
    return _Raw("duration", start, end, f"P{prefix}{iso_value}{designator}", low, high, unit)


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


def _compound_duration(start: int, end: int, text: str, prose: str) -> _Raw | None:
    """ "Two years and two months": one duration, P2Y2M."""
    designators = {"Y": 0.0, "M": 0.0, "W": 0.0, "D": 0.0}
    low = high = 0.0
    for part in re.finditer(rf"((?:{_NUM}|{_WORD}\b){_SCALE})[\s-]({_TIME_UNIT})\b", text):
        unit_text = part.group(2)
        unit = "century" if unit_text.startswith("centur") else unit_text.rstrip("s")
        value, half = numbers.number_value(part.group(1))
        _, designator, factor = _DURATION_ISO[unit]
        if designator not in designators:
            return None
        designators[designator] += value * factor
        low += (value - half) * DURATION_DAYS[unit]
        high += (value + half) * DURATION_DAYS[unit]
    iso = "P" + "".join(f"{numbers.canonical(v)}{d}" for d, v in designators.items() if v)
    return _Raw("duration", start, end, iso, low, high, "compound")


def _half_duration(start: int, end: int, text: str, prose: str) -> _Raw | None:
    """ "Two and a half years" (P2Y6M), "a year and a half", "2½ years"."""
    unit_text = re.search(_TIME_UNIT, text).group()  # type: ignore[union-attr]
    unit = "century" if unit_text.startswith("centur") else unit_text.rstrip("s")
    head = re.split(r"\s+and\s+a\s+half|½", text)[0].strip()
    whole = 1.0 if text[:2].lower() in ("a ", "an") else numbers.number_value(head)[0]
    value = whole + 0.5
    _, designator, factor = _DURATION_ISO[unit]
    if designator == "Y" and factor == 1:
        iso = f"P{numbers.canonical(whole)}Y6M"
    else:
        iso = f"P{numbers.canonical(value * factor)}{designator}"
    days = value * DURATION_DAYS[unit]
    quarter = DURATION_DAYS[unit] / 4
    return _Raw("duration", start, end, iso, days - quarter, days + quarter, "half")


_PERIODS = {
    "halfduration": _half_duration, "ahalfduration": _half_duration, "afraction": _fraction,
    "century": _century, "era": _era, "partmonth": _part_of_month, "partyear": _part_of_year,
    "season": _season, "monthrange": _month_range, "shortdecade": _short_decade,
    "shortrange": _short_range, "halfscale": _half_scale, "aduration": _a_duration,
    "fraction": _fraction,
}  # fmt: skip


def _sentence_start(prose: str, position: int) -> bool:
    before = prose[max(0, position - 3) : position].strip()
    return not before or before[-1] in '.!?"“('


def _measure(start: int, end: int, text: str) -> _Raw | None:
    """A number with its unit as an adjective: "a 275-member council", "8-inch guns"."""
    amount, _, unit = text.rpartition("-")
    if not amount[:1].isdigit():
        return None  # "one-off", "two-fold": words, not measures
    return _number("count", start, end, amount, unit)


_MODAL_BEFORE = re.compile(r"(?i)\b(?:would|will|might|could|may|should|must|shall)\s+$")
_DEFINITE_BEFORE = re.compile(
    r"(?i)\b(?:the|these|those|both|its|their|our|his|her)"
    r"(?:\s+(?:other|previous|next|last|remaining|same|following|former))?\s+$"
)
"""Before a number word, a re-count of what the text already named: "the two nations"."""


_YEAR_ONLY = re.compile(_YEAR)
_LOWER = re.compile(r"[a-z]")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+[\"“'‘]?$")
_TO_NUMBER = re.compile(r"\s+to\s+\d")


def _count_or_year(start: int, end: int, text: str, prose: str, kind: str) -> _Raw | None:
    bare_year = _YEAR_ONLY.fullmatch(text) is not None
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
        if _DEFINITE_BEFORE.search(prose, max(0, start - 30), start):
            return None  # "the two sides", "the previous two years"
    has_scale = _LOWER.search(text.lower().lstrip("abcdefghijklmnopqrstuvwxyz-")) is not None
    precise = "," in text or has_scale or strong
    if prose[max(0, start - 10) : start].rstrip().lower().endswith("magnitude"):
        return _number("count", start, end, text, "magnitude")
    if noun is not None and noun[0].isupper() and not precise and not strong and (
        _THE_BEFORE.search(prose[max(0, start - 6) : start])
        or _after_a_name(prose, start)
    ):  # fmt: skip
        return None  # "the 28 Bolsheviks": a group's name; a count otherwise ("40 Senators")
    if not precise and _after_a_name(prose, start) and not _looks_like_year_count(noun):
        return None  # "Unit 731", "Apollo 11", "the Boeing 747 first flew": a numbered name
    if noun is None and _TO_NUMBER.match(prose[end : end + 8]):
        return None  # "in a ratio of 10 to 7", "won 3 to 1"
    if noun is not None and noun.split()[0].lower() in ("ratio", "ratios"):
        return None  # "the 1.75 ratio"
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
    phrase = _qualifier_before(prose[max(0, raw.start - 30) : raw.start])
    if phrase is None:
        return
    phrase = phrase.lower()
    qualifier = _QUALIFIER_OF[phrase]
    if qualifier in _DATE_ONLY_QUALIFIERS and raw.kind != "date":
        return
    if raw.kind == "duration" and phrase == "over":
        return  # "at 1% over five years": over means during
    if raw.kind == "date" and qualifier in ("lower", "upper") and phrase != "within":
        return
    if qualifier in _EVENT_QUALIFIERS and _names_an_event(prose, raw.end):
        return  # "after the November 1932 election": after qualifies the election
    raw.qualifier = qualifier


def _names_an_event(prose: str, end: int) -> bool:
    """Whether a date is followed by the noun it dates ("the 1948 vote")."""
    word = _NOUN_WORD.match(prose, end)
    return word is not None and word.group(1).islower() and word.group(1) not in STOPWORDS


_ANCHOR_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?")


def _year_and_month(raw: _Raw) -> tuple[int, int | None]:
    match = _ANCHOR_DATE.match(str(raw.value))
    assert match is not None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def _has_year(raw: _Raw) -> bool:
    """Whether a claim is a date with a year that a month-day can take its year from."""
    return (
        raw.kind == "date"
        and raw.precision in ("day", "month", "year", "part")
        and _ANCHOR_DATE.match(str(raw.value)) is not None
    )


def _resolve_years(raws: list[_Raw], sentence_of: list[int], carry: _Raw | None) -> _Raw | None:
    """Give a month-day with no year the year of the nearest date with a year before it in
    the article (``carry`` is the last one of the blocks before), or a later one in its
    sentence; returns the last date with a year, for the next block.

    A later full date in the same sentence is preferred (``on December 16 and January 22,
    1950``); when the month-day's month comes after that date's month, the year before is
    meant, as prose lists dates in order.
    """
    yearless = [i for i, r in enumerate(raws) if str(r.value).startswith("--")]
    if not yearless:  # most blocks: only the last date with a year is wanted
        return next((r for r in reversed(raws) if _has_year(r)), carry)
    full = [(i, r) for i, r in enumerate(raws) if _has_year(r)]
    for index in yearless:
        raw = raws[index]
        month, day = int(raw.value[2:4]), int(raw.value[5:7])
        last_day = int(raw.value[-2:]) if "/" in raw.value else None
        later = [r for i, r in full if i > index and sentence_of[i] == sentence_of[index]]
        earlier = [i for i, _ in full if i < index]
        anchor = raws[earlier[-1]] if earlier else carry
        same_sentence = bool(earlier) and sentence_of[earlier[-1]] == sentence_of[index]
        if later:
            year, later_month = _year_and_month(later[0])
            year -= later_month is not None and month > later_month
        elif anchor is not None:
            year, anchor_month = _year_and_month(anchor)
            # a later sentence moves on ("December 16, 1949 … On January 2"); within one
            # sentence an earlier month looks back ("on 20 September after … late August")
            year += anchor_month is not None and month < anchor_month and not same_sentence
        else:
            continue
        resolved = (
            _date(raw.start, raw.end, year, month, day) if last_day is None
            else _month_span(raw.start, raw.end, year, (month, day), (month, last_day), "part")
        )  # fmt: skip
        if resolved is not None:
            raw.value, raw.low, raw.high = resolved.value, resolved.low, resolved.high
    return full[-1][1] if full else carry


def _matches(prose: str) -> Iterator[re.Match[str]]:
    """The matches ``_PATTERN.finditer`` would give, found by trying it only near anchors.

    Every claim contains an anchor and starts at most one word before it, so trying the
    pattern at the start of the word before the anchor, at the start of the anchor's own
    word and at the anchor gives the left-most match, as a scan from left to right would.
    """
    spaced = prose.replace("\n", " ").replace("\t", " ")  # prose has only these white spaces
    done = 0
    for position in _anchors(prose):
        if position < done:
            continue
        word = max(_space_before(spaced, done, position) + 1, done)
        end_before = word
        while end_before > done and spaced[end_before - 1] == " ":
            end_before -= 1
        before = (
            max(_space_before(spaced, done, end_before) + 1, done) if end_before > done else word
        )
        tried = -1
        for start in (before, word, position):
            if start == tried:
                continue  # the same position again: the same match
            tried = start
            match = _pattern_at(prose, start).match(prose, start)
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


def _block_claims(block: Block, carry: list[_Raw | None]) -> Iterator[tuple[_Raw, int]]:
    """The block's claims, each with the index of its sentence; ``carry`` holds the last date
    with a year of the blocks before, and is updated."""
    raws = [raw for match in _matches(block.prose) if (raw := _interpret(match, block.prose))]
    starts = [s.start for s in block.sentences]
    sentence_of = [max(0, bisect.bisect_right(starts, raw.start) - 1) for raw in raws]
    carry[0] = _resolve_years(raws, sentence_of, carry[0])
    for raw, sentence in zip(raws, sentence_of, strict=True):
        _qualify(raw, block.prose)
        yield raw, sentence


def extract(document: Document, carry: list[Any] | None = None) -> list[Claim]:
    """Every claim of a document, in reading order (``carry``: a one-item list with the last
    date with a year before the document, updated to the last one in it, so that a document
    can be worked out a part at a time, as the language server does)."""
    claims: list[Claim] = []
    if carry is None:
        carry = [None]
    for block_index, block in enumerate(document.blocks):
        for raw, sentence in _block_claims(block, carry):
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
