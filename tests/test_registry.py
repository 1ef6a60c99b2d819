"""Meta-tests: every rule is documented under the fixed headings and has a fixture."""

from __future__ import annotations

import re

import pytest

from linter.registry import CODE_PATTERN, DOC_HEADINGS, rules
from tests.helpers import FIXTURES, run_cli

RULES = list(rules().values())


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_documented(rule: object) -> None:
    assert CODE_PATTERN.match(rule.code)  # type: ignore[attr-defined]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)  # type: ignore[attr-defined]
    assert rule.summary  # type: ignore[attr-defined]
    for heading in DOC_HEADINGS:
        assert rule.section(heading), f"{rule.code} lacks {heading}"  # type: ignore[attr-defined]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_a_fixture(rule: object) -> None:
    code = rule.code  # type: ignore[attr-defined]
    found = [
        *(FIXTURES / "rules").glob(f"{code}-*.md"),
        *(FIXTURES / "tables").glob(f"{code}-*.yaml"),
        *(FIXTURES / "corpus").glob(f"{code}-*"),
        *(FIXTURES / "links").glob(f"{code}-*.md"),
        *(FIXTURES / "inputs").glob(f"{code}-*.md"),
    ]
    assert found, f"{code} has no fixture"


def test_names_are_unique() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


def test_rules_command_lists_and_explains() -> None:
    listing = run_cli("rules")
    assert listing.returncode == 0
    for rule in RULES:
        assert rule.code in listing.stdout
    one = run_cli("rules", "cit001")
    assert one.returncode == 0 and "## What it does" in one.stdout and "dangling-marker" in one.stdout
    unknown = run_cli("rules", "XYZ999")
    assert unknown.returncode == 2 and "unknown rule" in unknown.stderr
