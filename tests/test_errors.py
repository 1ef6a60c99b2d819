"""Every command, fed bad arguments and bad files: exit 2, one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli

GOOD = "# A\n\nStalin died in 1953.[^a]\n\n[^a]: Source.\n"
BAD_TABLE = "facts:\n  - id: x\n    keywords: [a]\n    date: someday\n    sources: []\n"

CASES = [
    (("check", "missing.md"), "missing.md: no such file or folder"),
    (("check", "a.md", "--format", "xml"), "Invalid value for '--format'"),
    (("check", "a.md", "--jobs", "0"), "Invalid value for '--jobs'"),
    (("check", "a.md", "--fail-on", "fatal"), "Invalid value for '--fail-on'"),
    (("check", "a.md", "--select", "XYZ"), "unknown rule code, prefix or name 'XYZ'"),
    (("check", "a.md", "--facts", "bad.yaml"), "bad.yaml:4: TBL001 facts[0].date: \"someday\" is not an ISO date"),
    (("check", "a.md", "--facts", "nope.yaml"), "nope.yaml: no such fact table file or folder"),
    (("check", "a.md", "--config", "bad.toml"), "bad.toml:1: invalid TOML"),
    (("check", "a.md", "--output", "no/such/dir/out.txt"), "no/such/dir/out.txt: cannot write"),
    (("check", "a.md", "--baseline", "a.md"), "a.md:1: baseline is not valid JSON"),
    (("check", "a.md", "--unknown"), "No such option '--unknown'"),
    (("claims", "missing.md"), "missing.md: no such file or folder"),
    (("claims", "a.md", "--format", "sarif"), "Invalid value for '--format'"),
    (("audit", "missing"), "missing: no such file or folder"),
    (("audit", "a.md", "--facts", "bad.yaml"), "bad.yaml:4: TBL001"),
    (("links", "missing.md"), "missing.md: no such file or folder"),
    (("links", "a.md", "--timeout", "0"), "Invalid value for '--timeout'"),
    (("facts", "validate", "bad.yaml"), "bad.yaml:4: TBL001"),
    (("facts", "validate", "nope"), "nope: no such fact table file or folder"),
    (("facts", "frobnicate"), "No such command 'frobnicate'"),
    (("rules", "NOPE01"), "unknown rule 'NOPE01'"),
    (("frobnicate",), "No such command 'frobnicate'"),
]


@pytest.mark.parametrize(("args", "message"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_bad_arguments_and_files(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    (tmp_path / "a.md").write_text(GOOD, "utf-8")
    (tmp_path / "bad.yaml").write_text(BAD_TABLE, "utf-8")
    (tmp_path / "bad.toml").write_text("paths = [\n", "utf-8")
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "no").exists()
