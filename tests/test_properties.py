"""Property-based tests: any input ends in exit 0, 1 or 2, positions stay in the file,
claims quote the file exactly, and two runs agree.

The number of examples comes from the hypothesis profile in conftest.py; for a longer
local run: ``HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from linter import claims, parse, source
from linter.cli import main

WORDS = st.sampled_from(
    ["Stalin", "died", "in", "1953", "March 5, 1953", "1.5 million troops", "$300 million", "1%",
     "five years", "the 1950s", "over", "about", "thousands of experts", "Mr.", "U.S.", "J.",
     "[1]", "[2][4]", "[^a]", "[@luthi2008, p. 3]", "`[3]`", "<b>[5]</b>", "[x](http://a/[6])",
     "é", "中文", "\t", "*", "_", "\\[7]", "&amp;", "1926–1928", "No. 2", "20th", "—", "«"]
)  # fmt: skip
LINE = st.lists(WORDS, max_size=12).map(" ".join)
BLOCK = st.one_of(
    LINE,
    LINE.map(lambda t: "# " + t),
    LINE.map(lambda t: "## References\n\n1. " + t),
    LINE.map(lambda t: "> " + t),
    LINE.map(lambda t: "- " + t + "\n  - " + t),
    LINE.map(lambda t: "| a | " + t + " |\n|---|---|\n| " + t + " | b |"),
    LINE.map(lambda t: "```\n" + t + "\n```"),
    LINE.map(lambda t: "[^a]: " + t),
    LINE.map(lambda t: "[1]: " + t),
    LINE.map(lambda t: "<div>" + t + "</div>"),
    LINE.map(lambda t: "<!-- encyclint-disable CIT -->\n" + t),
)
MARKDOWN = st.tuples(
    st.booleans(), st.lists(BLOCK, max_size=8), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans()
).map(
    lambda parts: ("\ufeff" if parts[3] else "")
    + ("---\ntitle: x\n---\n" if parts[0] else "")
    + parts[2].join(b.replace("\n", parts[2]) for b in parts[1])
)


def lint(tmp_path: Path, data: bytes) -> tuple[int, str]:
    (tmp_path / "a.md").write_bytes(data)
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(main, ["check", "a.md", "--format", "json", "--no-cache"])
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1, 2)
    return result.exit_code, result.stdout  # stderr (a warning) is not the report


def check_positions(data: bytes, output: str) -> None:
    report = json.loads(output)
    text = source.decode(data, "a.md")
    lines = source.from_text(text, "a.md").lines
    for d in report["diagnostics"]:
        assert 1 <= d["line"] <= d["end_line"] <= len(lines)
        assert 1 <= d["column"] <= len(lines[d["line"] - 1]) + 1
        assert 1 <= d["end_column"] <= len(lines[d["end_line"] - 1]) + 1


@given(data=MARKDOWN)
def test_markdown_of_article_constructs(tmp_path: Path, data: str) -> None:
    encoded = data.encode("utf-8")
    code, output = lint(tmp_path, encoded)
    assert code in (0, 1)
    check_positions(encoded, output)
    assert lint(tmp_path, encoded) == (code, output)
    document = parse.parse(source.from_text(data, "a.md"))
    for claim in claims.extract(document):
        assert document.text_at(claim.span) == claim.text


@given(data=st.text(max_size=400))
def test_any_unicode_text(tmp_path: Path, data: str) -> None:
    encoded = data.encode("utf-8", "surrogatepass")
    code, output = lint(tmp_path, encoded)
    if code != 2:
        check_positions(encoded, output)
        document = parse.parse(source.from_text(data, "a.md"))
        for claim in claims.extract(document):
            assert document.text_at(claim.span) == claim.text


@given(data=st.binary(max_size=400))
def test_any_bytes(tmp_path: Path, data: bytes) -> None:
    code, output = lint(tmp_path, data)
    if code != 2:
        check_positions(data, output)
