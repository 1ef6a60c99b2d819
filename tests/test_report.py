"""The HTML report folder, loaded and clicked in a real headless Chromium (Playwright
driving Debian's /usr/bin/chromium: no browser download, no network)."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, SEED, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
FACTS = str(ROOT / "facts")
FILLER = "\n".join(f"Paragraph {n} says nothing that can be checked." for n in range(120))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (see .ci/run)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    opened.route(re.compile(r"^https?://"), lambda route: route.abort())  # no network, ever
    yield opened
    context.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(ROOT / "articles" / "sino-soviet-split.md", folder / "project.md")
    shutil.copy(SEED, folder / "seed.md")
    (folder / "small.md").write_text(
        f"# Small\n\n{FILLER}\n\nStalin died in 1954. Mao arrived in 1949.[9]\n\n"
        "| year | event |\n|---|---|\n| 1950 | *treaty* signed |\n", "utf-8")  # fmt: skip
    return folder


def audit(cwd: Path, *args: str) -> dict[str, Any]:
    made = run_cli("audit", "corpus", "--facts", FACTS, "--format", "json", *args, cwd=cwd)
    assert made.returncode == 0, made.stderr
    loaded: dict[str, Any] = json.loads(made.stdout)
    return loaded


def page_of(report: Path, name: str) -> Path:
    (found,) = (report / "pages").glob(f"{name}-*.html")
    return found


def test_index_totals_sorting_and_filter(corpus: Path, tmp_path: Path, page: Any) -> None:
    report = tmp_path / "report"
    expected = audit(tmp_path, "--html", str(report))
    for file in report.rglob("*"):
        if file.suffix in (".html", ".css", ".js"):
            text = file.read_text("utf-8")
            assets = r"""src=["']?(https?:)?//|<link[^>]+href=["']?(https?:)?//|@import|url\("""
            assert not re.search(assets, text), file  # links to sources are fine: no asset loads
    page.goto(report.joinpath("index.html").as_uri())
    page.wait_for_selector("body[data-ready='1']")
    shown = {e.get_attribute("data-total"): e.get_attribute("data-value")
             for e in page.query_selector_all("[data-total][data-value]")}  # fmt: skip
    totals = expected["totals"]
    assert {k: int(v) for k, v in shown.items()} == {k: totals[k] for k in shown}
    assert set(shown) >= {"articles", "claims", "verified", "contradicted", "dangling", "findings"}
    rows = page.query_selector_all("#articles tbody tr")
    assert [r.get_attribute("data-path") for r in rows] == [a["path"] for a in expected["articles"]]
    for article in expected["articles"]:  # every cell as the JSON audit says
        cells = page.query_selector_all(f"#articles tr[data-path='{article['path']}'] td")
        values = {c.get_attribute("data-field"): c.inner_text() for c in cells}
        for field in ("claims", "contradicted", "verified", "dangling", "unused_definitions"):
            assert int(values[field].replace(",", "")) == article[field], (article["path"], field)

    def order() -> list[str]:
        return [r.get_attribute("data-path") for r in page.query_selector_all("#articles tbody tr")]

    page.click("#articles th:nth-child(2) button")  # claims, most first
    by_claims = sorted(expected["articles"], key=lambda a: -a["claims"])
    assert order() == [a["path"] for a in by_claims]
    assert page.get_attribute("#articles th:nth-child(2)", "aria-sort") == "descending"
    page.click("#articles th:nth-child(2) button")
    assert order() == [a["path"] for a in reversed(by_claims)]
    page.fill("#filter", "smal")
    assert order() == ["corpus/small.md"]
    page.fill("#filter", "")
    page.select_option("#has", "dangling")
    assert set(order()) == {a["path"] for a in expected["articles"] if a["dangling"]}


def test_index_pages_ten_thousand_rows(tmp_path: Path, page: Any) -> None:
    """The table shows one page of rows; sorting and filtering 10,000 work on the data."""
    from linter.report.index import COLUMNS
    from linter.report.island import island
    from linter.report.assets import INDEX_JS

    rows = [[f"a/{n:05}.md", n % 97, n % 5, 0, 0, 0, 0, 0, None, 0, "#"] for n in range(10_000)]
    data = {"columns": [{"key": k, "label": t, "kind": kind} for k, t, kind in COLUMNS],
            "rows": rows, "newColumn": 13, "fixedColumn": 14}  # fmt: skip
    heads = "".join(f"<th><button>{t}</button></th>" for _, t, _ in COLUMNS)
    (tmp_path / "index.js").write_text(INDEX_JS, "utf-8")
    (tmp_path / "index.html").write_text(
        f'<meta charset="utf-8"><input id="filter"><select id="has"><option value=""></option><option value="contradictions">'
        f'</option></select><button id="prev"></button><span id="page"></span><button id="next">'
        f'</button><span id="count"></span><table id="articles"><thead><tr>{heads}</tr></thead>'
        f'<tbody></tbody></table>{island("articles-data", data)}<script src="index.js"></script>', "utf-8")  # fmt: skip
    page.goto((tmp_path / "index.html").as_uri())
    page.wait_for_selector("body[data-ready='1']")
    assert len(page.query_selector_all("#articles tbody tr")) == 50
    assert page.inner_text("#count") == "1–50 of 10,000 articles"
    page.click("#articles th:nth-child(2) button")
    assert page.inner_text("#articles tbody tr td[data-field=claims]") == "96"
    page.select_option("#has", "contradictions")
    assert page.get_attribute("body", "data-rows") == "8000"
    page.click("#next")
    assert page.inner_text("#count") == "51–100 of 8,000 articles"


def test_article_page_renders_marks_jumps_and_tooltips(corpus: Path, tmp_path: Path, page: Any) -> None:
    report = tmp_path / "report"
    audit(tmp_path, "--html", str(report))
    small = page_of(report, "corpus-small")
    html = small.read_text("utf-8")
    assert "<table>" in html and "<em>treaty</em>" in html, "the article is rendered, not raw"
    statements = re.findall(r'"statement":"([^"]*)"', html)
    assert len(statements) == len(set(statements)), "a fact's statement is written once a page"
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto(small.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    entry = page.locator("aside.findings li", has=page.locator("code", has_text="CIT001"))
    target_id = entry.locator("a.goto").get_attribute("href")[1:]
    target = page.locator(f"#{target_id}")
    assert target.inner_text() == "[9]" and "finding" in (target.get_attribute("class") or "")

    def visible() -> bool:
        box = target.bounding_box()
        return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 600

    assert not visible(), "the filler keeps the marker below the fold at first"
    entry.locator("a.goto").click()
    assert visible(), "the finding link scrolls its highlight into view"
    assert "current" in (target.get_attribute("class") or "")

    page.goto(small.as_uri())  # afresh: j goes to the first finding, k back from the second
    page.wait_for_selector("body[data-ready='1']")
    page.keyboard.press("j")
    first = page.locator("mark.current")
    assert first.count() == 1 and first.get_attribute("id") == page.locator("a.goto").first.get_attribute("href")[1:]
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.locator("mark.current").get_attribute("id") == first.get_attribute("id")

    contradicted = page.locator("mark.claim.s-contradicted").first
    assert contradicted.inner_text().startswith("1954")
    contradicted.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "contradicted by fact stalin-death = 1953-03-05" in tip.inner_text()
    page.locator("header.top h1").hover()
    assert not tip.is_visible()
    page.click("text=← All articles")
    assert page.url.endswith("/report/index.html")


def test_compare_shows_new_and_fixed_findings(corpus: Path, tmp_path: Path, page: Any) -> None:
    before = tmp_path / "before.json"
    before.write_text(json.dumps(audit(tmp_path)), "utf-8")
    small = corpus / "small.md"
    fixed_text = small.read_text("utf-8").replace("[9]", "[^w]") + "\n[^w]: Westad, 1998.\n"
    small.write_text(fixed_text, "utf-8")  # the dangling marker now has its definition
    (corpus / "planted.md").write_text("# Planted\n\nStalin died in 1960.[^a]\n\n[^a]: Westad.\n", "utf-8")
    report = tmp_path / "report"
    audit(tmp_path, "--html", str(report), "--compare", str(before))
    page.goto(report.joinpath("index.html").as_uri())
    page.wait_for_selector("body[data-ready='1']")
    new = [(e.get_attribute("data-path"), e.get_attribute("data-code")) for e in page.query_selector_all("li.new")]
    fixed = [(e.get_attribute("data-path"), e.get_attribute("data-code")) for e in page.query_selector_all("li.fixed")]
    assert ("corpus/planted.md", "FCT001") in new
    assert ("corpus/small.md", "CIT001") in fixed
    assert not any(path == "corpus/project.md" for path, _ in new + fixed), "unchanged: neither new nor fixed"
    assert page.inner_text("[data-total=dangling] ~ .delta") == "−1"
    page.select_option("#has", "new")
    assert [r.get_attribute("data-path") for r in page.query_selector_all("#articles tbody tr")] == ["corpus/planted.md"]
    planted = page_of(report, "corpus-planted").read_text("utf-8")
    assert 'data-history="new"' in planted and "<span class=badge>new</span>" in planted


def test_report_folder_is_rewritten_without_stale_pages(corpus: Path, tmp_path: Path) -> None:
    report = tmp_path / "report"
    audit(tmp_path, "--html", str(report))
    seed_page = page_of(report, "corpus-seed")
    (corpus / "seed.md").unlink()
    audit(tmp_path, "--html", str(report))
    assert not seed_page.exists(), "the removed article's page is gone"
    assert sorted(p.name.split("-")[1] for p in (report / "pages").iterdir()) == ["project", "small"]
    assert not list(report.rglob(".encyclint-*[!t]")), "no temporary file is left"
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", "utf-8")
    refused = run_cli("audit", "corpus", "--facts", FACTS, "--html", str(other), cwd=tmp_path)
    assert refused.returncode == 2 and "not an encyclint report folder" in refused.stderr
    assert (other / "notes.txt").read_text("utf-8") == "keep me"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    wrong = run_cli("audit", "corpus", "--html", str(report), "--compare", str(bad), cwd=tmp_path)
    assert wrong.returncode == 2 and "bad.json:1" in wrong.stderr and "Traceback" not in wrong.stderr


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_at_desktop_and_phone_width(corpus: Path, tmp_path: Path, page: Any, width: int) -> None:
    report = tmp_path / "report"
    audit(tmp_path, "--html", str(report))
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in (("index", report / "index.html"), ("article", page_of(report, "corpus-small"))):
        page.goto(url.as_uri())
        page.wait_for_selector("body[data-ready='1']")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width} px"
        shot = page.screenshot(full_page=False)
        keep = os.environ.get("ENCYCLINT_SCREENSHOTS")
        if keep:
            Path(keep, f"report-{name}-{width}.png").write_bytes(shot)
