"""`encyclint facts diff OLD NEW`: a re-import or a reviewed draft read as a change list."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_cli

OLD = """# before review
facts:
  - id: stalin-death
    keywords: [Stalin, died]
    date: "1953-03-05"
    status: draft
  - id: ussuri-clashes
    keywords: [Ussuri]
    date: 1969-03
    status: draft
  - id: experts-withdrawn
    keywords: [experts]
    count: {min: 1000, max: 1000}
    unit: experts
    status: draft
  - id: treaty-signed
    keywords: [treaty]
    date: 1950
    status: draft
"""
NEW = """sources:
  westad1998:
    citation: "Odd Arne Westad (ed.), Brothers in Arms. Stanford University Press, 1998."
facts:
  - id: stalin-death
    keywords: [Stalin, "died|death"]
    date: 1953-03-05
    sources: [westad1998]
  - id: ussuri-clashes
    keywords: [Ussuri]
    date: 1969-03-02
    status: draft
  - id: experts-withdrawn
    keywords: [experts]
    count: 1000
    unit: experts
    status: draft
  - id: loan-1950
    keywords: [loan]
    money: 300000000
    currency: USD
    sources: [westad1998]
"""


def _tables(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(OLD, "utf-8")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "facts.yaml").write_text(NEW, "utf-8")


def test_changes_edits_additions_and_removals(tmp_path: Path) -> None:
    _tables(tmp_path)
    done = run_cli("facts", "diff", "old.yaml", "new", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "new/facts.yaml:5: edited stalin-death: keywords, sources, status",
        "new/facts.yaml:9: changed ussuri-clashes: date 1969-03 → date 1969-03-02",
        "new/facts.yaml:18: added loan-1950: money 300000000 USD",
        "old.yaml:16: removed treaty-signed: date 1950",
        "1 changed, 1 added, 1 removed, 1 edited",
    ]
    assert run_cli("facts", "diff", "old.yaml", "new", "--exit-code", cwd=tmp_path).returncode == 1
    same = run_cli("facts", "diff", "new", "new", "--exit-code", cwd=tmp_path)
    assert same.returncode == 0 and same.stdout == "0 changed, 0 added, 0 removed, 0 edited\n"


def test_json_and_errors(tmp_path: Path) -> None:
    _tables(tmp_path)
    done = run_cli("facts", "diff", "old.yaml", "new", "--format", "json", cwd=tmp_path)
    changes = json.loads(done.stdout)["changes"]
    assert [(c["change"], c["id"]) for c in changes] == [
        ("edited", "stalin-death"), ("changed", "ussuri-clashes"), ("added", "loan-1950"),
        ("removed", "treaty-signed"),
    ]  # fmt: skip
    assert changes[1]["old"] == {"value": "date 1969-03", "path": "old.yaml", "line": 7}
    (tmp_path / "bad.yaml").write_text("facts:\n  - id: x\n    date: someday\n", "utf-8")
    bad = run_cli("facts", "diff", "bad.yaml", "new", cwd=tmp_path)
    assert bad.returncode == 2 and "bad.yaml:3: TBL001" in bad.stderr
    missing = run_cli("facts", "diff", "nope.yaml", "new", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.yaml: no such fact table" in missing.stderr
