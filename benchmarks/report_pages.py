"""The HTML report at corpus size: index size, and load times in headless Chromium.

Run after an ``audit --html DIR``; prints the size of index.html plus its assets, the
index's load time (to the page script's ready mark) and an article page's (the median
over a sample of pages), each the best of a few loads in a fresh browser context.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from pathlib import Path

FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
ASSETS = ("index.html", "report.css", "index.js")


def index_size(folder: Path) -> int:
    return sum((folder / name).stat().st_size for name in ASSETS)


def load_times(folder: Path, pages: int = 20, times: int = 3) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    sample = sorted((folder / "pages").glob("*.html"))
    sample = sample[:: max(len(sample) // pages, 1)][:pages]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)

        def best(path: Path) -> float:
            timings = []
            for _ in range(times):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                start = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-ready='1']")
                timings.append(time.perf_counter() - start)
                context.close()
            return min(timings)

        index = best(folder / "index.html")
        article = statistics.median(best(p) for p in sample)
        browser.close()
    return {"index load": index, "article page load (median)": article}


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    print(f"index.html + assets: {index_size(folder) / 1e6:.2f} MB")
    for name, seconds in load_times(folder).items():
        print(f"{name:<36}{seconds:>9.3f} s")
