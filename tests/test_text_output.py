"""Text reports: golden output per format on the seed article (with a tab, CJK text and a
combining mark added), carets checked against the file by display width."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from wcwidth import wcwidth

from tests.helpers import FIXTURES, ROOT, run_cli

GOLDEN = FIXTURES / "golden"
FORMATS = [
    ("full", "never"), ("full", "always"), ("concise", "never"), ("concise", "always"),
]  # fmt: skip
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def report(folder: Path, *args: str, env: dict[str, str] | None = None) -> str:
    shutil.copy(GOLDEN / "seed.md", folder / "seed.md")
    result = run_cli("check", "seed.md", "--facts", str(ROOT / "facts"), *args, cwd=folder, env=env)
    assert result.returncode == 1, result.stderr
    return result.stdout


@pytest.mark.parametrize(("output_format", "color"), FORMATS)
def test_golden_output(output_format: str, color: str, tmp_path: Path) -> None:
    """To refresh after a deliberate change: ENCYCLINT_GOLDEN=write, then review the diff."""
    golden = GOLDEN / f"seed.{output_format}{'-colour' if color == 'always' else ''}.txt"
    text = report(tmp_path, "--format", output_format, "--color", color)
    if os.environ.get("ENCYCLINT_GOLDEN") == "write":
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")
    assert ("\x1b[" in text) == (color == "always")
    assert _ANSI.sub("", text) == (golden.parent / golden.name.replace("-colour", "")).read_text(
        "utf-8"
    )


def _cells(text: str) -> list[tuple[int, str]]:
    """Each character of an excerpt with the display column it starts at."""
    out, column = [], 0
    for char in text:
        out.append((column, char))
        column += max(wcwidth(char), 0)
    return out


def test_every_caret_sits_under_its_span(tmp_path: Path) -> None:
    text = report(tmp_path, "--format", "full", "--color", "never")
    lines = (GOLDEN / "seed.md").read_text("utf-8").split("\n")
    blocks = text.split("\n\n")[:-1]
    checked = {"long": 0, "tab": 0, "cjk": 0}
    for block in blocks:
        rows = block.split("\n")
        where = re.search(r"--> seed\.md:(\d+):(\d+)", rows[1])
        assert where is not None, block
        line, column = int(where.group(1)), int(where.group(2))
        shown, carets = rows[3].split(" | ", 1)[1], rows[4].split(" | ", 1)[1]
        start = len(carets) - len(carets.lstrip(" "))
        width = len(carets.strip())
        under = "".join(c for col, c in _cells(shown) if start <= col < start + width)
        source = lines[line - 1].expandtabs(4)
        prefix = lines[line - 1][: column - 1]
        expected_start = len(prefix.expandtabs(4)) if "\t" in prefix else column - 1
        assert under and source[expected_start:].startswith(under), (block, under)
        checked["long"] += len(lines[line - 1]) >= 1000
        checked["tab"] += "\t" in prefix
        checked["cjk"] += bool(re.search(r"[\u4e00-\u9fff]", prefix))
        assert len(shown) <= 102
    assert all(checked.values()), checked


def test_full_notes_fact_and_help(tmp_path: Path) -> None:
    text = report(tmp_path, "--format", "full", "--color", "never", "--select", "FCT001")
    assert "  = fact: soviet-declaration-of-war-japan = 1945-08-08 (sources: hyperwardow)" in text
    assert "= help: Replace `August 9, 1945` with `August 8, 1945` (unsafe fix" in text
    assert "= help: the fact is a range (2576–4000)" in text
    assert text.count("error[FCT001]: ") == 8


def test_default_is_concise_when_piped(tmp_path: Path) -> None:
    assert report(tmp_path) == report(tmp_path, "--format", "concise")


@pytest.mark.parametrize(
    ("env", "args", "coloured"),
    [
        ({"NO_COLOR": "1"}, (), False),
        ({"NO_COLOR": "", "FORCE_COLOR": "1"}, (), True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, (), False),
        ({"NO_COLOR": "1"}, ("--color", "always"), True),
        ({"NO_COLOR": "", "FORCE_COLOR": "1"}, ("--color", "never"), False),
        ({"NO_COLOR": ""}, ("--color", "auto"), False),  # not a terminal
    ],
)
def test_colour_choice(env: dict[str, str], args: tuple[str, ...], coloured: bool,
                       tmp_path: Path) -> None:  # fmt: skip
    text = report(tmp_path, "--select", "FCT001", *args, env=env)
    assert ("\x1b[" in text) == coloured
