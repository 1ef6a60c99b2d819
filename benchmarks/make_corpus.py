#!/usr/bin/env python3
"""Build a deterministic corpus of Markdown encyclopedia articles from one seed text.

Usage:
    python make_corpus.py OUTDIR [--n 1000] [--style footnote|reflink] [--seed 12345]
                                 [--source ../seeds/sino-soviet-split-article.txt]

style=footnote : markers become [^n], a "## References" section holds
                 "[^n]: Author, *Title* (Publisher, Year), p. X." definitions.
style=reflink  : markers stay [n], "## References" holds "[n]: https://example.org/ref/n"
                 link reference definitions (for markdownlint MD052/MD053).

Both styles draw from the same RNG stream, so article k has identical prose in both
variants; only marker/definition syntax differs.  ~5% of cited labels get no
definition (undefined), and ~3% of definitions are for labels never cited (unused).
"""
import argparse
import os
import random
import re
import sys

DEFAULT_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "seed", "sino-soviet-split-article.txt")

MARKER_RE = re.compile(r"\[(\d+)\]")
# A heading glued onto the end of a prose line: sentence end (., ], ", ”) immediately
# followed by a capitalised phrase with no sentence punctuation up to end of line.
RUNON_HEADING_RE = re.compile(r'(?<=[.\]"”)])([A-Z][^.!?\[\]]{2,80})$')
SENT_END_RE = re.compile(r'[.!?]["”]?(?:\[\d+\])*\s+(?=[A-Z"“(])')

MONTHS = ("January February March April May June July August September October "
          "November December").split()
DATE_RE = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})\b")
YEAR_RE = re.compile(r"\b(19[0-9]{2})\b")
# numbers worth perturbing: with thousands separators, decimals, %, $ prefix, or >= 100
NUM_RE = re.compile(r"(?<![\w.,])(\$?)(\d{1,3}(?:,\d{3})+|\d+\.\d+|\d+)(%?)(?![\w])")

AUTHORS = ["Lüthi, Lorenz M.", "Radchenko, Sergey", "Chen, Jian", "Westad, Odd Arne",
           "Zubok, Vladislav", "Shen, Zhihua", "Xia, Yafeng", "Goncharov, Sergei",
           "Zagoria, Donald S.", "Jersild, Austin", "Heinzig, Dieter", "Li, Danhui",
           "Friedman, Jeremy", "Kuisong, Yang", "Gaddis, John Lewis", "Taubman, William"]
TITLE_WORDS = ["The Sino-Soviet Split", "Cold War in the Communist World",
               "Mao's China and the Cold War", "Brothers in Arms", "Deng Xiaoping and the Split",
               "The Soviet Union and Communist China", "Shadow Cold War",
               "Stalin and Mao", "Khrushchev: The Man and His Era", "The Sino-Soviet Alliance",
               "Mao and the Sino-Soviet Partnership", "Sino-Soviet Relations 1945-1990"]
PUBLISHERS = ["Princeton University Press", "Cambridge University Press", "Stanford University Press",
              "Oxford University Press", "University of North Carolina Press", "Routledge",
              "Harvard University Press", "Lexington Books", "W. W. Norton"]


def parse_seed(path):
    """Return (title, sections) where sections = [(level, heading or None, [sentences])]."""
    lines = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]
    title = lines[0].strip()
    body = lines[1:]
    # First pass: peel run-on headings off prose lines.
    items = []  # ("h", text) or ("p", text)
    for line in body:
        line = line.strip()
        is_prose = len(line) > 200 or line.endswith((".", "]", '"'))
        if not is_prose:
            items.append(("h", line))
            continue
        m = RUNON_HEADING_RE.search(line)
        if m:
            items.append(("p", line[:m.start()].strip()))
            items.append(("h", m.group(1).strip()))
        else:
            items.append(("p", line))
    # Second pass: heading levels. A heading directly followed by another heading is ##,
    # the following one ###; a lone heading after prose is ###.
    sections = [(2, None, [])]  # lead section (no heading)
    i = 0
    while i < len(items):
        kind, text = items[i]
        if kind == "h":
            nxt = items[i + 1][0] if i + 1 < len(items) else None
            level = 2 if nxt == "h" else 3
            sections.append((level, text, []))
        else:
            sections[-1][2].extend(split_sentences(text))
        i += 1
    return title, sections


def split_sentences(text):
    out, start = [], 0
    for m in SENT_END_RE.finditer(text):
        end = m.end()
        out.append(text[start:end].strip())
        start = end
    if start < len(text):
        out.append(text[start:].strip())
    return [s for s in out if s]


def fmt_like(orig, value):
    """Format number value like orig string (commas / decimals)."""
    if "." in orig:
        decimals = len(orig.split(".")[1])
        return f"{value:.{decimals}f}"
    value = int(round(value))
    if "," in orig:
        return f"{value:,}"
    return str(value)


def perturb_text(text, rng):
    """Perturb years, month-days and larger numbers in prose (not citation markers)."""
    parts = MARKER_RE.split(text)  # even indices = prose, odd = marker numbers

    def prose(t):
        def date_sub(m):
            if rng.random() < 0.35:
                return f"{m.group(1)} {rng.randint(1, 28)}"
            return m.group(0)
        t = DATE_RE.sub(date_sub, t)

        def num_sub(m):
            dollar, num, pct = m.group(1), m.group(2), m.group(3)
            plain = num.replace(",", "")
            if YEAR_RE.fullmatch(plain) and not dollar and not pct:
                if rng.random() < 0.35:
                    return str(int(plain) + rng.choice((-2, -1, 1, 2)))
                return num
            val = float(plain)
            big_enough = val >= 100 or "," in num or "." in num or dollar or pct
            if not big_enough or rng.random() < 0.4:
                return m.group(0)
            factor = rng.uniform(0.7, 1.3)
            return dollar + fmt_like(num, val * factor) + pct
        return NUM_RE.sub(num_sub, t)

    out = []
    for k, part in enumerate(parts):
        if k % 2 == 0:
            out.append(prose(part))
        else:
            out.append(f"[{part}]")
    return "".join(out)


def build_article(idx, title, sections, rng, style):
    lines = [f"# {title} (variant {idx:04d})", ""]
    cited = []
    for level, heading, sentences in sections:
        if heading:
            lines.append("#" * level + " " + heading)
            lines.append("")
        if not sentences:
            continue
        # group sentences into paragraphs of 2-5 sentences, then shuffle paragraphs
        paras, j = [], 0
        while j < len(sentences):
            k = rng.randint(2, 5)
            paras.append(sentences[j:j + k])
            j += k
        rng.shuffle(paras)
        for p in paras:
            text = perturb_text(" ".join(p), rng)
            for m in MARKER_RE.finditer(text):
                if m.group(1) not in cited:
                    cited.append(m.group(1))
            if style == "footnote":
                text = MARKER_RE.sub(lambda m: f"[^{m.group(1)}]", text)
            lines.append(text)
            lines.append("")
    # references: ~5% of cited labels left undefined, ~3% extra unused definitions
    defined = [c for c in sorted(cited, key=int) if rng.random() >= 0.05]
    max_label = max((int(c) for c in cited), default=0)
    n_unused = sum(1 for _ in defined if rng.random() < 0.03)
    unused = [str(max_label + 1 + u) for u in range(n_unused)]
    lines.append("## References")
    lines.append("")
    for label in defined + unused:
        if style == "footnote":
            year = rng.randint(1960, 2022)
            lines.append(f"[^{label}]: {rng.choice(AUTHORS)}, *{rng.choice(TITLE_WORDS)}* "
                         f"({rng.choice(PUBLISHERS)}, {year}), p. {rng.randint(1, 480)}.")
            lines.append("")
        else:
            lines.append(f"[{label}]: https://example.org/ref/{label}")
    if style != "footnote":
        lines.append("")
    stats = {"cited": len(cited), "undefined": len(cited) - len(defined), "unused": len(unused)}
    return "\n".join(lines).rstrip("\n") + "\n", stats


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--style", choices=("footnote", "reflink"), default="footnote")
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--source", default=DEFAULT_SOURCE)
    args = ap.parse_args(argv)

    title, sections = parse_seed(args.source)
    os.makedirs(args.outdir, exist_ok=True)
    total_bytes, tot = 0, {"cited": 0, "undefined": 0, "unused": 0}
    for i in range(args.n):
        rng = random.Random(args.seed * 1_000_003 + i)
        text, st = build_article(i, title, sections, rng, args.style)
        path = os.path.join(args.outdir, f"article_{i:04d}.md")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        total_bytes += len(text.encode("utf-8"))
        for k in tot:
            tot[k] += st[k]
    print(f"{args.n} articles, style={args.style}, {total_bytes} bytes "
          f"({total_bytes / 1e6:.2f} MB), cited labels={tot['cited']}, "
          f"undefined={tot['undefined']}, unused defs={tot['unused']}", file=sys.stderr)


if __name__ == "__main__":
    main()
