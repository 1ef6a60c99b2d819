"""The anchor scan of claim extraction: its two Python passes find what one left-to-right
pass finds, and the optional C scan (linter/_anchors.c) finds exactly what Python finds.

The C half is skipped where the extension is not built; the switch between the two paths
(``ENCYCLINT_PURE_PYTHON``) is checked in subprocesses, as a run chooses at import.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import claims, parse, source
from tests.helpers import FIXTURES, ROOT

try:
    from linter import _anchors as compiled
except ImportError:  # not built: pure Python only
    compiled = None

needs_c = pytest.mark.skipif(compiled is None, reason="the C anchor scan is not built")

ONE_PASS = re.compile(
    r"\d+|[$£€¥]|\b(?:[Ii]n|[Ww]ithin)\s+(?:a\s+few\s+)?(?:days|weeks|months)\b|\b"
    + claims._trie(list(claims._ANCHOR_WORDS))
    + r"\b"
)
"""The anchor pattern as one pass (how claims.py scanned before the two passes)."""

TOKENS = [
    *claims._ANCHOR_WORDS,
    *"in In within Within a few days weeks months dozens Fivefold often seventy-five".split(),
    " ", "  ", "\n", "\t", "\u00a0", "\u2009", "\u3000",  # white space, also not ASCII
    "$", "£", "€", "¥", "₹", "US$", "19", "1950", "3,000",
    "٣", "४", "߀", "𝟘", "²", "Ⅻ",  # other scripts' digits; digit-like but not decimal
    "𝔘", "😀", "K", "é", "_", "-", ".", "(", "'",  # astral letters, emoji, a Kelvin sign
]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(TOKENS), st.characters()), max_size=60).map("".join)


def real_texts() -> list[str]:
    """The real articles and the seed article, raw and as the prose claims are found in."""
    paths = [*(FIXTURES / "real").glob("*.md"), *(FIXTURES / "seed").glob("*.txt")]
    texts = [path.read_text("utf-8") for path in paths]
    blocks = [
        block.prose
        for text in texts
        for block in parse.parse(source.from_text(text, "case.md")).blocks
    ]
    return texts + blocks


REAL = real_texts()


def one_pass(prose: str) -> list[int]:
    return [match.start() for match in ONE_PASS.finditer(prose)]


@settings(max_examples=600, deadline=None)
@given(prose=TEXT)
def test_python_passes_find_what_one_pass_finds(prose: str) -> None:
    assert claims._python_anchors(prose) == one_pass(prose)


def test_python_passes_on_real_text() -> None:
    assert sum(len(claims._python_anchors(text)) for text in REAL) > 1000
    for text in REAL:
        assert claims._python_anchors(text) == one_pass(text)


@needs_c
@settings(max_examples=600, deadline=None)
@given(prose=TEXT)
def test_c_scan_finds_what_python_finds(prose: str) -> None:
    assert c_module().anchors(prose, claims._ANCHOR_WORDS) == claims._python_anchors(prose)


@needs_c
def test_c_scan_on_real_text() -> None:
    for text in REAL:
        assert c_module().anchors(text, claims._ANCHOR_WORDS) == claims._python_anchors(text)


@needs_c
@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("", []),
        ("1950", [0]),
        ("in 12 days, within a few weeks", [3, 12]),
        ("Within  a  few\tmonths", [0]),
        ("in a few years in days_", []),
        ("five𝟘 ٣٤ $", [4, 6, 9]),  # positions count code points, astral ones too
        ("often", []),
        ("_five five_ -five", [13]),
    ],
)
def test_c_scan_examples(prose: str, expected: list[int]) -> None:
    assert c_module().anchors(prose, claims._ANCHOR_WORDS) == expected
    assert claims._python_anchors(prose) == expected


@needs_c
def test_c_scan_rejects_bad_words() -> None:
    with pytest.raises(TypeError):
        c_module().anchors("five", ["five"])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        c_module().anchors("fünf", ("fünf",))
    with pytest.raises(ValueError):
        c_module().anchors("five", ("",))


def c_module() -> ModuleType:
    assert compiled is not None
    return compiled


CLAIMS_OF_FIXTURES = """
import json, sys
from pathlib import Path
from linter import claims, parse, source
paths = sorted(Path(sys.argv[1]).glob("*.md"))
found = [
    [(c.kind, c.text, c.start, c.end, repr(c.value), c.qualifier, c.unit) for c in
     claims.extract(parse.parse(source.from_text(p.read_text("utf-8"), str(p))))]
    for p in paths
]
print(json.dumps({"python": claims._anchors is claims._python_anchors, "claims": found}))
"""


def claims_in_subprocess(pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "ENCYCLINT_PURE_PYTHON"}
    if pure:
        env["ENCYCLINT_PURE_PYTHON"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", CLAIMS_OF_FIXTURES, str(FIXTURES / "real")],
        capture_output=True, text=True, env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    output: dict[str, object] = json.loads(result.stdout)
    return output


def test_pure_python_switch_chooses_python() -> None:
    pure = claims_in_subprocess(pure=True)
    assert pure["python"] is True
    assert pure["claims"] and all(pure["claims"])  # type: ignore[arg-type]


@needs_c
def test_both_paths_extract_the_same_claims() -> None:
    accelerated = claims_in_subprocess(pure=False)
    pure = claims_in_subprocess(pure=True)
    assert accelerated["python"] is False
    assert accelerated["claims"] == pure["claims"]
