"""Suppression comments: --add-suppression, same-line comments, and the SUP rules at work."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import FIXTURES, ROOT, run_cli

FACTS = str(ROOT / "facts")


def findings(folder: Path, *args: str) -> list[dict[str, object]]:
    result = run_cli("check", "a.md", "--format", "json", *args, cwd=folder)
    found: list[dict[str, object]] = json.loads(result.stdout)["diagnostics"]
    return found


def test_add_suppression_adopts_the_seed_article_in_one_command(tmp_path: Path) -> None:
    text = (FIXTURES / "golden" / "seed.md").read_text("utf-8")
    (tmp_path / "a.md").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    before = findings(tmp_path, "--facts", FACTS)
    lines = {d["line"] for d in before}
    result = run_cli("check", "a.md", "--facts", FACTS, "--add-suppression", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.strip() == f"Added {len(lines)} suppressions to 1 file."
    written = (tmp_path / "a.md").read_bytes()
    assert written.count(b"\r\n") == text.count("\n") + 1  # one comment line added above line 9
    assert b"\n" not in written.replace(b"\r\n", b"")
    assert findings(tmp_path, "--facts", FACTS) == []
    again = run_cli("check", "a.md", "--facts", FACTS, "--add-suppression", cwd=tmp_path)
    assert again.stderr.strip() == "Added 0 suppressions to 0 files."
    assert (tmp_path / "a.md").read_bytes() == written
    decoded = written.decode("utf-8").split("\r\n")
    assert decoded[8] == "<!-- encyclint-disable-next-line CIT001, FCT002 -->"
    assert decoded[1].endswith(" <!-- encyclint-disable-line CIT001, FCT001 -->")


def test_add_suppression_merges_codes_into_a_comment_already_there(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# T\n\n<!-- encyclint-disable-next-line CIT004 -->\nMao arrived in 1949. Lin "
        "fled.[2]\nZhou left.[3] He returned in 1951. <!-- encyclint-disable-line CIT001 -->\n",
        "utf-8",
    )
    run_cli("check", "a.md", "--add-suppression", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text("utf-8") == (
        "# T\n\n<!-- encyclint-disable-next-line CIT004, CIT001 -->\nMao arrived in 1949. "
        "Lin fled.[2]\nZhou left.[3] He returned in 1951. <!-- encyclint-disable-line CIT001, "
        "CIT004 -->\n"
    )
    assert findings(tmp_path) == []


def test_unused_suppression_is_reported_and_fixed(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# T\n\n<!-- encyclint-disable-next-line CIT001 -->\nMao arrived.[1]\n"
        "Lin fled.[2] <!-- encyclint-disable-line CIT001, CIT002 -->\n"
        "Zhou left. <!-- encyclint-disable-line -->\n\n## References\n\n1. Westad, 1998.\n",
        "utf-8",
    )
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in findings(tmp_path)]
    assert found == [
        ("SUP001", 3, 1, "suppression comment suppresses nothing"),
        ("SUP001", 5, 14, "CIT002 in this suppression comment suppresses nothing"),
        ("SUP001", 6, 12, "suppression comment suppresses nothing"),
    ]
    narrowed = findings(tmp_path, "--select", "FCT001,SUP")
    assert narrowed == [], "a suppression of a rule that did not run is not judged"
    run_cli("check", "a.md", "--fix", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text("utf-8") == (
        "# T\n\nMao arrived.[1]\nLin fled.[2] <!-- encyclint-disable-line CIT001 -->\n"
        "Zhou left.\n\n## References\n\n1. Westad, 1998.\n"
    )
    assert findings(tmp_path) == []


def test_same_line_suppression_covers_only_its_line(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "rules" / "suppression.md", tmp_path / "a.md")
    codes = {(d["code"], d["line"]) for d in findings(tmp_path, "--select", "CIT001")}
    assert ("CIT001", 10) not in codes and ("CIT001", 11) in codes


def test_unclosed_block_and_unknown_code(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# T\n\nMao arrived.[1] <!-- encyclint-disable CIT001 -->\n"
        "Lin fled.[2] <!-- encyclint-disable-line CTI004 -->\n",
        "utf-8",
    )
    found = [(d["code"], d["line"], d["severity"]) for d in findings(tmp_path)]
    assert found == [("SUP002", 3, "warning"), ("SUP003", 4, "warning")]
