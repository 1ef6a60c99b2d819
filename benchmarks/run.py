#!/usr/bin/env python3
"""encyclint's benchmark: run on demand (never in the unit tests), all targets side by side.

    python benchmarks/run.py                 # 1,000 articles, and 10,000 for the memory target
    python benchmarks/run.py --quick         # 200 articles, no 10,000-article run

Generates the corpus with benchmarks/make_corpus.py, then measures wall time, MB/s,
articles/s and peak memory, and prints each target of issue 7 with its ratio. Ratios,
not absolute times, are what the targets fix: this machine is shared and noisy.
Results go to benchmarks/out/ (ignored by git).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's linter, not whichever one is installed
import corpus_rules  # noqa: E402  (beside this file)
OUT = ROOT / "benchmarks" / "out"
ARTICLE = ROOT / "articles" / "sino-soviet-split.md"
FACTS = ROOT / "facts"
PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def corpus(count: int) -> Path:
    folder = OUT / f"corpus-{count}"
    if not (folder.exists() and len(list(folder.glob("*.md"))) == count):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(folder),
                        "--n", str(count)], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return folder


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.md"))


def run(*args: str, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident kilobytes of one encyclint run in a fresh process."""
    command = [sys.executable, "-c", PEAK, sys.executable, "-m", "linter", *args]
    environment = {**os.environ, **(env or {})}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled modules are cached, as installed
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=environment,
                          check=True)  # fmt: skip
    return time.perf_counter() - start, int(done.stdout.strip().splitlines()[-1])


def best(times: int, *args: str) -> float:
    return min(run(*args)[0] for _ in range(times))


def hook_install(folder: Path) -> str:
    """A plain (not editable) install in a fresh virtualenv, as pre-commit makes for the hook."""
    venv = folder / "hook-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", str(ROOT)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return python


def single_article(python: str, folder: Path, times: int = 11) -> float:
    """One article as pre-commit checks it: the hook's own console script, run outside the
    source tree, on an article just edited (so its result is not cached) with the fact
    tables' cache warm. The best of several runs."""
    script = str(Path(python).parent / "encyclint")
    work = folder / "single"
    work.mkdir(exist_ok=True)
    article = work / "article.md"
    text = ARTICLE.read_text("utf-8")
    command = [script, "check", str(article), "--facts", str(FACTS)]
    timings = []
    for edit in range(times + 1):
        article.write_text(f"{text}\nEdited {edit} times.\n", "utf-8")
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=work, check=False)
        timings.append(time.perf_counter() - start)
    return min(timings[1:])  # the first run fills the fact tables' cache


def start_up_floor(python: str, times: int = 11) -> float:
    """What any Python tool built on click and markdown-it-py pays before its own code runs."""
    command = [python, "-c", "import click, markdown_it, mdit_py_plugins.footnote, "
               "mdit_py_plugins.front_matter"]  # fmt: skip
    timings = []
    for _ in range(times):
        start = time.perf_counter()
        subprocess.run(command, check=True)
        timings.append(time.perf_counter() - start)
    return min(timings)


def in_process(folder: Path) -> dict[str, float]:
    """Bare markdown-it parsing (the floor), our parse, and parse + claims, in this process."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    from linter import claims, parse, source

    texts = [(str(p), p.read_text("utf-8")) for p in sorted(folder.glob("*.md"))]
    bare = MarkdownIt("commonmark").use(footnote_plugin)
    timings = {}
    start = time.perf_counter()
    for _, text in texts:
        bare.parse(text)
    timings["bare markdown-it-py + footnotes"] = time.perf_counter() - start
    start = time.perf_counter()
    documents = [parse.parse(source.from_text(text, path)) for path, text in texts]
    timings["encyclint parse"] = time.perf_counter() - start
    start = time.perf_counter()
    for document in documents:
        claims.extract(document)
    timings["claims extraction alone"] = time.perf_counter() - start
    return timings


def fact_table(count: int, folder: Path) -> Path:
    """A valid table of ``count`` generated facts (plus the project's real ones)."""
    rng = random.Random(count)
    words = [f"term{i}" for i in range(max(count // 3, 50))]
    lines = ["sources:", "  gen:", '    citation: "Generated for the benchmark."', "facts:"]
    for number in range(count):
        first, second = rng.sample(words, 2)
        lines += [f"  - id: gen-{number}", f"    keywords: [{first}, {second}]",
                  f"    date: {rng.randint(1900, 2000)}", "    sources: [gen]"]  # fmt: skip
    path = folder / f"facts-{count}" / "generated.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    shutil.copy(FACTS / "sino-soviet-split.yaml", path.parent / "project.yaml")
    return path.parent


def knowledge_scaling(folder: Path) -> dict[str, dict[str, float]]:
    from linter import source
    from linter.cache import Cache
    from linter.config import Config
    from linter.engine import Settings, lint_source
    from linter.facts.knowledge import load

    article = source.read(str(ARTICLE))
    results = {}
    for count in (100, 10_000, 100_000):
        tables = fact_table(count, folder)
        store = Cache(str(folder / "cache"))
        start = time.perf_counter()
        knowledge = load([str(tables)], store)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        load([str(tables)], store)
        cached = time.perf_counter() - start
        settings = Settings(config=Config(), knowledge=knowledge)
        lint_source(article, settings)
        checks = []
        for _ in range(15):
            start = time.perf_counter()
            lint_source(article, settings)
            checks.append(time.perf_counter() - start)
        results[str(count)] = {"load": cold, "load cached": cached,
                               "check one article": statistics.median(checks)}  # fmt: skip
    return results


def markdownlint(folder: Path) -> dict[str, float] | None:
    """markdownlint-cli2's time on the same corpus, when it is installed (npm)."""
    binary = shutil.which("markdownlint-cli2") or os.environ.get("MARKDOWNLINT_CLI2")
    if not binary:
        return None
    config = folder.parent / ".markdownlint-cli2.jsonc"
    config.write_text('{"config": {"default": false, "MD042": true, "MD052": true, "MD053": true}}')
    timings = {}
    for name, target, times in (("reference checks, corpus", str(folder / "*.md"), 3),
                                ("one file", str(ARTICLE), 11)):  # fmt: skip
        runs = []
        for _ in range(times):
            start = time.perf_counter()
            subprocess.run([binary, "--config", str(config), target], capture_output=True, check=False)
            runs.append(time.perf_counter() - start)
        timings[name] = min(runs)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="200 articles, no 10,000-article run")
    options = parser.parse_args()
    count = 200 if options.quick else options.articles
    OUT.mkdir(parents=True, exist_ok=True)
    folder = corpus(count)
    megabytes = size_of(folder) / 1e6
    work = Path(tempfile.mkdtemp(dir=OUT))
    facts = ["--facts", str(FACTS)]
    report: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d %H:%M"), "machine": platform.platform(),
        "python": platform.python_version(), "cores": os.cpu_count(), "articles": count,
        "megabytes": round(megabytes, 2),
    }  # fmt: skip

    timings = in_process(folder)
    cache_env = {"XDG_CACHE_HOME": str(work / "user-cache")}
    (work / "encyclint.toml").write_text("")
    own_cache = ("--config", str(work / "encyclint.toml"))  # the cache goes to work/

    def fresh(jobs: int, output: str) -> tuple[float, int]:
        """A full check as after editing every article: fact tables cached, no result cached."""
        shutil.rmtree(work / ".encyclint_cache" / "results", ignore_errors=True)
        return run("check", str(folder), *facts, *own_cache, "--format", "json", "--fail-on",
                   "never", "--jobs", str(jobs), "-o", str(work / output), env=cache_env)  # fmt: skip

    fresh(1, "warm-up.json")  # fills the fact tables' cache
    one_runs = [fresh(1, "1.json") for _ in range(3)]
    two = min(fresh(2, "2.json")[0] for _ in range(3))
    one = min(t for t, _ in one_runs)
    # Memory in one mode for both sizes, without the cache (10,000 cached results: 100 MB).
    _, one_memory = run("check", str(folder), *facts, "--no-cache", "--jobs", "1", "--fail-on", "never")
    identical = (work / "1.json").read_bytes() == (work / "2.json").read_bytes()
    cold = one
    warm, _ = run("check", str(folder), *facts, *own_cache, "--format", "json", "--fail-on", "never",
                  "--jobs", "1", "-o", str(work / "warm.json"), env=cache_env)  # fmt: skip
    hook_python = hook_install(work)
    single = single_article(hook_python, work)
    floor_one = start_up_floor(hook_python)
    scaling = knowledge_scaling(work)
    lint = markdownlint(folder)
    corpus_rule_rows = corpus_rules.timings()

    rows = [(name, seconds) for name, seconds in timings.items()]
    rows += [("full check, 1 process", one), ("full check, --jobs 2", two),
             ("full check, result cache warm", warm), ("one article (pre-commit)", single),
             ("  of which start-up and imports", floor_one)]  # fmt: skip
    rows += corpus_rule_rows.items()
    print(f"\n{count} articles, {megabytes:.1f} MB, {report['machine']}, {report['cores']} cores\n")
    print(f"{'job':<36}{'seconds':>9}{'MB/s':>8}{'articles/s':>12}")
    for name, seconds in rows:
        rates = "" if name.startswith(("one article", " ", "COR")) else f"{megabytes / seconds:>8.2f}{count / seconds:>12.0f}"
        print(f"{name:<36}{seconds:>9.2f}{rates}")
    for facts_count, figures in scaling.items():
        cells = ", ".join(f"{k} {v:.3f} s" for k, v in figures.items())
        print(f"knowledge base of {int(facts_count):,} facts: {cells}")
    print(f"peak memory, full check, 1 process: {one_memory / 1024:.0f} MB")

    floor = timings["bare markdown-it-py + footnotes"]
    targets = [
        ("full check ≤ 2× bare parse", one / floor, 2.0),
        ("--jobs 2 speed-up ≥ 1.7×", one / two, 1.7),
        ("--jobs output identical", 1.0 if identical else 0.0, 1.0),
        ("100,000 facts ≤ 1.5× 100 facts (check)",
         scaling["100000"]["check one article"] / scaling["100"]["check one article"], 1.5),
        ("reload 100,000 facts < 1 s", scaling["100000"]["load cached"], 1.0),
        ("warm result cache ≤ 10% of cold", warm / cold, 0.10),
    ]  # fmt: skip
    if lint is not None:
        targets.append(("one article ≤ ⅓ markdownlint-cli2's", single / lint["one file"], 1 / 3))
        targets.append(("full check vs markdownlint refs (×faster)", lint["reference checks, corpus"] / one, 2.0))
    if not options.quick:
        big = corpus(10 * count)
        _, big_memory = run("check", str(big), *facts, "--no-cache", "--jobs", "1", "--fail-on", "never")
        targets.append(("memory 10× corpus ≤ 1.5× memory", big_memory / one_memory, 1.5))
        report["memory_kb"] = {str(count): one_memory, str(10 * count): big_memory}
    print("\ntarget                                         measured   limit  met")
    for name, measured, limit in targets:
        higher_is_better = "≥" in name or "faster" in name or "identical" in name
        met = measured >= limit if higher_is_better else measured <= limit
        print(f"{name:<45}{measured:>10.3f}{limit:>8.3f}  {'yes' if met else 'NO'}")
    report.update(timings=dict(rows), knowledge=scaling, markdownlint=lint,
                  targets={name: {"measured": m, "limit": limit} for name, m, limit in targets})
    (OUT / "results.json").write_text(json.dumps(report, indent=2) + "\n")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
