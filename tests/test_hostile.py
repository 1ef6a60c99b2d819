"""Hostile inputs: each gets a correct result or one clear error (exit 2), in bounded time.

The time bound is pytest-timeout's: a hang fails the test instead of the CI run. See the
README's "Limits" for the measured times and memory.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from linter.output import write_atomic
from tests.helpers import ROOT, assert_valid_report, run_cli


def check(folder: Path, name: str, data: bytes, *extra: str) -> subprocess.CompletedProcess[str]:
    (folder / name).write_bytes(data)
    result = run_cli("check", name, "--no-cache", "--format", "json", *extra, cwd=folder)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def report_of(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert result.returncode in (0, 1), result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    assert_valid_report(report)
    return report


@pytest.mark.timeout(300)
def test_twenty_megabyte_article(tmp_path: Path) -> None:
    body = (ROOT / "articles" / "sino-soviet-split.md").read_text("utf-8").split("## References")[0]
    data = (body * (20_000_000 // len(body) + 1))[:20_000_000].encode("utf-8")
    (tmp_path / "encyclint.toml").write_text("max-article-mib = 20\n", "utf-8")  # over 16 MiB
    report = report_of(check(tmp_path, "big.md", data, "--facts", str(ROOT / "facts")))
    assert report["summary"]["claims"] > 100_000  # type: ignore[index]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("opener", ["> ", "- ", "1. ", ">"])
def test_ten_thousand_nesting_levels_are_refused_clearly(tmp_path: Path, opener: str) -> None:
    data = ("# Deep\n\n" + opener * 10_000 + "Stalin died in 1953.[1]\n").encode()
    result = check(tmp_path, "deep.md", data)
    assert result.returncode == 2
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"], diagnostic["message"]) == (
        "INP001", 3, "blockquotes or lists nested too deeply (Markdown parsing stops at 20 "
        "levels, a list counting two), so the file cannot be checked"
    )


def test_nesting_within_the_limit_is_checked(tmp_path: Path) -> None:
    data = ("> " * 19 + "Stalin died in 1953.[1]\n\n" + "- " * 9 + "item [2]\n").encode()
    data += "".join("  " * level + "- item\n" for level in range(9)).encode() + b"\nLast [3].\n"
    report = report_of(check(tmp_path, "deep.md", data, "--select", "CIT001"))
    assert len(report["diagnostics"]) == 3  # type: ignore[arg-type]


@pytest.mark.timeout(180)
@pytest.mark.parametrize("unit", ["1", "[", "[^", "1,", "[1](", "`"])
def test_megabyte_lines(tmp_path: Path, unit: str) -> None:
    data = (unit * (1_000_000 // len(unit))).encode()
    report_of(check(tmp_path, "line.md", data))


@pytest.mark.timeout(120)
def test_hundred_thousand_markers_on_one_line(tmp_path: Path) -> None:
    data = ("Stalin died in 1953." + "[9]" * 100_000 + "\n").encode()
    report = report_of(check(tmp_path, "markers.md", data, "--select", "CIT001"))
    found = [(d["line"], d["column"]) for d in report["diagnostics"]]  # type: ignore[attr-defined]
    assert len(found) == 100_000
    assert found[0] == (1, 21) and found[-1] == (1, 21 + 3 * 99_999)


def test_nul_bytes_and_lone_carriage_returns(tmp_path: Path) -> None:
    data = b"# T\r\rStalin\x00 died in 1953.[1]\rMao arrived in 1949.[2]\r"
    report = report_of(check(tmp_path, "odd.md", data, "--select", "CIT001"))
    found = [(d["line"], d["column"]) for d in report["diagnostics"]]  # type: ignore[attr-defined]
    assert found == [(3, 22), (4, 21)]


def test_symlink_loops(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("# A\n\nStalin died in 1953.[^a]\n\n[^a]: Source.\n", "utf-8")
    os.symlink(".", folder / "loop")  # a folder that contains itself: not followed
    result = run_cli("check", "articles", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    os.symlink("b.md", folder / "c.md")
    os.symlink("c.md", folder / "b.md")  # a file link that loops
    looped = run_cli("check", "articles", "--no-cache", cwd=tmp_path)
    assert looped.returncode == 2 and "Traceback" not in looped.stderr
    assert "articles/b.md:1:1: INP001 cannot read: Too many levels of symbolic links" in looped.stdout
    assert "articles/a.md" not in looped.stdout  # checked, and clean


def test_unreadable_and_dangling(tmp_path: Path) -> None:
    os.symlink("nowhere.md", tmp_path / "dangling.md")
    dangling = run_cli("check", "dangling.md", "--no-cache", cwd=tmp_path)
    assert dangling.returncode == 2
    assert "dangling.md:1:1: INP001 no such file (a dangling link)" in dangling.stdout
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "socket.md"))  # a file no one can open for reading, even root
    try:
        unopenable = run_cli("check", "socket.md", "--no-cache", cwd=tmp_path)
    finally:
        sock.close()
    assert unopenable.returncode == 2
    assert "socket.md:1:1: INP001 cannot read: a socket, not a regular file" in unopenable.stdout
    if os.geteuid() == 0:
        return  # root reads any file whatever its mode; the rest needs an ordinary user
    locked = tmp_path / "locked.md"
    locked.write_text("# L\n", "utf-8")
    locked.chmod(0)
    result = run_cli("check", "locked.md", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2
    assert "locked.md:1:1: INP001 cannot read: Permission denied" in result.stdout


@pytest.mark.timeout(120)
def test_a_million_facts_is_one_clear_error(tmp_path: Path) -> None:
    lines = ["sources: {s: {citation: x}}", "facts:"]
    lines += [f"  - {{id: f{n}, keywords: [k{n}], date: 1950, sources: [s]}}" for n in range(1_000_000)]
    (tmp_path / "huge.yaml").write_text("\n".join(lines), "utf-8")
    (tmp_path / "a.md").write_text("# A\n", "utf-8")
    result = run_cli("check", "a.md", "--facts", "huge.yaml", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2
    assert "huge.yaml: fact table is" in result.stderr and "split it" in result.stderr


def test_nothing_is_half_written(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("the old report", "utf-8")

    def pieces():  # type: ignore[no-untyped-def]
        yield "{ a new report that fails half-way"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(target), pieces())
    assert target.read_text("utf-8") == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_report_gets_the_usual_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    old_mask = os.umask(0o022)
    try:
        write_atomic(str(target), "{}")
    finally:
        os.umask(old_mask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    """``-o /dev/null`` must not rename a file over the device; a named pipe stands in."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE, text=True)
    write_atomic(str(pipe), ["one ", "two"])
    assert reader.communicate(timeout=30)[0] == "one two"
    assert stat.S_ISFIFO(pipe.stat().st_mode)


@pytest.mark.timeout(300)
def test_concurrent_processes_share_the_cache_safely(tmp_path: Path) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    body = (ROOT / "articles" / "sino-soviet-split.md").read_text("utf-8")
    for number in range(24):
        (corpus / f"a{number:02}.md").write_text(body.replace("1953", str(1940 + number)), "utf-8")
    (tmp_path / "encyclint.toml").write_text('facts = ["facts"]\n', "utf-8")
    (tmp_path / "facts").symlink_to(ROOT / "facts")
    expected = run_cli("check", "articles", "--format", "json", "--no-cache", cwd=tmp_path).stdout
    env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path / "user-cache"),
           "PYTHONPATH": str(ROOT)}  # this checkout's code, as run_cli runs it
    command = [sys.executable, "-m", "linter", "check", "articles", "--format", "json", "--jobs", "1"]
    for _ in range(2):  # cold, all racing to fill the cache; then warm, all reading it
        runs = [subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, text=True)
                for _ in range(4)]  # fmt: skip
        outputs = [process.communicate(timeout=240)[0] for process in runs]
        assert all(output == expected for output in outputs)
    leftovers = [p for p in (tmp_path / ".encyclint_cache").rglob(".tmp-*")]
    assert leftovers == []
