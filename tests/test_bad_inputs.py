"""One bad file must not cost the report: a corpus of good files with a bad file of every
kind between them, run through every command and format, with one and two workers.

Every good file's findings are reported, each bad file is one INP001 at its path (and line,
where one is to blame), JSON and SARIF parse and validate, and the run exits 2.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, assert_valid_report, run_cli, validator

GOOD = "# {name}\n\nStalin died in 1953.[9] Mao arrived in 1949.[8]\n"
"""Two dangling markers: CIT001 at 3:21 and 3:45."""
GOOD_FINDINGS = [(3, 21, "CIT001"), (3, 45, "CIT001")]
LIMIT_BYTES = int(0.01 * 1024 * 1024)
NON_UTF8_NAME = os.fsdecode(b"caf\xe9.md")
CONTROL_NAME = "evil\n::error file=x::pwned\x1b[2J.md"


def build_corpus(folder: Path) -> tuple[list[str], dict[str, int]]:
    """The good files' printed names, and each bad file's printed name with its line."""
    articles = folder / "articles"
    articles.mkdir()
    (folder / "encyclint.toml").write_text(
        'paths = ["articles"]\nmax-article-mib = 0.01\n', "utf-8"
    )
    good = ["a-good.md", "m-good.md", NON_UTF8_NAME, CONTROL_NAME, "z-good.md"]
    for name in good:
        (articles / name).write_text(GOOD.format(name="Good"), "utf-8")
    bad: dict[str, int] = {}

    def put(name: str, data: bytes, line: int = 1) -> None:
        (articles / name).write_bytes(data)
        bad[name] = line

    put("b-latin1.md", "# T\n\nL'été de 1953.\n".encode("latin-1"), 3)
    put("c-utf16.md", b"\xff\xfe#\x00 \x00\x00\xd8")  # a lone high surrogate, then the end
    put("d-binary.md", bytes(range(256)) * 8, 2)  # byte 128 stands on line 2
    put("e-deep.md", ("# Deep\n\n" + "> " * 5_000 + "Stalin died in 1953.\n").encode(), 3)
    put("f-huge.md", b"# Big\n\n" + b"Stalin died in 1953. " * (LIMIT_BYTES // 20))
    os.mkfifo(articles / "g-fifo.md")
    bad["g-fifo.md"] = 1
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(articles / "h-socket.md"))
    bad["h-socket.md"] = 1
    os.symlink("nowhere.md", articles / "i-dangling.md")
    os.symlink("j-loop.md", articles / "j-loop.md")
    os.symlink("/dev/zero", articles / "k-zero.md")
    bad.update({"i-dangling.md": 1, "j-loop.md": 1, "k-zero.md": 1})
    if os.geteuid() != 0:  # root reads any file whatever its mode
        put("l-locked.md", b"# L\n")
        (articles / "l-locked.md").chmod(0)
    shown_good = sorted(shown(f"articles/{name}") for name in good)
    return shown_good, {shown(f"articles/{name}"): line for name, line in bad.items()}


def shown(path: str) -> str:
    """A path as encyclint prints it (git's quoting for names that do not print safely)."""
    from linter.escape import display_path

    return display_path(path)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], dict[str, int]]:
    folder = tmp_path_factory.mktemp("corpus")
    good, bad = build_corpus(folder)
    return folder, good, bad


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli(*args, cwd=folder)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, result.stdout + result.stderr
    assert "could not be checked (INP001)" in result.stderr.splitlines()[-1]
    return result


_TEXT_LINE = re.compile(r"^(.*):(\d+):(\d+): ([A-Z]{3}\d{3}) ", re.M)


def found_in_text(text: str) -> list[tuple[str, int, int, str]]:
    return sorted((p, int(line), int(col), code) for p, line, col, code in _TEXT_LINE.findall(text))


def expected(good: list[str], bad: dict[str, int]) -> list[tuple[str, int, int, str]]:
    rows = [(path, line, column, code) for path in good for line, column, code in GOOD_FINDINGS]
    rows += [(path, line, 1, "INP001") for path, line in bad.items()]
    return sorted(rows)


def from_json(diagnostics: list[dict[str, object]]) -> list[tuple[str, int, int, str]]:
    return sorted((d["path"], d["line"], d["column"], d["code"]) for d in diagnostics)  # type: ignore[misc]


JOBS = ["1", "2"]


@pytest.mark.parametrize("jobs", JOBS)
@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_check_reports_everything_in_every_format(
    corpus: tuple[Path, list[str], dict[str, int]], output_format: str, jobs: str
) -> None:
    folder, good, bad = corpus
    result = run(folder, "check", "articles", "--no-cache", "--select", "CIT001", "--jobs", jobs,
                 "--format", output_format)  # fmt: skip
    want = expected(good, bad)
    if output_format == "text":
        assert found_in_text(result.stdout) == want
        assert all(line.isprintable() for line in result.stdout.splitlines())
    elif output_format == "json":
        report = json.loads(result.stdout)
        assert_valid_report(report)
        assert from_json(report["diagnostics"]) == want
        assert report["summary"]["errors"] == len(want)
    elif output_format == "sarif":
        log = json.loads(result.stdout)
        schema = json.loads((FIXTURES / "sarif-2.1.0.json").read_text("utf-8"))
        import jsonschema

        jsonschema.validators.validator_for(schema)(schema).validate(log)
        results = log["runs"][0]["results"]
        assert len(results) == len(want)
        assert sum(r["ruleId"] == "INP001" and r["level"] == "error" for r in results) == len(bad)
        rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
        assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    else:
        lines = result.stdout.splitlines()
        assert len(lines) == len(want) and all(line.startswith("::") for line in lines)
        assert sum(",title=INP001::" in line for line in lines) == len(bad)
    result.stdout.encode("utf-8")  # valid UTF-8 throughout: no lone surrogates


@pytest.mark.parametrize("jobs", JOBS)
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_audit_lists_every_article_and_every_bad_file(
    corpus: tuple[Path, list[str], dict[str, int]], output_format: str, jobs: str
) -> None:
    folder, good, bad = corpus
    result = run(
        folder, "audit", "articles", "--no-cache", "--jobs", jobs, "--format", output_format
    )
    if output_format == "json":
        report = json.loads(result.stdout)
        validator("audit").validate(report)
        assert sorted(a["path"] for a in report["articles"]) == good
        assert all(a["dangling"] == 2 for a in report["articles"])
        faults = [d for d in report["corpus_diagnostics"] if d["code"] == "INP001"]
        assert {d["path"]: d["line"] for d in faults} == bad
    else:
        assert {p: line for p, line, _, code in found_in_text(result.stdout)
                if code == "INP001"} == bad  # fmt: skip
        rows = [line.split()[0] for line in result.stdout.splitlines() if " 2 " in line]
        assert all(any(row == g.split()[0] for row in rows) for g in good)


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_claims_lists_every_claim_and_every_bad_file(
    corpus: tuple[Path, list[str], dict[str, int]], output_format: str
) -> None:
    folder, good, bad = corpus
    result = run(folder, "claims", "articles", "--no-cache", "--format", output_format)
    if output_format == "json":
        listing = json.loads(result.stdout)
        assert sorted({c["path"] for c in listing["claims"]}) == good
        assert len(listing["claims"]) == 2 * len(good)
        assert {d["path"]: d["line"] for d in listing["diagnostics"]} == bad
    else:
        assert {p: line for p, line, _, code in found_in_text(result.stdout)
                if code == "INP001"} == bad  # fmt: skip
        assert result.stdout.splitlines()[-1] == f"{2 * len(good)} claims in {len(good)} files."


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_links_reports_every_bad_file(
    corpus: tuple[Path, list[str], dict[str, int]], output_format: str
) -> None:
    folder, _good, bad = corpus
    result = run(folder, "links", "articles", "--no-cache", "--format", output_format)
    if output_format == "json":
        report = json.loads(result.stdout)
        assert_valid_report(report)
        assert {d["path"]: d["line"] for d in report["diagnostics"]} == bad
    else:
        assert {p: line for p, line, _, _ in found_in_text(result.stdout)} == bad


def test_write_baseline_records_the_good_files_and_names_the_bad(
    corpus: tuple[Path, list[str], dict[str, int]], tmp_path: Path
) -> None:
    folder, good, bad = corpus
    target = tmp_path / "baseline.json"
    result = run(folder, "check", "articles", "--no-cache", "--select", "CIT001", "--write-baseline",
                 str(target))  # fmt: skip
    recorded = json.loads(target.read_text("utf-8"))["findings"]
    assert sorted({e["path"] for e in recorded}) == good
    assert sum(e["count"] for e in recorded) == 2 * len(good)
    assert {p: line for p, line, _, _ in found_in_text(result.stderr)} == bad
    again = run(folder, "check", "articles", "--no-cache", "--select", "CIT001", "--baseline", str(target),
                "--format", "json")  # fmt: skip
    assert {d["path"] for d in json.loads(again.stdout)["diagnostics"]} == set(bad)


INPUT_FIXTURES = sorted((FIXTURES / "inputs").glob("*.md"))


@pytest.mark.parametrize("path", INPUT_FIXTURES, ids=[p.name for p in INPUT_FIXTURES])
def test_input_fixture(path: Path, tmp_path: Path) -> None:
    """Each fixture is a file that cannot be checked, with the INP001 expected inside it."""
    text = path.read_bytes().decode("utf-8", "replace")
    block = re.search(r"<!-- expect\n(.*?)-->", text, re.S)
    assert block is not None
    want = sorted((code, *map(int, at.split(":"))) for code, at in
                  (line.split() for line in block.group(1).splitlines() if line.strip()))  # fmt: skip
    (tmp_path / path.name).write_bytes(path.read_bytes())
    result = run_cli("check", path.name, "--no-cache", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    report = json.loads(result.stdout)
    assert_valid_report(report)
    assert sorted((d["code"], d["line"], d["column"]) for d in report["diagnostics"]) == want


@pytest.mark.timeout(20)
def test_a_two_gib_fact_table_is_refused_before_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(GOOD.format(name="A"), "utf-8")
    with open(tmp_path / "huge.yaml", "wb") as table:
        table.truncate(2 * 1024**3)  # sparse: 2 GiB that takes no disk and no time to make
    os.mkfifo(tmp_path / "pipe.yaml")
    for name in ("huge.yaml", "pipe.yaml"):
        result = run_cli("check", "a.md", "--facts", name, "--no-cache", cwd=tmp_path)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        message = result.stderr.strip()
        if name == "huge.yaml":
            assert message.endswith("huge.yaml: fact table is 2048.0 MiB, over the 16.0 MiB "
                                    "limit: split it into several tables")  # fmt: skip
        else:
            assert message.endswith(
                "pipe.yaml: cannot read: a named pipe (FIFO), not a regular file"
            )
        assert len(message.splitlines()) == 1


def test_control_characters_in_names_never_reach_a_terminal_or_ci_log(tmp_path: Path) -> None:
    name = CONTROL_NAME
    (tmp_path / name).write_text(GOOD.format(name="Evil"), "utf-8")
    runs = [
        run_cli("check", name, "--no-cache", cwd=tmp_path),
        run_cli("audit", name, "--no-cache", cwd=tmp_path),
        run_cli("claims", name, "--no-cache", cwd=tmp_path),
        run_cli("check", name, "--no-cache", "--baseline", name + ".json", cwd=tmp_path),
    ]
    for result in runs:
        assert "Traceback" not in result.stderr
        for line in (result.stdout + result.stderr).splitlines():
            assert not line.startswith("::") and "\x1b" not in line, line
    assert '"evil\\n::error file=x::pwned\\033[2J.md":3:21: CIT001' in runs[0].stdout
    assert runs[3].returncode == 2 and '"evil\\n::error' in runs[3].stderr
