"""The sentence splitter, fixture-driven: abbreviations, initials, decimals, ellipses, markers."""

from __future__ import annotations

import pytest

from linter import parse, source
from tests.helpers import FIXTURES

CASES = [
    line.split(" || ")
    for line in (FIXTURES / "sentences" / "cases.txt").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize("expected", CASES, ids=[c[0][:40] for c in CASES])
def test_sentences(expected: list[str]) -> None:
    text = " ".join(expected)
    document = parse.parse(source.from_text(text + "\n", "case.md"))
    (block,) = document.blocks
    starts = [sentence.start for sentence in block.sentences]
    found = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    assert found == expected
