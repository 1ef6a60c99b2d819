"""SARIF and GitHub annotations: valid, escaped, and stable when lines move."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from linter.formatters.github_format import escape_data, escape_property
from tests.helpers import FIXTURES, ROOT, run_cli

ARTICLE = "# T\n\nStalin died in 1953.[1] Mao arrived in 1949.[^x]\n"
SHARED_SARIF = ROOT.parent / "shared" / "schemas" / "sarif-2.1.0.json"


def sarif_of(folder: Path, *extra: str) -> dict[str, object]:
    result = run_cli("check", "a.md", "--format", "sarif", *extra, cwd=folder)
    assert result.returncode == 1, result.stderr
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def validate_sarif(log: dict[str, object], schema_path: Path) -> None:
    schema = json.loads(schema_path.read_text("utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    validator.validate(log)


def test_sarif_is_valid_against_the_official_schema(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, "utf-8")
    log = sarif_of(tmp_path)
    validate_sarif(log, FIXTURES / "sarif-2.1.0.json")
    run = log["runs"][0]  # type: ignore[index]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"CIT001", "FCT001"}
    cit001 = next(r for r in rules if r["id"] == "CIT001")
    assert cit001["name"] == "DanglingMarker" and "## Example" in cit001["help"]["markdown"]
    first = run["results"][0]
    assert first["ruleId"] == "CIT001"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 21, 24)


@pytest.mark.skipif(not SHARED_SARIF.exists(), reason="../shared/schemas is not beside this clone")
def test_bundled_sarif_schema_is_the_shared_official_one() -> None:
    assert json.loads(SHARED_SARIF.read_text("utf-8")) == json.loads(
        (FIXTURES / "sarif-2.1.0.json").read_text("utf-8")
    )


def test_fingerprints_survive_lines_moving(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, "utf-8")
    before = sarif_of(tmp_path)["runs"][0]["results"]  # type: ignore[index]
    (tmp_path / "a.md").write_text("Intro line.\n\nAnother.\n\n" + ARTICLE, "utf-8")
    after = sarif_of(tmp_path)["runs"][0]["results"]  # type: ignore[index]
    prints = [r["partialFingerprints"]["encyclint/v1"] for r in before]
    assert prints == [r["partialFingerprints"]["encyclint/v1"] for r in after]
    assert len(set(prints)) == len(prints)
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] != [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before
    ]


def test_github_annotations(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, "utf-8")
    result = run_cli("check", "a.md", "--format", "github", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::error file=a.md,line=3,col=21,endLine=3,endColumn=24,title=CIT001::"
        "citation marker [1] has no definition"
    )
    assert escape_data("50% done\nnext") == "50%25 done%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_severity_commands(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# T\n\nMao arrived in 1949.\n", "utf-8")
    (tmp_path / "encyclint.toml").write_text('[severity]\nCIT004 = "info"\n', "utf-8")
    result = run_cli("check", "a.md", "--format", "github", cwd=tmp_path)
    assert result.stdout.startswith("::notice file=a.md,line=3,col=16,")
    (tmp_path / "encyclint.toml").write_text("", "utf-8")
    result = run_cli("check", "a.md", "--format", "github", cwd=tmp_path)
    assert result.stdout.startswith("::warning file=a.md,line=3,col=16,")
