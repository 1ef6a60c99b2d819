"""The claim extractor against a hand-written table of sentences (fixtures/claims/sentences.txt)."""

from __future__ import annotations

import pytest

from linter import claims, parse, source
from tests.helpers import FIXTURES

TABLE = FIXTURES / "claims" / "sentences.txt"


def cases() -> list[tuple[int, str, list[str]]]:
    rows = []
    for number, line in enumerate(TABLE.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        sentence, _, expected = line.partition(" => ")
        wanted = [] if expected.strip() == "-" else [e.strip() for e in expected.split(" ; ")]
        rows.append((number, sentence, wanted))
    return rows


def describe(claim: claims.Claim) -> str:
    value = claim.value
    if isinstance(value, dict):
        value = f"{value['min']}..{value['max']}"
    text = f"{claim.kind} {claim.text} = {value}"
    if claim.qualifier:
        text += f" ~{claim.qualifier}"
    if claim.unit:
        text += f" #{claim.unit}"
    return text


CASES = cases()


@pytest.mark.parametrize(
    ("number", "sentence", "expected"), CASES, ids=[f"line{c[0]}" for c in CASES]
)
def test_sentence(number: int, sentence: str, expected: list[str]) -> None:
    text = source.from_text(sentence + "\n", "case.md")
    document = parse.parse(text)
    found = claims.extract(document)
    assert [describe(c) for c in found] == expected
    for claim in found:
        assert document.text_at(claim.span) == claim.text


def test_table_is_large_and_has_negative_cases() -> None:
    assert len(CASES) >= 200
    assert sum(1 for _, _, expected in CASES if not expected) >= 50


@pytest.mark.timeout(60)
def test_adversarial_megabyte_paragraph_completes() -> None:
    """Linear-time patterns: a hang here fails by the timeout."""
    chunk = "1,2,3[4]1950 " * 80_000 + "12" * 100_000 + "[" * 100_000
    document = parse.parse(source.from_text(chunk, "big.md"))
    assert claims.extract(document) is not None


def test_patterns_by_first_character_match_as_the_whole_pattern(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The alternatives tried at a position are those that can start with its character:
    the claims are the same as with every alternative tried."""
    texts = [sentence for _, sentence, _ in CASES]
    texts += [p.read_text("utf-8") for p in (FIXTURES / "real").glob("*.md")]
    texts += [p.read_text("utf-8") for p in (FIXTURES / "seed").glob("*.txt")]
    documents = [parse.parse(source.from_text(text, "case.md")) for text in texts]
    split = [[(c.span, c.kind, c.value) for c in claims.extract(d)] for d in documents]
    monkeypatch.setattr(claims, "_pattern_at", lambda prose, position: claims.whole_pattern())
    whole = [[(c.span, c.kind, c.value) for c in claims.extract(d)] for d in documents]
    assert split == whole
