"""`encyclint facts suggest`: drafts that validate, each verifying its own claim and no other."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from linter.facts.tables import read_table
from tests.helpers import ROOT, SEED, run_cli, validator

_FROM = re.compile(r'drafted from ".*?" at (\S+:\d+:\d+)')


def _articles(tmp_path: Path, **texts: str) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return folder


def _table(path: Path) -> dict[str, Any]:
    """The table as encyclint reads it (dates stay text)."""
    return read_table(str(path)).data


def _claims(tmp_path: Path, *tables: str) -> list[dict[str, Any]]:
    args = [a for table in tables for a in ("--facts", table)]
    done = run_cli("claims", *args, "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    claims: list[dict[str, Any]] = json.loads(done.stdout)["claims"]
    return claims


def _codes(tmp_path: Path, *tables: str) -> Counter[str]:
    args = [a for table in tables for a in ("--facts", table)]
    done = run_cli("check", *args, "--format", "json", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    return Counter(d["code"] for d in json.loads(done.stdout)["diagnostics"])


def test_seed_article_drafts_verify_each_claim_with_its_own_fact(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    shutil.copy(SEED, tmp_path / "articles" / "sino-soviet-split.md")
    before = _claims(tmp_path)
    assert before and all(c["status"] == "unverified" for c in before)

    done = run_cli("facts", "suggest", "-o", "draft.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"{len(before)} draft facts for {len(before)} unverified claims" in done.stderr
    table = _table(tmp_path / "draft.yaml")
    validator("facts").validate(table)
    assert run_cli("facts", "validate", "draft.yaml", cwd=tmp_path).returncode == 0

    drafted_from = {}
    for fact in table["facts"]:
        assert fact["status"] == "draft"
        assert fact["note"].startswith("draft — check the value against the source")
        found = _FROM.search(fact["note"])
        assert found, fact["note"]
        drafted_from[fact["id"]] = found.group(1)
    after = _claims(tmp_path, "draft.yaml")
    assert len(after) == len(before)
    for claim in after:
        assert claim["status"] == "verified", claim
        where = f"{claim['path']}:{claim['line']}:{claim['column']}"
        assert drafted_from[claim["fact"]] == where, (claim["text"], claim["fact"])
    assert len({c["fact"] for c in after}) == len(after)

    codes = _codes(tmp_path, "draft.yaml")
    assert codes["FCT002"] == 0
    assert codes["FCT001"] == 0
    assert codes["FCT004"] == len(after)


def test_keywords_are_the_fewest_words_that_single_the_claim_out(tmp_path: Path) -> None:
    _articles(
        tmp_path,
        a="# A\n\nStalin died in Moscow in 1953.\n\nStalin met Mao in Moscow in 1949.\n",
    )
    done = run_cli("facts", "suggest", "-o", "draft.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    facts = {f["date"]: f for f in _table(tmp_path / "draft.yaml")["facts"]}
    # "Stalin" and "Moscow" stand in both sentences: one word of each sentence suffices.
    assert facts["1953"]["keywords"] == ["died"]
    assert facts["1949"]["keywords"] == ["Mao"]


def test_two_articles_disagreeing_make_one_draft_that_names_both(tmp_path: Path) -> None:
    _articles(
        tmp_path,
        first="# One\n\nThe Soviet Union withdrew its technical experts from China in July 1960.\n",
        second="# Two\n\nThe Soviet Union withdrew its technical experts from China in August 1960.\n",
    )
    done = run_cli("facts", "suggest", "-o", "draft.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "(1 stated in several articles)" in done.stderr
    facts = _table(tmp_path / "draft.yaml")["facts"]
    assert len(facts) == 1
    fact = facts[0]
    assert fact["date"] == {"min": "1960-07", "max": "1960-08"}
    assert "the articles disagree" in fact["note"]
    assert '"July 1960" in articles/first.md:3:' in fact["note"]
    assert '"August 1960" in articles/second.md:3:' in fact["note"]
    claims = _claims(tmp_path, "draft.yaml")
    assert [c["fact"] for c in claims] == [fact["id"], fact["id"]]


def test_articles_agreeing_make_one_draft_with_their_value(tmp_path: Path) -> None:
    _articles(
        tmp_path,
        first="# One\n\nThe Soviet Union withdrew its technical experts from China in 1960.\n",
        second="# Two\n\nIn 1960 the Soviet Union withdrew its technical experts from China.\n",
    )
    assert run_cli("facts", "suggest", "-o", "draft.yaml", cwd=tmp_path).returncode == 0
    facts = _table(tmp_path / "draft.yaml")["facts"]
    assert len(facts) == 1 and facts[0]["date"] == "1960"
    assert "stated alike in 2 articles" in facts[0]["note"]


def test_values_keep_their_interval_unit_and_currency(tmp_path: Path) -> None:
    _articles(
        tmp_path,
        a="# A\n\nThe Red Army sent about 1,500 advisers to Harbin.\n\n"
        "Beijing received a loan of $300 million from Moscow.\n\n"
        "Over 10,000 students went to Leningrad.\n\n"
        "Thousands of engineers arrived in Shenyang.\n",
    )
    assert run_cli("facts", "suggest", "-o", "draft.yaml", cwd=tmp_path).returncode == 0
    facts = {f["keywords"][0]: f for f in _table(tmp_path / "draft.yaml")["facts"]}
    assert facts["Harbin"]["count"] == {"min": 1305, "max": 1705}  # 1,450–1,550 ± 10%
    assert facts["Harbin"]["unit"] == "advisers"
    assert facts["Moscow"]["money"] == 300_000_000 and facts["Moscow"]["currency"] == "USD"
    assert facts["Leningrad"]["count"] == 10_000
    assert "is qualified (lower): the value is a lower bound" in facts["Leningrad"]["note"]
    assert facts["Shenyang"]["count"] == {"min": 2000, "max": 9999}
    codes = _codes(tmp_path, "draft.yaml")
    assert codes["FCT004"] == 4 and codes["FCT002"] == 0


def test_sources_come_from_footnotes_and_existing_keys(tmp_path: Path) -> None:
    _articles(
        tmp_path,
        a="# A\n\nKhrushchev gave the Secret Speech on February 25, 1956.[^luthi]\n\n"
        "The Ussuri clashes began in March 1969.[@westad1998]\n\n"
        "Mao arrived in Moscow on December 16, 1949.[1]\n\n"
        "[^luthi]: Lorenz M. Lüthi, The Sino-Soviet Split (2008). "
        "https://press.princeton.edu/books/paperback/9780691135908\n\n"
        "## References\n\n"
        "1. Chen Jian, *Mao's China and the Cold War* (2001). @chen2001\n",
    )
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "books.yaml").write_text(
        'sources:\n  westad1998:\n    citation: "Odd Arne Westad (ed.), Brothers in Arms. '
        'Stanford University Press, 1998."\n',
        encoding="utf-8",
    )
    done = run_cli("facts", "suggest", "-o", "draft.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    table = _table(tmp_path / "draft.yaml")
    assert table["sources"] == {
        "luthi": {
            "citation": "Lorenz M. Lüthi, The Sino-Soviet Split (2008)",
            "url": "https://press.princeton.edu/books/paperback/9780691135908",
        },
        "chen2001": {"citation": "Chen Jian, *Mao's China and the Cold War* (2001)"},
    }
    by_date = {f["date"]: f for f in table["facts"]}
    assert by_date["1956-02-25"]["sources"] == ["luthi"]
    assert by_date["1969-03"]["sources"] == ["westad1998"]
    assert by_date["1949-12-16"]["sources"] == ["chen2001"]  # the key the reference names
    validator("facts").validate(table)
    assert run_cli("facts", "validate", "facts", "draft.yaml", cwd=tmp_path).returncode == 0
    codes = _codes(tmp_path, "facts", "draft.yaml")
    assert codes["FCT003"] == 0 and codes["FCT004"] == 3


def test_covered_claims_are_left_alone_and_into_appends_without_touching(tmp_path: Path) -> None:
    _articles(
        tmp_path,
        a="# A\n\nStalin died on March 5, 1953.[@westad1998]\n\n"
        "The Ussuri clashes began in 1969.[@westad1998]\n",
    )
    (tmp_path / "facts").mkdir()
    original = (
        "# Hand-written facts: keep this comment.\r\n"
        "sources:\r\n"
        "  westad1998:  # the key book\r\n"
        '    citation: "Odd Arne Westad (ed.), Brothers in Arms. Stanford UP, 1998."\r\n'
        "facts:\r\n"
        "  - id: stalin-death\r\n"
        "    keywords: [Stalin, died]\r\n"
        "    date: 1953-03-05\r\n"
        "    sources: [westad1998]  # checked\r\n"
        "  - id: ussuri-date\r\n"
        "    keywords: [Ussuri, armistice]\r\n"
        "    date: 1969-09\r\n"
        "    sources: [westad1998]\r\n"
        "# end of the table\r\n"
    )
    table = tmp_path / "facts" / "history.yaml"
    table.write_bytes(original.encode("utf-8"))
    done = run_cli("facts", "suggest", "--into", "facts/history.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = table.read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    kept = original.split("\r\n")
    added = [line for line in lines if line not in kept]
    assert [line for line in lines if line in kept] == kept  # every line, in order, unchanged
    assert all(line.startswith("    ") or line.startswith("  - ") for line in added), added
    loaded = _table(table)
    validator("facts").validate(loaded)
    ids = [f["id"] for f in loaded["facts"]]
    assert len(ids) == len(set(ids)) == 3
    new = loaded["facts"][2]
    assert new["keywords"] == ["Ussuri"] and new["id"] == "ussuri-date-2"
    assert new["date"] == "1969" and new["sources"] == ["westad1998"]
    claims = _claims(tmp_path)
    assert [c["fact"] for c in claims] == ["stalin-death", "ussuri-date-2"]


def test_usage_and_input_errors(tmp_path: Path) -> None:
    _articles(tmp_path, a="# A\n\nStalin died in 1953.\n")
    (tmp_path / "facts").mkdir()
    kept = "facts:\n  - {id: a, keywords: [x], date: 1950, status: draft}\n"
    (tmp_path / "facts" / "drafts.yaml").write_text(kept, encoding="utf-8")
    over = run_cli("facts", "suggest", "-o", "facts/drafts.yaml", cwd=tmp_path)
    assert over.returncode == 2 and "is one of the fact tables read" in over.stderr
    assert (tmp_path / "facts" / "drafts.yaml").read_text(encoding="utf-8") == kept
    shutil.rmtree(tmp_path / "facts")
    both = run_cli("facts", "suggest", "-o", "x.yaml", "--into", "y.yaml", cwd=tmp_path)
    assert both.returncode == 2 and "exactly one of" in both.stderr
    missing = run_cli("facts", "suggest", "--into", "nope.yaml", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.yaml: no such fact table" in missing.stderr
    (tmp_path / "flow.yaml").write_text(
        "facts: [{id: a, keywords: [x], date: 1950, status: draft}]\n", encoding="utf-8"
    )
    flow = run_cli("facts", "suggest", "--into", "flow.yaml", cwd=tmp_path)
    assert flow.returncode == 2 and "flow.yaml:1: facts: is in flow style" in flow.stderr
    assert (tmp_path / "flow.yaml").read_text(encoding="utf-8").startswith("facts: [{id: a,")
    (tmp_path / "articles" / "bad.md").write_bytes(b"# Bad\n\nIn 1950 \xff.\n")
    done = run_cli("facts", "suggest", "-o", "draft.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert "articles/bad.md:3: not valid UTF-8" in done.stderr
    assert "Traceback" not in done.stderr
    assert _table(tmp_path / "draft.yaml")["facts"][0]["date"] == "1953"


def test_only_a_draft_may_lack_sources(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        "facts:\n  - id: a\n    keywords: [x]\n    date: 1950\n    status: draft\n"
        "  - id: b\n    keywords: [y]\n    date: 1951\n"
        "  - id: c\n    keywords: [z]\n    date: 1952\n    status: reviewed\n",
        encoding="utf-8",
    )
    done = run_cli("facts", "validate", "t.yaml", cwd=tmp_path)
    assert done.returncode == 2
    problems = sorted(line.rsplit("t.yaml:", 1)[-1] for line in done.stderr.splitlines())
    assert problems == [
        '12: TBL001 facts[2].status: "reviewed" is not a status (the only one is draft)',
        "6: TBL001 facts[1]: 'sources' is a required property",
    ]


def test_into_keeps_a_byte_order_mark_and_adds_missing_sections(tmp_path: Path) -> None:
    _articles(tmp_path, a="# A\n\nThe Ussuri clashes began in 1969.[^w]\n\n[^w]: Westad (1998).\n")
    table = tmp_path / "t.yaml"
    original = "\ufeff# only sources so far\nsources:\n  other:\n    citation: Other work.\n"
    table.write_bytes(original.encode("utf-8"))
    done = run_cli("facts", "suggest", "--into", "t.yaml", "--facts", "t.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = table.read_bytes().decode("utf-8")
    assert text.startswith(original.rstrip("\n"))
    loaded = _table(table)
    assert list(loaded["sources"]) == ["other", "w"]
    assert [f["keywords"] for f in loaded["facts"]] == [["Ussuri"]]
    assert run_cli("facts", "validate", "t.yaml", cwd=tmp_path).returncode == 0


def test_a_disagreement_spans_the_values_as_written(tmp_path: Path) -> None:
    _articles(
        tmp_path,
        first="# One\n\nBy 1951 the Soviet Union had sent 10,000 experts to Chinese factories.\n",
        second="# Two\n\nBy 1951 the Soviet Union had sent 10,605 experts to Chinese factories.\n",
    )
    assert run_cli("facts", "suggest", "-o", "draft.yaml", cwd=tmp_path).returncode == 0
    counts = [f for f in _table(tmp_path / "draft.yaml")["facts"] if "count" in f]
    assert len(counts) == 1
    assert counts[0]["count"] == {"min": 10000, "max": 10605}  # not 5,000–15,000 for "10,000"
    assert counts[0]["unit"] == "experts"


def test_no_draft_hides_a_contradiction_beside_it(tmp_path: Path) -> None:
    _articles(tmp_path, a="# A\n\nStalin died in 1954 and was buried in 1954.\n")
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "t.yaml").write_text(
        "sources:\n  w:\n    citation: Westad (1998).\n"
        "facts:\n  - {id: stalin-death, keywords: [died], date: 1953-03-05, sources: [w]}\n",
        encoding="utf-8",
    )
    before = _claims(tmp_path, "facts")
    assert [c["status"] for c in before] == ["contradicted", "unverified"]
    done = run_cli("facts", "suggest", "-o", "draft.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    # [buried] out-scores [died] for the first 1954 too, and agrees with it: only the
    # matcher's one-claim-per-fact rule keeps the contradiction, and the check confirms it.
    assert "warning" not in done.stderr
    after = _claims(tmp_path, "facts", "draft.yaml")
    assert [(c["status"], c["fact"]) for c in after] == [
        ("contradicted", "stalin-death"), ("verified", "buried-date")
    ]  # fmt: skip


def test_verify_names_a_draft_that_would_take_a_claim_from_its_fact(tmp_path: Path) -> None:
    from linter.facts.knowledge import load
    from linter.facts.suggest import Draft, Verifier, read_corpus

    _articles(tmp_path, a="# A\n\nStalin died in 1954.\n\nMao arrived in 1949.\n")
    (tmp_path / "t.yaml").write_text(
        "facts:\n  - {id: stalin-death, keywords: [died], date: 1953-03-05, status: draft}\n",
        encoding="utf-8",
    )
    knowledge = load([str(tmp_path / "t.yaml")])
    corpus, before, _ = read_corpus([str(tmp_path / "articles" / "a.md")], "sentence", knowledge)
    assert before == [("contradicted", "stalin-death"), ("unverified", None)]
    wrong = Draft([1], ["Stalin", "died"], True)  # drafted for 1949, keyed to the other sentence
    wrong.fact = {"id": "bad", "keywords": ["Stalin", "died"], "date": "1954", "status": "draft"}
    right = Draft([1], ["Mao"], True)
    right.fact = {"id": "good", "keywords": ["Mao"], "date": "1949", "status": "draft"}
    assert Verifier(corpus, [wrong], knowledge, before).outcome() == ([1], {"bad"})
    assert Verifier(corpus, [right], knowledge, before).outcome() == ([], set())


def _generated(tmp_path: Path, count: int) -> list[str]:
    """Articles as the benchmark makes them: the seed's sentences, dates and numbers varied,
    so many articles write one sentence alike or nearly so."""
    import subprocess
    import sys

    folder = tmp_path / "corpus"
    maker = ROOT / "benchmarks" / "make_corpus.py"
    subprocess.run([sys.executable, str(maker), str(folder), "--n", str(count)],
                   check=True, capture_output=True)  # fmt: skip
    return sorted(str(path) for path in folder.glob("*.md"))


def _judged_everywhere(verifier: Any, knowledge: Any) -> tuple[list[int], set[str]]:
    """What verifying the drafts gives when every claim of the corpus is judged again."""
    from linter.facts.knowledge import KnowledgeBase, build
    from linter.facts.matching import judge_all
    from linter.facts.tables import parse_table
    from linter.facts.writing import table_text

    corpus, made = verifier.corpus, verifier.made
    checked, _ = build([parse_table(table_text({}, [d.fact for d in made]), "<drafts>")])
    combined = KnowledgeBase.of([*knowledge.facts, *checked.facts])
    by_document: dict[int, list[int]] = {}
    for index, stated in enumerate(corpus.stated):
        by_document.setdefault(id(stated.document), []).append(index)
    decided = {}
    for indexes in by_document.values():
        claims = [corpus.stated[i].claim for i in indexes]
        verdicts = judge_all(combined, corpus.stated[indexes[0]].document, claims)
        decided.update((i, (v.status, v.fact.id if v.fact else None))
                       for i, v in zip(indexes, verdicts, strict=True))  # fmt: skip
    own = {index: draft.fact["id"] for draft in made for index in draft.members}
    misses = [index for index in sorted(own) if decided[index] != ("verified", own[index])]
    drafted = {draft.fact["id"] for draft in made}
    changed = {
        str(decision[1])
        for index, decision in decided.items()
        if index not in own and decision != verifier.before[index] and decision[1] in drafted
    }
    return misses, changed


def test_verifying_what_drafts_reach_agrees_with_judging_every_claim(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from linter.facts import suggest as suggesting
    from linter.facts.knowledge import load

    files = _generated(tmp_path, 12)
    knowledge = load([str(ROOT / "facts")])
    rounds = []
    outcome = suggesting.Verifier.outcome

    def compared(verifier: Any) -> tuple[list[int], set[str]]:
        found = outcome(verifier)
        rounds.append((found, _judged_everywhere(verifier, knowledge)))
        return found

    monkeypatch.setattr(suggesting.Verifier, "outcome", compared)
    result = suggesting.suggest(files, knowledge=knowledge)
    # drafts that took another claim's fact were dropped and the rest checked again, and
    # some claims are not verified by their own draft: every path of the check was taken
    for found, everywhere in rounds:
        assert found == everywhere
    assert len(rounds) == suggesting.VERIFY_ROUNDS and result.dropped and result.misses


def _singling_agrees(files: list[str]) -> tuple[int, int]:
    """Check the keyword search's verdict on sets of one and two words for every group of
    claims (and each of its first members alone) against every sentence holding the words
    looked at one by one; how many sets were tried and how many passed."""
    import itertools

    from linter.facts import drafts
    from linter.facts import suggest as suggesting
    from linter.facts.knowledge import load

    corpus, before, _ = suggesting.read_corpus(files, "sentence", load([str(ROOT / "facts")]))
    targets = [i for i, (status, _) in enumerate(before) if status == "unverified"]
    search = suggesting.KeywordSearch(corpus)

    def singles_out(words: tuple[str, ...], members: list[int], unit: dict[str, str]) -> bool:
        kind = corpus.stated[members[0]].claim.kind
        compatible = {i for i, s in enumerate(corpus.stated)
                      if suggesting._compatible(s.claim, kind, unit)}  # fmt: skip
        home = {corpus.sentence_of[i] for i in members}
        holding = set.intersection(*(set(corpus.postings.get(w, ())) for w in words))
        return (
            home <= holding
            and set(members) <= compatible
            and not any(i in compatible for s in holding - home for i in corpus.sentences[s].claims)
        )

    tried = passed = 0
    groups = suggesting._groups(corpus, targets)
    for group in [*groups, *([member] for whole in groups for member in whole[:3])]:
        unit = drafts.unit_of([corpus.stated[i].claim for i in group])
        singling = suggesting._Singling(search, group, unit)
        words = search.candidates(group, False)
        some = False
        for size in (1, 2):
            for chosen in itertools.combinations(words, size):
                expected = singles_out(chosen, group, unit)
                assert singling.singles_out(chosen) == expected, (group, chosen)
                tried, passed, some = tried + 1, passed + expected, some or expected
        assert singling.may_single_out(words) or not some
    return tried, passed


def test_keyword_sets_single_out_exactly_the_claims_a_full_search_finds(tmp_path: Path) -> None:
    tried, passed = _singling_agrees(_generated(tmp_path, 6))
    assert tried > 1000 and 0 < passed < tried
    folder = _articles(
        tmp_path,
        a="# A\n\nThe Orbis bridge opened at Kelmar in 1931, praised in Tarvo.\n",
        b="# B\n\nThe Orbis bridge opened at Kelmar in 1932 by another account.\n",
        c="# C\n\nThe Velo canal opened in Tarvo in 1940 by barge, praised by none.\n",
    )
    tried, passed = _singling_agrees(sorted(str(path) for path in folder.glob("*.md")))
    # "Kelmar" singles out the bridge's two claims, not one of them: one sentence is beside
    assert 0 < passed < tried
