"""Shared test helpers: fixture reading, running the engine, schema validation."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "seed" / "sino-soviet-split-article.txt"

_EXPECT = re.compile(r"<!--\s*expect\s*\n(.*?)-->", re.S)
_OPTIONS = re.compile(r"<!--\s*options:\s*(.*?)-->")
_CODE = re.compile(r"^[A-Z]{3}\d{3}")


@dataclass
class Fixture:
    path: Path
    expected: list[tuple[str, int, int]]
    options: dict[str, str]

    @property
    def codes(self) -> list[str]:
        codes = {code for code, _, _ in self.expected}
        match = _CODE.match(self.path.name)
        if match:
            codes.add(match.group())
        return sorted(codes)


def read_fixture(path: Path) -> Fixture:
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    block = _EXPECT.search(text)
    assert block is not None, f"{path.name}: no <!-- expect ... --> block"
    expected = []
    for line in block.group(1).splitlines():
        if line.strip():
            code, position = line.split()
            row, column = position.split(":")
            expected.append((code, int(row), int(column)))
    options: dict[str, str] = {}
    found = _OPTIONS.search(text)
    if found:
        for item in found.group(1).split(","):
            key, _, value = item.strip().partition("=")
            options[key] = value
    return Fixture(path, sorted(expected), options)


def run_cli(*args: str, cwd: Path | str = ROOT, env: dict[str, str] | None = None,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, of this checkout's code whatever the cwd."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [environment.get("PYTHONPATH")])]
    )
    return subprocess.run(
        [sys.executable, "-m", "linter", *args], cwd=cwd, env=environment, input=stdin,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@cache
def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((ROOT / "linter" / "schemas" / name).read_text("utf-8"))
    return loaded


def validator(name: str) -> Any:
    """A validator for one of the project's schemas, with the others resolvable by $id."""
    import jsonschema
    from referencing import Registry, Resource

    resources = [
        Resource.from_contents(_schema(f"{n}.schema.json")) for n in ("report", "audit", "facts")
    ]
    registry = Registry().with_resources((r.id(), r) for r in resources if r.id())
    return jsonschema.Draft202012Validator(_schema(f"{name}.schema.json"), registry=registry)


def assert_valid_report(report: dict[str, Any]) -> None:
    """Every JSON report the tests produce must validate against schemas/report.schema.json."""
    validator("report").validate(report)
