"""The candidate index: a sentence gets every fact that can match it, and few that cannot.

The oracle is the keyword search itself: a fact can match a sentence only when every one
of its keyword entries is found in it, so every such fact must be a candidate. A fact one
of whose entries cannot start any word of the sentence must not be.

Every test runs on both entry finders: the pure-Python one, and the Aho-Corasick automaton
where ``pyahocorasick`` is installed (that half is skipped where it is not). The automaton
must find exactly the entries, so the candidates, that the pure-Python finder finds.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.accelerators import PURE_PYTHON_ENV
from linter.cache import Cache
from linter.facts import index as candidate_index
from linter.facts.index import CandidateIndex, EntryFinder, PrefixFinder
from linter.facts.keywords import lower_same_length
from linter.facts.knowledge import Fact, KnowledgeBase, load

ACCELERATED = importlib.util.find_spec("ahocorasick") is not None


@pytest.fixture(
    params=[
        "pure",
        pytest.param("accelerated", marks=pytest.mark.skipif(
            not ACCELERATED, reason="pyahocorasick is not installed")),
    ]
)  # fmt: skip
def finder_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Runs a test with the accelerators switched off, then on."""
    if request.param == "pure":
        monkeypatch.setenv(PURE_PYTHON_ENV, "1")
    else:
        monkeypatch.delenv(PURE_PYTHON_ENV, raising=False)
    yield request.param


pytestmark = pytest.mark.usefixtures("finder_path")


def finders(index: CandidateIndex) -> list[EntryFinder]:
    """The pure-Python finder, and the automaton where it is installed."""
    found: list[EntryFinder] = [PrefixFinder(index.entries, index.needles)]
    if ACCELERATED:
        from linter.facts.automaton import AutomatonFinder

        found.append(AutomatonFinder.of(index.needles))
    return found


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


def test_the_index_is_kept_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, finder_path: str
) -> None:
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
    # The automaton is cached with the index, not built per run; a pure-Python run has
    # tables cached without it.
    assert (cached.index.automaton is None) == (finder_path == "pure")
    assert type(cached.finder).__name__ == type(built.index.finder()).__name__


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


def date_facts(keyword_lists: list[list[str]]) -> list[Fact]:
    return [
        Fact(f"f{n}", "date", tuple(keywords), 0, 0, "", 0, None, None, (), "", "t", 1)
        for n, keywords in enumerate(keyword_lists)
    ]


@given(st.lists(st.lists(entries, min_size=1, max_size=3), min_size=1, max_size=8), sentences)
def test_every_fact_that_can_match_is_a_candidate(
    keyword_lists: list[list[str]], sentence: str
) -> None:

    knowledge = KnowledgeBase.of(date_facts(keyword_lists))
    facts = knowledge.facts
    lowered = lower_same_length(sentence)
    can_match = [f.id for f in facts if all(k.spans(lowered) for k in f.keyword_entries)]
    found = ids(knowledge, sentence)
    assert set(can_match) <= set(found)
    assert set(found) <= set(ids(knowledge, sentence, explain=True))


def test_the_finder_follows_the_switch(finder_path: str) -> None:
    knowledge = KnowledgeBase.of(date_facts([["treaty", "Varnholt"]]))
    assert ids(knowledge, "Varnholt signed the treaty.") == ["f0"]
    expected = "PrefixFinder" if finder_path == "pure" else "AutomatonFinder"
    assert type(knowledge.finder).__name__ == expected


def test_without_pyahocorasick_the_pure_python_finder_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(PURE_PYTHON_ENV, raising=False)
    monkeypatch.setitem(sys.modules, "ahocorasick", None)  # import ahocorasick fails
    monkeypatch.delitem(sys.modules, "linter.facts.automaton", raising=False)
    knowledge = KnowledgeBase.of(date_facts([["treaty", "Varnholt"]]))
    assert ids(knowledge, "Varnholt signed the treaty.") == ["f0"]
    assert isinstance(knowledge.finder, PrefixFinder)


# Text with word boundaries of every sort: needles inside words ("xtreaty"), after
# punctuation, an apostrophe, an underscore (a word character), digits, a dotted
# capital I whose lower case is longer, and a character outside the BMP.
LETTERS = "abdeinrstuy"
pieces = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=LETTERS, min_size=1, max_size=5),
    st.sampled_from([" ", "  ", "\n", ".", ",", "'", "’", "-", "_", "(", "1", "İ", "😀", "é"]),
)
texts = st.lists(pieces, max_size=30).map("".join)
keyword_texts = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=LETTERS + " .'_-1", min_size=1, max_size=6),
)
tables = st.lists(
    st.lists(st.lists(keyword_texts, min_size=1, max_size=3).map("|".join), min_size=1,
             max_size=3),
    min_size=1,
    max_size=12,
)  # fmt: skip


@given(tables, st.lists(texts, min_size=1, max_size=4))
def test_the_finders_find_the_same_entries_and_candidates(
    keyword_lists: list[list[str]], sentences: list[str]
) -> None:
    index = CandidateIndex.of(date_facts(keyword_lists))
    for sentence in sentences:
        lowered = lower_same_length(sentence)
        present = [finder.present(lowered) for finder in finders(index)]
        assert all(found == present[0] for found in present)
        for explain in (False, True):
            found = [index.candidates(lowered, finder, explain) for finder in finders(index)]
            assert all(candidates == found[0] for candidates in found)


def test_the_finders_agree_where_a_needle_stands_inside_a_word() -> None:
    # "treaty" stands inside "xtreaty" and "trea" starts "treats" elsewhere: the entry
    # counts. "men" stands only inside "government": it does not, until a word starts so.
    index = CandidateIndex.of(date_facts([["treaty"], ["troops|men"], ["men"]]))
    for finder in finders(index):
        assert index.candidates("xtreaty treats government", finder) == [0]
        assert index.candidates("xtreaty government", finder) == []
        assert index.candidates("xtreaty government menial", finder) == [1, 2]


@pytest.mark.skipif(not ACCELERATED, reason="pyahocorasick is not installed")
def test_tables_cached_with_the_automaton_are_not_loaded_by_a_pure_python_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    path = table(tmp_path, [["treaty", "Varnholt"]])
    store = Cache(str(tmp_path / "cache"))
    monkeypatch.delenv(PURE_PYTHON_ENV, raising=False)
    assert load([str(path)], store).index.automaton is not None
    monkeypatch.setenv(PURE_PYTHON_ENV, "1")
    pure = load([str(path)], store)
    assert pure.index.automaton is None
    assert isinstance(pure.finder or pure.index.finder(), PrefixFinder)
    assert ids(pure, "Varnholt signed the treaty.") == ["f0"]
