"""The raw seed article: the material this project started from."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from linter import claims, parse, source
from linter.config import Config
from linter.engine import Settings, lint_source
from linter.facts.knowledge import load
from tests.helpers import FIXTURES, ROOT, SEED, assert_valid_report, run_cli

ANNOTATION = FIXTURES / "seed" / "sino-soviet-split-article.claims.tsv"
FORUM = FIXTURES / "seed" / "sino-soviet-split-forum-thread.txt"
FORUM_ANNOTATION = FIXTURES / "seed" / "sino-soviet-split-forum-thread.claims.tsv"


def marker_positions() -> list[tuple[int, int]]:
    """An independent oracle: the seed has no code or links, so every [n] is a marker."""
    positions: list[tuple[int, int]] = []
    for number, line in enumerate(SEED.read_text("utf-8").split("\n"), 1):
        positions.extend((number, m.start() + 1) for m in re.finditer(r"\[\d+\]", line))
    return positions


def test_raw_seed_has_25_dangling_markers_each_at_its_marker() -> None:
    result = run_cli("check", str(SEED), "--select", "CIT001", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert_valid_report(report)
    found = [(d["line"], d["column"]) for d in report["diagnostics"]]
    assert len(found) == 25
    assert found == marker_positions()
    labels = {re.search(r"\[(\d+)\]", d["message"]).group(1) for d in report["diagnostics"]}  # type: ignore[union-attr]
    assert labels == {str(n) for n in range(1, 18)}


def annotated(table: Path) -> set[tuple[int, int, str, str]]:
    rows = set()
    for row in table.read_text("utf-8").splitlines():
        if row and not row.startswith("#"):
            line, column, kind, _value, text = row.split("\t")
            rows.add((int(line), int(column), kind, text))
    return rows


@pytest.mark.parametrize(
    ("article", "table", "floor"),
    [(SEED, ANNOTATION, 0.95), (FORUM, FORUM_ANNOTATION, 1.0)],
    ids=["article", "forum-thread"],
)
def test_claims_of_the_seed_against_the_hand_annotation(
    article: Path, table: Path, floor: float
) -> None:
    document = parse.parse(source.read(str(article)))
    found = {(c.span.line, c.span.column, c.kind, c.text) for c in claims.extract(document)}
    expected = annotated(table)
    true_positives = len(found & expected)
    precision = true_positives / len(found)
    recall = true_positives / len(expected)
    assert precision >= floor, sorted(found - expected)
    assert recall >= floor, sorted(expected - found)


def test_every_claim_span_is_the_file_text() -> None:
    text = source.read(str(SEED))
    document = parse.parse(text)
    for claim in claims.extract(document):
        line = text.lines[claim.span.line - 1]
        assert line[claim.span.column - 1 : claim.span.end_column - 1] == claim.text


def seed_diagnostics(codes: list[str]) -> list[tuple[str, str]]:
    settings = Settings(config=Config(), select=codes, knowledge=load([str(ROOT / "facts")]))
    result = lint_source(source.read(str(SEED)), settings)
    return [(d.code, d.claim["text"] if d.claim else "") for d in result.diagnostics]


def test_raw_seed_wrong_values_are_contradicted_and_right_ones_are_not() -> None:
    contradicted = {text for code, text in seed_diagnostics(["FCT001"]) if code == "FCT001"}
    for wrong in ("August 9, 1945", "12,000 artillery pieces", "2,000 tanks", "five articles",
                  "September 1956", "thousands of experts", "July 1, 1921"):  # fmt: skip
        assert wrong in contradicted
    for right in ("February 14, 1950", "March 5, 1953", "February 25, 1956", "1.5 million troops",
                  "$300 million", "1%", "700,000-strong Kwantung Army", "five years"):  # fmt: skip
        assert right not in contradicted


def test_cit004_flags_every_uncited_claim_of_the_raw_seed() -> None:
    document = parse.parse(source.read(str(SEED)))
    extracted = claims.extract(document)
    uncited = [
        c for c in extracted
        if not document.blocks[c.block].sentences[c.sentence].markers
    ]  # fmt: skip
    flagged = [text for code, text in seed_diagnostics(["CIT004"]) if code == "CIT004"]
    assert len(flagged) == len(uncited) >= 25
    assert flagged == [c.text for c in uncited]


def test_project_articles_check_clean() -> None:
    result = run_cli("check", "articles", "--format", "json", "--fail-on", "info")
    report = json.loads(result.stdout)
    assert_valid_report(report)
    assert result.returncode == 0, report["diagnostics"]
    assert report["summary"]["claims"] >= 50


def test_project_article_claims_are_all_verified_and_cited() -> None:
    result = run_cli("claims", "articles", "--format", "json")
    listing = json.loads(result.stdout)["claims"]
    assert listing and all(c["status"] == "verified" and c["citations"] for c in listing)
