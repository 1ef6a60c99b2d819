"""The candidate index: a sentence gets every fact that can match it, and few that cannot.

The oracle is the keyword search itself: a fact can match a sentence only when every one
of its keyword entries is found in it, so every such fact must be a candidate. A fact one
of whose entries cannot start any word of the sentence must not be.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.cache import Cache
from linter.facts import index as candidate_index
from linter.facts.keywords import lower_same_length
from linter.facts.knowledge import KnowledgeBase, load


def table(folder: Path, keyword_lists: list[list[str]]) -> Path:
    lines = ["sources:", "  s:", '    citation: "A test source."', "facts:"]
    for number, keywords in enumerate(keyword_lists):
        quoted = ", ".join('"' + k.replace('"', '\\"') + '"' for k in keywords)
        lines += [f"  - id: f{number}", f"    keywords: [{quoted}]", "    date: 1950",
                  "    sources: [s]"]  # fmt: skip
    path = folder / "facts.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def ids(knowledge: KnowledgeBase, sentence: str, explain: bool = False) -> list[str]:
    return [f.id for f in knowledge.candidates(lower_same_length(sentence), explain)]


def test_a_fact_is_a_candidate_only_where_every_keyword_can_occur(tmp_path: Path) -> None:
    knowledge = load([str(table(tmp_path, [["treaty", "Varnholt"], ["Varnholt|Kesimor"],
                                           ["signed", "treaty"], ["troops"],
                                           ["treaty", "signed", "Varnholt"]]))])  # fmt: skip
    assert ids(knowledge, "The treaty was signed in 1950.") == ["f2"]
    assert ids(knowledge, "Varnholt signed the treaty in 1950.") == ["f0", "f1", "f2", "f4"]
    assert ids(knowledge, "Varnholt signed it in 1950.") == ["f1"]
    assert ids(knowledge, "Kesimor's troops left in 1950.") == ["f1", "f3"]
    # --explain also lists the facts whose first keyword alone can occur, as considered.
    assert ids(knowledge, "The treaty was signed in 1950.", explain=True) == ["f0", "f2", "f4"]


def test_keywords_that_begin_with_punctuation_or_are_short(tmp_path: Path) -> None:
    knowledge = load([str(table(tmp_path, [["U.S.", "aid"], ["'tis", "war"], ["UN", "troops"],
                                           ["|"]]))])  # fmt: skip
    assert ids(knowledge, "U.S. aid rose in 1950.") == ["f0"]
    assert ids(knowledge, "'Tis said the war ended in 1950.") == ["f1"]
    assert ids(knowledge, "The war ended in 1950.") == ["f1"]  # 'tis cannot be looked up
    assert ids(knowledge, "UNs troops in 1950.") == ["f2"]
    assert ids(knowledge, "Troops in 1950.") == []


def test_the_index_is_kept_in_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    path = table(tmp_path, [["treaty", "Varnholt"], ["signed", "treaty"]])
    store = Cache(str(tmp_path / "cache"))
    built = load([str(path)], store)

    def rebuilt(*_: object) -> None:
        raise AssertionError("the index was built again")

    monkeypatch.setattr(candidate_index.CandidateIndex, "of", rebuilt)
    cached = load([str(path)], store)
    assert cached is not built
    assert cached.index == built.index
    assert ids(cached, "Varnholt signed the treaty.") == ["f0", "f1"]


WORDS = ["treaty", "signed", "u.s.", "un", "'tis", "mao", "Stalin", "sino-soviet", "death",
         "troops", "a", "ab", "abc", "abcd", "abcde", "İstanbul", "split"]  # fmt: skip
entries = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=2).map(" ".join),
    min_size=1,
    max_size=3,
).map("|".join)
sentences = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(["", "s", "'s", "ed", "ing", "x"])).map(
        "".join
    ),
    max_size=12,
).map(" ".join)


@given(st.lists(st.lists(entries, min_size=1, max_size=3), min_size=1, max_size=8), sentences)
def test_every_fact_that_can_match_is_a_candidate(
    keyword_lists: list[list[str]], sentence: str
) -> None:
    from linter.facts.knowledge import Fact

    facts = [
        Fact(f"f{n}", "date", tuple(keywords), 0, 0, "", 0, None, None, (), "", "t", 1)
        for n, keywords in enumerate(keyword_lists)
    ]
    knowledge = KnowledgeBase.of(facts)
    lowered = lower_same_length(sentence)
    can_match = [f.id for f in facts if all(k.spans(lowered) for k in f.keyword_entries)]
    found = ids(knowledge, sentence)
    assert set(can_match) <= set(found)
    assert set(found) <= set(ids(knowledge, sentence, explain=True))
