"""The language server's part-at-a-time re-check finds exactly what a whole check finds."""

from __future__ import annotations

import os
import random
from pathlib import Path

from linter import engine, source
from linter.engine import Settings
from linter.facts.knowledge import load
from linter.lsp.incremental import Incremental, parts_of
from tests.helpers import FIXTURES, ROOT

ARTICLES = [*sorted(FIXTURES.glob("**/*.md")), ROOT / "articles" / "sino-soviet-split.md"]
EDITS = int(os.environ.get("ENCYCLINT_EDITS", "25"))
BLOCKS = (
    "- a list item with 1,200 troops\n\n",
    "  continued in the item, 1954\n",
    "> a quote of 1950\n",
    "```\n",
    "~~~~\n",
    "[^n]: a footnote, 1961\n\n",
    "1. Taubman (2003).\n",
    "| a | 1949 |\n|---|---|\n",
    "    indented code 1950\n",
    "\n",
    "## References\n\n",
    "Title\n",
    "***\n",
)
"""Lines that open lists, quotes, fences, footnotes, tables and code: where a cut could go wrong."""


def settings() -> Settings:
    return Settings(knowledge=load([str(ROOT / "facts")]), keep_claims=True, keep_document=True)


def edited(text: str, chance: random.Random) -> str:
    """One edit an editor might send: a keystroke, a new line, a deleted line, a heading."""
    at = chance.randrange(len(text) + 1)
    kind = chance.randrange(6)
    if kind == 0:
        return text[:at] + "\n" + text[at:]
    if kind == 1:
        lines = text.split("\n")
        del lines[chance.randrange(len(lines))]
        return "\n".join(lines)
    if kind == 2:
        return text[:at] + "\n\n## Aftermath\n\n" + text[at:]
    if kind == 3:
        return text[:at] + " in 1953 " + text[at:]
    if kind == 4:  # a block that could carry across a cut, at the start of a line
        line_start = text.rfind("\n", 0, at) + 1
        block = chance.choice(BLOCKS)
        return text[:line_start] + block + text[line_start:]
    return text[:at] + chance.choice("x5,.[]#^ ") + text[at:]


def whole(text_source: source.Source, chosen: Settings) -> engine.ArticleResult:
    return engine.lint_source(text_source, chosen)


def test_part_at_a_time_equals_the_whole_check_after_every_edit() -> None:
    chosen = settings()
    chance = random.Random(int(os.environ.get("ENCYCLINT_SEED", "18")))
    used, reused = 0, 0
    for article in ARTICLES:
        try:
            text = article.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            continue  # the hostile inputs' bad encodings never reach a buffer
        parts = Incremental()
        for step in range(EDITS):
            text_source = source.from_text(text, str(article))
            before = parts.parsed
            try:
                expected = whole(text_source, chosen)
            except Exception as error:  # the server falls back to the whole parse here
                assert type(error).__name__ == "UserError"
                text = edited(text, chance)
                continue
            found = engine.lint_source(text_source, chosen, parts.context(text_source, chosen))
            where = f"{article.name}, edit {step}"
            assert found.diagnostics == expected.diagnostics, where
            assert found.claims == expected.claims, where
            assert [(v.status, v.fact and v.fact.id) if v else None for v in found.verdicts] == [
                (v.status, v.fact and v.fact.id) if v else None for v in expected.verdicts
            ], where
            assert found.document == expected.document, where
            split = parts_of(text_source.lines)
            if split is not None and len(split) > 1:
                used += 1
                reused += len(split) - (parts.parsed - before)
            text = edited(text, chance)
    assert used > 50 and reused > used  # the incremental path ran, and reused parts


def test_an_edit_parses_again_only_its_own_part() -> None:
    text = (ROOT / "articles" / "sino-soviet-split.md").read_text(encoding="utf-8")
    lines = source.from_text(text, "a.md").lines
    split = parts_of(lines)
    assert split is not None and len(split) >= 5
    chosen = settings()
    parts = Incremental()
    parts.context(source.from_text(text, "a.md"), chosen)
    assert parts.parsed == len(split)
    first, end, _ = next(
        part for part in split[2:] if " the " in "\n".join(lines[part[0] : part[1]])
    )
    middle = "\n".join(lines[first:end])
    changed = text.replace(middle, middle.replace(" the ", " the  ", 1), 1)
    assert changed != text
    parts.context(source.from_text(changed, "a.md"), chosen)
    assert parts.parsed == len(split) + 1


def test_what_a_part_could_read_from_another_is_parsed_whole(tmp_path: Path) -> None:
    for text in (
        "# A\n\nSee [the treaty][t].\n\n# B\n\n[t]: https://example.org/\n",
        "# A\n\n<div>\n# not a heading\n</div>\n",
        "# A\n\n<!-- encyclint-disable CIT001 -->\n\n# B\n\n[^x] 1953.\n",
        "# A\n\n- item\n\n  ```\n# B\n  ```\n",
        "Title\n=====\n\n# B\n",
    ):
        assert parts_of(source.from_text(text, "a.md").lines) is None, text
    assert parts_of(source.from_text("# A\n\ntext <https://x.org> 1953\n\n# B\n", "a.md").lines)
