"""Fact-table values the schema lets through but no claim can be checked against: each is a
TBL001 with file and line, in every command, and error reporting stays bounded."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.helpers import run_cli

TABLE = "sources:\n  s: {citation: A book.}\nfacts:\n  - id: f\n    keywords: [Stalin]\n{value}\n    sources: [s]\n"
BAD_VALUES = {
    "    date: '0000'": 'facts[0].date: "0000" is not a real date',
    "    date: '1953-02-30'": 'facts[0].date: "1953-02-30" is not a real date',
    "    count: .inf": "facts[0].count: inf is not a finite number",
    "    count: -.inf": "facts[0].count: -inf is not a finite number",
    "    count: .nan": "facts[0].count: nan is not a finite number",
    "    money: {min: 10, max: .inf}": "facts[0].money: inf is not a finite number",
    "    count: {min: 10, max: 2}": "facts[0].count: min 10 is above max 2",
    "    date: {min: '1960', max: '1950-06'}": "facts[0].date: min 1960 is above max 1950-06",
    "    duration: P": 'facts[0].duration: "P" is not an ISO 8601 duration',
    "    duration: PT": 'facts[0].duration: "PT" is not an ISO 8601 duration',
    "    count: 5\n    tolerance: .nan": "facts[0].tolerance: nan is not a finite number",
}


@pytest.mark.parametrize("value", BAD_VALUES, ids=[v.strip() for v in BAD_VALUES])
@pytest.mark.parametrize("command", [("facts", "validate", "t.yaml"),
                                     ("check", "a.md", "--facts", "t.yaml", "--no-cache")])  # fmt: skip
def test_bad_values_are_tbl001_with_file_and_line(
    tmp_path: Path, value: str, command: tuple[str, ...]
) -> None:
    (tmp_path / "t.yaml").write_text(TABLE.replace("{value}", value), "utf-8")
    (tmp_path / "a.md").write_text("# A\n\nStalin died in 1953.\n", "utf-8")
    result = run_cli(*command, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    line = 6 + value.count("\n")  # the tolerance stands on the line after the count
    assert f"t.yaml:{line}: TBL001 {BAD_VALUES[value]}" in result.stderr


def test_the_last_month_of_year_9999_is_a_date(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(TABLE.replace("{value}", "    date: '9999-12'"), "utf-8")
    (tmp_path / "a.md").write_text("# A\n\nStalin died in December 9999.\n", "utf-8")
    assert run_cli("facts", "validate", "t.yaml", cwd=tmp_path).returncode == 0
    result = run_cli("check", "a.md", "--facts", "t.yaml", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


@pytest.mark.timeout(30)
def test_problems_stop_at_a_hundred_per_table(tmp_path: Path) -> None:
    lines = ["sources:"] + [f"  s{n}: {{c: 1}}" for n in range(5_000)]
    (tmp_path / "t.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    started = time.monotonic()
    result = run_cli("facts", "validate", "t.yaml", cwd=tmp_path)
    assert time.monotonic() - started < 10
    assert result.returncode == 2
    problems = result.stderr.splitlines()
    assert len(problems) == 101
    assert "t.yaml:2: TBL001 sources.s0.c: unknown key 'c'" in problems[0]
    assert problems[-1].endswith(
        "TBL001 stopped after 100 problems at sources.s50: 4,949 more entries not checked; "
        "fix these and validate again"
    )
