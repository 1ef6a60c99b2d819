"""Fixture-driven rule tests: each Markdown file under fixtures/rules holds its expected findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter import source
from linter.config import Config
from linter.engine import Settings, lint_source
from linter.facts.knowledge import load
from linter.registry import rules
from tests.helpers import FIXTURES, read_fixture

RULE_FIXTURES = sorted((FIXTURES / "rules").glob("*.md"))


def lint_fixture(path: Path) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]], str]:
    fixture = read_fixture(path)
    settings = Settings(
        config=Config(precision=fixture.options.get("precision", "written")),
        select=fixture.codes,
        citation_scope=fixture.options.get("scope", "sentence"),  # type: ignore[arg-type]
    )
    if "facts" in fixture.options:
        settings.knowledge = load([str(FIXTURES / "facts" / fixture.options["facts"])])
    text = source.from_text(source.decode(path.read_bytes(), str(path)), str(path))
    result = lint_source(text, settings)
    found = sorted((d.code, d.span.line, d.span.column) for d in result.diagnostics)
    messages = "\n".join(
        f"{d.code} {d.span.line}:{d.span.column} {d.message}" for d in result.diagnostics
    )
    return found, fixture.expected, messages


@pytest.mark.parametrize("path", RULE_FIXTURES, ids=[p.name for p in RULE_FIXTURES])
def test_rule_fixture(path: Path) -> None:
    found, expected, messages = lint_fixture(path)
    assert found == expected, messages


def test_fixture_text_at_each_finding_is_what_it_names() -> None:
    """A finding's span holds the marker or claim its message quotes."""
    for path in RULE_FIXTURES:
        fixture = read_fixture(path)
        settings = Settings(config=Config(), select=fixture.codes)
        if "facts" in fixture.options:
            settings.knowledge = load([str(FIXTURES / "facts" / fixture.options["facts"])])
        text = source.from_text(source.decode(path.read_bytes(), str(path)), str(path))
        for diagnostic in lint_source(text, settings).diagnostics:
            span = diagnostic.span
            start = span.line - 1
            lines = text.lines
            if span.line == span.end_line:
                under = lines[start][span.column - 1 : span.end_column - 1]
            else:
                under = lines[start][span.column - 1 :]
            quoted = diagnostic.fingerprint.split("\n")[0]
            if diagnostic.code.startswith("CIT00") and diagnostic.code != "CIT004":
                # Markers and definitions: the label, however it is bracketed ([^a], 7.)
                assert quoted.strip("[]^@") == under.strip("[]^@.").lstrip("^"), (path.name, under)
            else:
                assert under == quoted, (path.name, diagnostic.message, under)


def test_a_rule_selected_alone_finds_what_it_finds_among_all() -> None:
    """A run works an article out only as far as its rules read (citation rules need no
    claims, CIT004 no verdicts): each rule, selected alone, must find exactly what it finds
    when every rule runs."""
    paths = [*RULE_FIXTURES, FIXTURES / "seed" / "sino-soviet-split-article.txt"]
    knowledge = load([str(FIXTURES / "facts" / "basic.yaml")])
    article_rules = [
        code for code, rule in rules().items() if rule.scope == "article" and not rule.opt_in
    ]
    for path in paths:
        text = source.from_text(source.decode(path.read_bytes(), str(path)), str(path))
        everything = lint_source(
            text, Settings(config=Config(), knowledge=knowledge, keep_claims=False)
        )
        for code in article_rules:
            alone = Settings(config=Config(), select=[code], knowledge=knowledge, keep_claims=False)
            expected = [d for d in everything.diagnostics if d.code == code]
            assert lint_source(text, alone).diagnostics == expected, (path.name, code)


def test_citation_rules_alone_extract_no_claims() -> None:
    settings = Settings(config=Config(), select=["CIT001", "CIT002"], keep_claims=False)
    assert settings.reads() == "document"
    path = FIXTURES / "seed" / "sino-soviet-split-article.txt"
    text = source.from_text(source.decode(path.read_bytes(), str(path)), str(path))
    assert lint_source(text, settings).claim_count == 0
    # CIT004 reads verdicts: its fix cites the source of the fact that verifies the claim.
    assert Settings(config=Config(), select=["CIT004"], keep_claims=False).reads() == "verdicts"
    assert Settings(config=Config(), select=["CIT"], keep_claims=True).reads() == "verdicts"
