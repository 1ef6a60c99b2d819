#!/usr/bin/env python3
"""encyclint's benchmark: run on demand (never in the unit tests), all targets side by side.

    python benchmarks/run.py                 # 1,000 articles, and 10,000 for the memory target
    python benchmarks/run.py --quick         # 200 articles, no 10,000-article run

Generates the corpus with benchmarks/make_corpus.py, then measures wall time, MB/s,
articles/s and peak memory, and prints each target with its measured figure and whether
it is met. Ratios, not absolute times, are what the targets fix: this machine is shared
and noisy. ``--tables`` measures only the fact-table rows.
Results go to benchmarks/out/ (ignored by git).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's linter, not whichever one is installed
import corpus_rules  # noqa: E402  (beside this file)
import report_pages  # noqa: E402

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


PURE = {"ENCYCLINT_PURE_PYTHON": "1"}
"""The environment that turns every optional accelerator off: what most hook users get."""


def run(*args: str, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident kilobytes of one encyclint run in a fresh process."""
    command = [sys.executable, "-c", PEAK, sys.executable, "-m", "linter", *args]
    environment = {**os.environ, **(env or {})}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled modules are cached, as installed
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=environment,
                          check=True)  # fmt: skip
    return time.perf_counter() - start, int(done.stdout.strip().splitlines()[-1])


def printed(*args: str, env: dict[str, str] | None = None) -> bytes:
    """What one encyclint run prints, with no cache, for comparing outputs byte for byte."""
    return subprocess.run([sys.executable, "-m", "linter", *args, "--no-cache"], capture_output=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, check=False).stdout  # fmt: skip


def accelerators_in_use(python: str = sys.executable) -> list[str]:
    """The optional accelerators an interpreter's encyclint uses (none where none is installed)."""
    code = "from linter import accelerators; print(','.join(accelerators.in_use()))"
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True,
                          cwd=ROOT if python == sys.executable else tempfile.gettempdir())  # fmt: skip
    return [name for name in done.stdout.strip().split(",") if name]


def best(times: int, *args: str) -> float:
    return min(run(*args)[0] for _ in range(times))


def hook_install(folder: Path) -> str:
    """A plain (not editable) install in a fresh virtualenv, as pre-commit makes for the hook."""
    venv = folder / "hook-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    extras = "[fast]" if "fast" in (ROOT / "pyproject.toml").read_text("utf-8") else ""
    subprocess.run([python, "-m", "pip", "install", "-q", f"{ROOT}{extras}"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return python


def single_article(python: str, folder: Path, times: int = 11, env: dict[str, str] | None = None) -> float:
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
        subprocess.run(command, capture_output=True, cwd=work, check=False, env={**os.environ, **(env or {})})
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


def corpus_words() -> list[str]:
    """Ordinary words of the benchmark article's prose ("treaty", "signed", "troops"): the
    kind of keyword a real table is full of, and every sentence holds some."""
    prose = re.sub(r"\(https?://[^)]*\)|https?://\S+", " ", ARTICLE.read_text("utf-8"))
    return sorted({w for w in re.findall(r"[A-Za-z]+", prose) if w.islower() and len(w) >= 5})


def distinctive_words(count: int, rng: random.Random, avoid: set[str]) -> list[str]:
    """Made-up names ("Varnholt", "Kesimor"), as a table has names and places: each stands
    in a few facts and, like most names of a large table, in none of the corpus's articles."""
    names: set[str] = set()
    while len(names) < count:
        syllables = rng.randint(2, 3)
        name = "".join(rng.choice("bdgklmnprstvz") + rng.choice("aeiou") + rng.choice("lnrs")
                       for _ in range(syllables)).capitalize()  # fmt: skip
        if name.lower() not in avoid:
            names.add(name)
    return sorted(names)


def fact_table(count: int, folder: Path, style: str) -> Path:
    """A valid table of ``count`` generated facts (plus the project's real ones), in one of
    three styles: ``realistic`` pairs a word common in the corpus with a distinctive name,
    in either order; ``worst`` pairs two common words; ``termN`` is the old generator, whose
    keywords never occur in prose."""
    rng = random.Random(count)
    common = corpus_words()
    names = distinctive_words(max(count // 3, 50), rng, set(common))
    terms = [f"term{i}" for i in range(max(count // 3, 50))]
    lines = ["sources:", "  gen:", '    citation: "Generated for the benchmark."', "facts:"]
    for number in range(count):
        if style == "realistic":
            pair = [rng.choice(common), rng.choice(names)]
            rng.shuffle(pair)
        else:
            pair = rng.sample(common if style == "worst" else terms, 2)
        lines += [f"  - id: gen-{number}", f"    keywords: [{pair[0]}, {pair[1]}]",
                  f"    date: {rng.randint(1900, 2000)}", "    sources: [gen]"]  # fmt: skip
    path = folder / f"facts-{style}-{count}" / "generated.yaml"
    if path.exists():
        return path.parent
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    shutil.copy(FACTS / "sino-soviet-split.yaml", path.parent / "project.yaml")
    return path.parent


TABLE_STYLES = ("realistic", "worst", "termN")
TABLE_SIZES = (100, 10_000, 100_000)


def knowledge_scaling(folder: Path, sizes: tuple[int, ...] = TABLE_SIZES) -> dict[str, dict[str, float]]:
    """Per table style and size: cold load, cached load (best of 3) and one article's check
    against the cached tables (best of 15), in this process. Cached loads and checks are CPU
    seconds: on a machine shared by many processes, wall time measures the neighbours."""
    import gc

    gc.set_threshold(10_000, 10, 10)  # as the command line sets it
    from linter import source
    from linter.cache import Cache
    from linter.config import Config
    from linter.engine import Settings, lint_source
    from linter.facts.knowledge import load

    article = source.read(str(ARTICLE))
    results = {}
    for style in TABLE_STYLES:
        for count in sizes:
            tables = fact_table(count, OUT / "tables", style)
            store = Cache(str(folder / "cache"))
            start = time.perf_counter()
            knowledge = load([str(tables)], store)
            cold = time.perf_counter() - start
            del knowledge
            cached = []
            for _ in range(3):
                start = time.process_time()
                knowledge = load([str(tables)], store)
                cached.append(time.process_time() - start)
            settings = Settings(config=Config(), knowledge=knowledge, keep_claims=False)
            lint_source(article, settings)
            checks = []
            for _ in range(15):
                start = time.process_time()
                lint_source(article, settings)
                checks.append(time.process_time() - start)
            results[f"{style} {count}"] = {"load": cold, "load cached": min(cached),
                                           "check one article": min(checks)}  # fmt: skip
            print(f"  {style} {count:,}: " + ", ".join(f"{k} {v:.3f} s" for k, v in results[f"{style} {count}"].items()),
                  file=sys.stderr)  # fmt: skip
    return results


def print_scaling(scaling: dict[str, dict[str, float]]) -> None:
    print(f"\n{'fact table':<26}{'load s':>9}{'cached CPU s':>14}{'check one article CPU s':>25}")
    for name, figures in scaling.items():
        style, count = name.split()
        print(f"{style + ' ' + format(int(count), ','):<26}{figures['load']:>9.2f}"
              f"{figures['load cached']:>14.3f}{figures['check one article']:>25.4f}")  # fmt: skip


def scaling_targets(scaling: dict[str, dict[str, float]]) -> list[Target]:
    def ratio(style: str) -> float:
        big, small = scaling[f"{style} 100000"], scaling[f"{style} 100"]
        return big["check one article"] / small["check one article"]

    return [
        Target("100,000 realistic facts ≤ 1.5× 100 (check)", ratio("realistic"), 1.5),
        Target("  worst case: every keyword a corpus word", ratio("worst"), None),
        Target("  old generator (termN keywords)", ratio("termN"), None),
        Target("cached 100,000 realistic facts load < 0.5 s CPU", scaling["realistic 100000"]["load cached"], 0.5),
    ]


class Target(NamedTuple):
    """A target of the issues, its measured figure (None: not measured here) and its limit
    (None: reported only), which the figure must reach (``at_least``) or stay under."""

    name: str
    measured: float | None
    limit: float | None
    at_least: bool = False


def print_targets(targets: list[Target]) -> None:
    print(f"\n{'target':<52}{'measured':>10}{'limit':>8}  met")
    for name, measured, limit, at_least in targets:
        if measured is None:
            print(f"{name:<52}{'—':>10}{'':>8}  (no accelerator installed)")
            continue
        if limit is None:
            print(f"{name:<52}{measured:>10.3f}{'':>8}  (reported)")
            continue
        met = measured >= limit if at_least else measured <= limit
        print(f"{name:<52}{measured:>10.3f}{limit:>8.3f}  {'met' if met else 'NOT MET'}")


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
    parser.add_argument("--tables", action="store_true", help="only the fact-table scaling rows")
    options = parser.parse_args()
    if options.tables:
        OUT.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=OUT))
        scaling = knowledge_scaling(work)
        print_scaling(scaling)
        print_targets(scaling_targets(scaling))
        shutil.rmtree(work, ignore_errors=True)
        return
    count = 200 if options.quick else options.articles
    OUT.mkdir(parents=True, exist_ok=True)
    folder = corpus(count)
    megabytes = size_of(folder) / 1e6
    work = Path(tempfile.mkdtemp(dir=OUT))
    facts = ["--facts", str(FACTS)]
    accelerated = accelerators_in_use()
    report: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d %H:%M"), "machine": platform.platform(),
        "python": platform.python_version(), "cores": os.cpu_count(), "articles": count,
        "megabytes": round(megabytes, 2), "accelerators": accelerated,
    }  # fmt: skip

    timings = in_process(folder)
    cache_env = {"XDG_CACHE_HOME": str(work / "user-cache")}
    (work / "encyclint.toml").write_text("")
    own_cache = ("--config", str(work / "encyclint.toml"))  # the cache goes to work/

    def fresh(jobs: int | None, output: str, pure: bool = True) -> float:
        """A full check as after editing every article: fact tables cached, no result
        cached; ``jobs`` None is the default (one worker a core), ``pure`` no accelerator."""
        shutil.rmtree(work / ".encyclint_cache" / "results", ignore_errors=True)
        workers = ("--jobs", str(jobs)) if jobs is not None else ()
        return run("check", str(folder), *facts, *own_cache, "--format", "json", "--fail-on",
                   "never", *workers, "-o", str(work / output),
                   env={**cache_env, **(PURE if pure else {})})[0]  # fmt: skip

    fresh(1, "warm-up.json")  # fills the fact tables' cache
    one = min(fresh(1, "1.json") for _ in range(3))
    # the results of that run are cached now (a pure-Python run: the tables' cache, and with
    # it the results' keys, records which keyword finder the index carries)
    warm, _ = run("check", str(folder), *facts, *own_cache, "--format", "json", "--fail-on", "never",
                  "--jobs", "1", "-o", str(work / "warm.json"), env={**cache_env, **PURE})  # fmt: skip
    default_jobs = min(fresh(None, "default.json") for _ in range(3))
    two = min(fresh(2, "2.json") for _ in range(3))
    fast_one = min(fresh(1, "fast-1.json", pure=False) for _ in range(3)) if accelerated else None
    fast_default = min(fresh(None, "fast-default.json", pure=False) for _ in range(3)) if accelerated else None
    outputs = ["default.json", "2.json"] + (["fast-1.json", "fast-default.json"] if accelerated else [])
    identical = all((work / "1.json").read_bytes() == (work / name).read_bytes() for name in outputs)
    if accelerated:  # the claims listing and --explain, with and without the accelerators
        for args in (("claims", str(folder), *facts, "--format", "json"),
                     ("check", str(folder), *facts, "--explain", "--format", "concise", "--fail-on", "never")):  # fmt: skip
            identical = identical and printed(*args, env=PURE) == printed(*args)
    # Memory in one mode for both sizes, without the cache (10,000 cached results: 100 MB).
    _, one_memory = run("check", str(folder), *facts, "--no-cache", "--jobs", "1", "--fail-on", "never")
    suggest, suggest_memory = run("facts", "suggest", str(folder), *facts, "-o",
                                  str(work / "drafts.yaml"), env=PURE)  # fmt: skip
    hook_python = hook_install(work)
    hook_accelerated = accelerators_in_use(hook_python)
    single = single_article(hook_python, work, env=PURE)
    fast_single = single_article(hook_python, work) if hook_accelerated else None
    floor_one = start_up_floor(hook_python)
    scaling = knowledge_scaling(work)
    lint = markdownlint(folder)
    corpus_rule_rows = corpus_rules.timings()
    report_folder = work / "report"
    audit_html, audit_memory = run("audit", str(folder), *facts, "--no-cache", "--html",
                                   str(report_folder), "-o", os.devnull)  # fmt: skip
    report_size = report_pages.index_size(report_folder)
    report_loads = report_pages.load_times(report_folder)

    rows: list[tuple[str, float | None]] = [(name, seconds) for name, seconds in timings.items()]
    rows += [("full check, 1 process", one), ("full check, default --jobs", default_jobs),
             ("full check, --jobs 2", two), ("full check, 1 process, accelerated", fast_one),
             ("full check, default --jobs, accelerated", fast_default),
             ("full check, result cache warm", warm), ("one article (pre-commit)", single),
             ("one article, accelerated", fast_single), ("  of which start-up and imports", floor_one),
             ("facts suggest (drafts, verified)", suggest)]  # fmt: skip
    if lint is not None:
        rows += [("markdownlint-cli2 refs, corpus", lint["reference checks, corpus"]),
                 ("markdownlint-cli2, one file", lint["one file"])]  # fmt: skip
    rows += corpus_rule_rows.items()
    rows += [("audit --html (folder)", audit_html)]
    print(f"\n{count} articles, {megabytes:.1f} MB, {report['machine']}, {report['cores']} cores")
    print(f"accelerators: {', '.join(accelerated) or 'none installed'}; rows without 'accelerated' "
          "run pure Python (ENCYCLINT_PURE_PYTHON=1)\n")  # fmt: skip
    print(f"{'job':<42}{'seconds':>9}{'MB/s':>8}{'articles/s':>12}")
    for name, seconds in rows:
        if seconds is None:
            print(f"{name:<42}{'—':>9}")
            continue
        rates = "" if name.startswith(("one article", " ", "COR", "markdownlint-cli2, one")) else f"{megabytes / seconds:>8.2f}{count / seconds:>12.0f}"
        print(f"{name:<42}{seconds:>9.2f}{rates}")
    print_scaling(scaling)
    print(f"peak memory, full check, 1 process: {one_memory / 1024:.0f} MB")
    print(f"peak memory, audit --html: {audit_memory / 1024:.0f} MB")
    print(f"report index.html + assets: {report_size / 1e6:.2f} MB")
    for name, seconds in report_loads.items():
        print(f"report {name} in headless Chromium: {seconds:.3f} s")
    print(f"peak memory, facts suggest: {suggest_memory / 1024:.0f} MB")

    floor = timings["bare markdown-it-py + footnotes"]
    targets: list[Target] = [
        Target("full check, 1 process, pure Python ≤ 4× bare parse", one / floor, 4.0),
        Target("  accelerated ≤ 3.5× bare parse", fast_one / floor if fast_one else None, 3.5),
        Target("--jobs 2 speed-up ≥ 1.7×", one / two, 1.7, at_least=True),
        Target("outputs identical (jobs, accelerators)", 1.0 if identical else 0.0, 1.0, at_least=True),
        *scaling_targets(scaling),
        Target("warm result cache ≤ 10% of cold", warm / one, 0.10),
        Target("facts suggest ≤ 2× full check", suggest / one, 2.0),
    ]
    if lint is not None:
        refs, one_file = lint["reference checks, corpus"], lint["one file"]
        targets += [
            Target("one article ≤ 0.3 of markdownlint-cli2's", single / one_file, 0.3),
            Target("  accelerated", fast_single / one_file if fast_single else None, 0.3),
            Target("default --jobs ≥ 1.7× faster than markdownlint", refs / default_jobs, 1.7, True),
            Target("  accelerated", refs / fast_default if fast_default else None, 1.7, True),
            Target("  1 process, × as fast as markdownlint", refs / one, None),
            Target("  1 process, accelerated, faster than markdownlint", refs / fast_one if fast_one else None, 1.0, True),
        ]
    if not options.quick:
        big = corpus(10 * count)
        _, big_memory = run("check", str(big), *facts, "--no-cache", "--jobs", "1", "--fail-on", "never")
        targets.append(Target("memory 10× corpus ≤ 1.5× memory", big_memory / one_memory, 1.5))
        _, big_audit = run("audit", str(big), *facts, "--no-cache", "--html", str(work / "big-report"),
                           "-o", os.devnull)  # fmt: skip
        targets.append(Target("audit --html memory, 10× corpus (× of 1×)", big_audit / audit_memory, None))
        report["audit_memory_kb"] = {str(count): audit_memory, str(10 * count): big_audit}
        report["memory_kb"] = {str(count): one_memory, str(10 * count): big_memory}
    print_targets(targets)
    report.update(timings=dict(rows), knowledge=scaling, markdownlint=lint,
                  targets={t.name.strip(): {"measured": t.measured, "limit": t.limit} for t in targets})
    (OUT / "results.json").write_text(json.dumps(report, indent=2) + "\n")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
