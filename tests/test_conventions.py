"""ruff's small conventions: --statistics, -q, -s, stdin, rules as JSON and by name, doc
URLs, "N baselined", plurals, spelled-out audit headers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, assert_valid_report, run_cli

SEED = FIXTURES / "golden" / "seed.md"
FACTS = str(ROOT / "facts")


def seed_in(folder: Path) -> str:
    shutil.copy(SEED, folder / "seed.md")
    return "seed.md"


def test_statistics_count_each_rule_most_first(tmp_path: Path) -> None:
    article = seed_in(tmp_path)
    report = json.loads(
        run_cli("check", article, "--facts", FACTS, "--format", "json", cwd=tmp_path).stdout
    )
    counts = Counter(d["code"] for d in report["diagnostics"])
    fixable = Counter(d["code"] for d in report["diagnostics"] if "fix" in d)
    result = run_cli("check", article, "--facts", FACTS, "--statistics", cwd=tmp_path)
    assert result.returncode == 1
    rows = [line.split() for line in result.stdout.splitlines()]
    assert [(int(r[0]), r[1]) for r in rows] == sorted(
        ((n, code) for code, n in counts.items()), key=lambda row: (-row[0], row[1])
    )
    fct001 = next(r for r in rows if r[1] == "FCT001")
    assert fct001[2:] == ["contradicted-claim", "[*]", str(fixable["FCT001"]), "fixable"]
    args = ("check", article, "--facts", FACTS, "--statistics", "--format", "json")
    as_json = json.loads(run_cli(*args, cwd=tmp_path).stdout)
    assert {e["code"]: e["count"] for e in as_json} == dict(counts)
    assert as_json[0]["count"] == max(counts.values())


def test_quiet_prints_findings_only_and_silent_nothing(tmp_path: Path) -> None:
    article = seed_in(tmp_path)
    full = run_cli("check", article, "--facts", FACTS, cwd=tmp_path)
    quiet = run_cli("check", article, "--facts", FACTS, "-q", cwd=tmp_path)
    assert quiet.returncode == full.returncode == 1
    findings = [line for line in full.stdout.splitlines() if line.startswith("seed.md:")]
    assert quiet.stdout.splitlines() == findings and "Found" in full.stdout
    silent = run_cli("check", article, "--facts", FACTS, "--silent", cwd=tmp_path)
    assert (silent.stdout, silent.returncode) == ("", 1)
    clean = run_cli("check", article, "--select", "CIT003", "-s", cwd=tmp_path)
    assert (clean.stdout, clean.returncode) == ("", 0)


def test_stdin_takes_the_given_path_and_its_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "encyclint.toml").write_text(
        '[per-file-ignores]\n"articles/drafts/*.md" = ["CIT004"]\n', "utf-8"
    )
    buffer = "# T\n\nMao arrived in 1949.[1]\n"
    plain = run_cli("check", "-", "--stdin-filename", "articles/x.md", stdin=buffer, cwd=tmp_path)
    assert plain.stdout.splitlines()[0] == (
        "articles/x.md:3:21: CIT001 citation marker [1] has no definition"
    )
    buffer = "# T\n\nMao arrived in 1949.\n"
    kept = run_cli("check", "-", "--stdin-filename", "articles/x.md", stdin=buffer, cwd=tmp_path)
    assert kept.stdout.startswith("articles/x.md:3:16: CIT004 ")
    ignored = run_cli(
        "check", "-", "--stdin-filename", "articles/drafts/x.md", stdin=buffer, cwd=tmp_path
    )
    assert (ignored.returncode, ignored.stdout) == (0, "No problems in 1 file.\n")
    assert not (tmp_path / "articles").exists()


def test_stdin_fix_writes_the_fixed_buffer_to_stdout(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "facts" / "basic.yaml", tmp_path / "basic.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "linter", "check", "-", "--facts", "basic.yaml", "--fix",
         "--unsafe-fixes"],
        input=b"# T\r\n\r\nStalin died in 1954.[@westad1998]\r\n", capture_output=True,
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120,
    )  # fmt: skip
    assert result.stdout == b"# T\r\n\r\nStalin died in 1953.[@westad1998]\r\n"
    assert b"No problems in 1 file after fixing 1" in result.stderr


def test_stdin_must_stand_alone(tmp_path: Path) -> None:
    result = run_cli("check", "-", "a.md", stdin="", cwd=tmp_path)
    assert result.returncode == 2 and "must be the only path" in result.stderr


def test_rules_as_json_and_by_name() -> None:
    listing = json.loads(run_cli("rules", "--format", "json").stdout)
    assert {"CIT001", "FCT001"} <= {r["code"] for r in listing}
    cit001 = next(r for r in listing if r["code"] == "CIT001")
    assert cit001["name"] == "dangling-marker" and "## References" in cit001["example"]
    by_name = run_cli("rules", "dangling-marker")
    assert by_name.returncode == 0 and by_name.stdout == run_cli("rules", "CIT001").stdout
    one = json.loads(run_cli("rules", "contradicted-claim", "--format", "json").stdout)
    assert one["code"] == "FCT001" and "in the claim's own" in one["fix"]
    assert run_cli("rules", "no-such-rule").returncode == 2


def test_rule_names_where_codes_are(tmp_path: Path) -> None:
    article = seed_in(tmp_path)
    by_code = run_cli("check", article, "--select", "CIT001", cwd=tmp_path).stdout
    assert run_cli("check", article, "--select", "dangling-marker", cwd=tmp_path).stdout == by_code
    ignored = run_cli("check", article, "--select", "CIT", "--ignore", "uncited-claim,CIT001",
                      cwd=tmp_path)  # fmt: skip
    assert ignored.returncode == 0


def test_doc_url_when_the_project_has_a_home(monkeypatch: pytest.MonkeyPatch) -> None:
    from linter import registry
    from linter.diagnostic import Diagnostic
    from linter.document import Span
    from linter.engine import ArticleResult, Tally
    from linter.formatters import json_format, sarif_format

    diagnostic = Diagnostic("a.md", Span(1, 1, 1, 2), "CIT001", "error", "m")
    result = ArticleResult("a.md", [diagnostic], [], [], 0, [])
    registry.project_home.cache_clear()
    monkeypatch.setattr(registry, "project_home", lambda: "https://encyclint.example/docs")
    report = json.loads("".join(json_format.render([result], False, Tally())))
    assert_valid_report(report)
    assert report["diagnostics"][0]["url"] == "https://encyclint.example/docs/rules/CIT001"
    sarif = json.loads("".join(sarif_format.render([result], False, Tally())))
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["helpUri"] == "https://encyclint.example/docs/rules/" + rules[0]["id"]
    monkeypatch.setattr(registry, "project_home", lambda: None)
    report = json.loads("".join(json_format.render([result], False, Tally())))
    assert "url" not in report["diagnostics"][0]


def test_summary_says_what_the_baseline_hid(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# T\n\nMao arrived.[1] Zhou left.[2]\n", "utf-8")
    run_cli("check", "a.md", "--write-baseline", "base.json", cwd=tmp_path)
    (tmp_path / "a.md").write_text("# T\n\nMao arrived.[1] Zhou left.[2] Lin fled.[3]\n", "utf-8")
    result = run_cli("check", "a.md", "--baseline", "base.json", cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == (
        "Found 1 problem (1 error, 0 warnings) in 1 file (2 baselined)."
    )


def test_plurals(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# T\n\nStalin died in 1953.\n", "utf-8")
    shutil.copy(FIXTURES / "facts" / "basic.yaml", tmp_path / "basic.yaml")
    result = run_cli("check", "a.md", "--facts", "basic.yaml", cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == (
        "Found 1 problem (0 errors, 1 warning) in 1 file; 1 claim checked."
    )
    validated = run_cli("facts", "validate", "basic.yaml", cwd=tmp_path)
    assert validated.stdout.startswith("1 table, 3 sources, ")
    listing = run_cli("claims", "a.md", cwd=tmp_path)
    assert listing.stdout.splitlines()[-1] == "1 claim in 1 file."


def test_audit_headers_are_spelled_out(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# T\n\nMao arrived in 1949.\n", "utf-8")
    header = run_cli("audit", "a.md", cwd=tmp_path).stdout.splitlines()[0].split("  ")
    titles = [t.strip() for t in header if t.strip()]
    assert titles[:3] == ["article", "claims", "verified"]
    assert "contradicted" in titles and "unverified" in titles
    assert "unused definitions" in titles
