"""Keyword search: the spans must be those of the regular expression it replaced.

The oracle below is the pattern encyclint compiled per keyword entry before: whole words,
case-insensitive, white space between words, an optional inflection. The string search
must agree with it on every text, including where alternatives overlap and where a word
runs on ("Stalinism", "splitting").
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.facts.keywords import INFLECTIONS, Keyword, lower_same_length


def oracle(entry: str, text: str, start: int = 0) -> list[tuple[int, int]]:
    alternatives = [
        r"\s+".join(re.escape(word) for word in alternative.split())
        for alternative in entry.split("|")
        if alternative.strip()
    ]
    inflection = "(?:" + "|".join(re.escape(s) for s in INFLECTIONS) + ")?"
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(alternatives) + ")" + inflection + r"(?!\w)", re.I
    )
    return [match.span() for match in pattern.finditer(text, start)]


def search(entry: str, text: str, start: int = 0) -> list[tuple[int, int]]:
    lowered = lower_same_length(text[start:])
    before = text[start - 1] if start else ""
    return [(start + a, start + b) for a, b in Keyword.parse(entry).spans(lowered, before)]


@pytest.mark.parametrize(
    ("entry", "text", "expected"),
    [
        ("Stalin", "Stalin's death; Stalinism; STALIN", ["Stalin's", "STALIN"]),
        ("death|died", "he died, and his death", ["died", "death"]),
        ("split", "the splits and splitting, a split-off", ["splits", "split"]),
        (
            "Mutual Assistance",
            "Mutual\n  Assistance and mutualassistance",
            ["Mutual\n  Assistance"],
        ),
        ("Soviet|Soviet Union", "the Soviet Union", ["Soviet"]),
        ("Soviet Union|Soviet", "the Soviet Union", ["Soviet Union"]),
        ("a|a b", "a b a_b", ["a"]),
        ("a b|a", "a b a_b", ["a b"]),
        ("Khrushchev", "Хрущёв and Khrushchev’s", ["Khrushchev’s"]),
        ("Zhenbao", "_Zhenbao Zhenbao_ Zhenbao", ["Zhenbao"]),
    ],
)
def test_finds_whole_words_with_inflections(entry: str, text: str, expected: list[str]) -> None:
    found = search(entry, text)
    assert [text[a:b] for a, b in found] == expected
    assert found == oracle(entry, text)


def test_word_boundary_at_the_start_looks_before_the_sentence() -> None:
    text = "xStalin. Stalin"
    assert search("Stalin", text, start=1) == oracle("Stalin", text, 1) == [(9, 15)]


def test_lower_case_keeps_positions_where_lower_case_is_longer() -> None:
    text = "İstanbul treaty"
    assert len(lower_same_length(text)) == len(text)
    assert [text[a:b] for a, b in search("treaty", text)] == ["treaty"]


TEXT = st.lists(
    st.sampled_from(
        ["Stalin", "stalin's", "STALINS", "Stalinism", "died", "death", "split", "splitting",
         "Sino-Soviet", "Soviet", "Union", "union", "_", "’s", "'s", "es", "ing", " ", "  ",
         "\n", "\t", ",", ".", "-", "é", "İ", "a", "b", "ab"]
    ),
    max_size=20,
).map("".join)  # fmt: skip
ENTRY = st.lists(
    st.sampled_from(["Stalin", "death", "died", "split", "Sino-Soviet", "Soviet Union", "Soviet",
                     "union", "a", "a b", "ab", "é"]),
    min_size=1, max_size=3,
).map("|".join)  # fmt: skip


@given(ENTRY, TEXT, st.integers(min_value=0, max_value=5))
def test_agrees_with_the_regular_expression(entry: str, text: str, start: int) -> None:
    start = min(start, len(text))
    if "İ" in text:  # the oracle's case-insensitive İ matching is not what lower() gives
        text = text.replace("İ", "I")
    assert search(entry, text, start) == oracle(entry, text, start)
