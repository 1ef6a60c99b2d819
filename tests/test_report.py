"""The HTML audit report, loaded in a real headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT, SEED, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (see .ci/run)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(ROOT / "articles" / "sino-soviet-split.md", folder / "project.md")
    shutil.copy(SEED, folder / "seed.md")
    (folder / "small.md").write_text("# Small\n\nStalin died in 1954. Mao arrived in 1949.[9]\n", "utf-8")
    return folder


@pytest.mark.timeout(300)
def test_report_shows_the_same_counts_as_the_json_audit(corpus: Path, tmp_path: Path) -> None:
    facts = str(ROOT / "facts")
    report = tmp_path / "report.html"
    made = run_cli("audit", "corpus", "--facts", facts, "--html", str(report), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    audit = json.loads(run_cli("audit", "corpus", "--facts", facts, "--format", "json", cwd=tmp_path).stdout)
    page = report.read_text("utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page), "the page must be self-contained"

    dom = browser(tmp_path, "--virtual-time-budget=5000", "--dump-dom", report.as_uri()).stdout
    assert 'data-ready="1"' in dom, "the page's script did not run"
    shown = dict(re.findall(r'data-shown="(\w+)">(\d+)<', dom))
    totals = audit["totals"]
    assert {k: int(v) for k, v in shown.items()} == {
        k: totals[k] for k in ("claims", "verified", "contradicted", "unverified", "uncited")
    }
    for article in audit["articles"]:
        row = re.search(rf'<tr data-path="{re.escape(article["path"])}">(.*?)</tr>', dom)
        assert row is not None
        cells = dict(re.findall(r'data-field="(\w+)">(\d+)<', row.group(1)))
        for field, value in cells.items():
            assert int(value) == article[field], (article["path"], field)
    assert "contradicted by fact <b>soviet-declaration-of-war-japan</b>" in dom

    screenshot = tmp_path / "report.png"
    browser(tmp_path, "--window-size=1280,1600", f"--screenshot={screenshot}", report.as_uri())
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000
    keep = os.environ.get("ENCYCLINT_SCREENSHOTS")
    if keep:
        shutil.copy(screenshot, Path(keep) / "audit-report.png")
