"""Fact tables: every malformed fixture is rejected with its exact file:line message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, run_cli

TABLES = sorted((FIXTURES / "tables").glob("*.yaml"))


def expectations(path: Path) -> list[tuple[int, str]]:
    found = re.findall(r"^# expect: (\d+): (.*)$", path.read_text("utf-8"), flags=re.M)
    return [(int(line), message.replace("{path}", str(path))) for line, message in found]


@pytest.mark.parametrize("path", TABLES, ids=[p.name for p in TABLES])
def test_malformed_table_is_rejected_with_file_and_line(path: Path) -> None:
    result = run_cli("facts", "validate", str(path), cwd=path.parent)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for line, message in expectations(path):
        if message.startswith("invalid: "):
            wanted = message.removeprefix("invalid: ")
            assert wanted in result.stderr, result.stderr
            if line:
                assert f"{path}:{line}:" in result.stderr, result.stderr
        else:
            assert f"{path}:{line}: {message}" in result.stderr, result.stderr


def test_check_stops_on_a_broken_table_with_the_same_messages() -> None:
    broken = FIXTURES / "tables" / "TBL002-unknown-source.yaml"
    result = run_cli("check", "articles", "--facts", str(broken))
    assert result.returncode == 2
    assert "TBL002 facts[0].sources[1]: unknown source 'lüthi2008'" in result.stderr


def test_project_fact_table_is_valid() -> None:
    result = run_cli("facts", "validate")
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_fact_ids_are_unique_and_every_source_is_used() -> None:
    import yaml

    data = yaml.safe_load((ROOT / "facts" / "sino-soviet-split.yaml").read_text("utf-8"))
    used = {key for fact in data["facts"] for key in fact["sources"]}
    assert used <= set(data["sources"])
    ids = [fact["id"] for fact in data["facts"]]
    assert len(ids) == len(set(ids))
