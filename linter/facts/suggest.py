"""`facts suggest`: a draft fact for every claim no fact covers, keyed to match only it.

The keywords are the fewest words of the claim's sentence that no other claim's sentence
holds (with the same kind and counted noun): rarer words first, names before other words.
Where a sentence holds several claims of one kind, a claim's keywords are taken from the
words nearer to it than to the others, since the matcher gives a fact to the claim nearest
its keywords. Claims that several articles make in similar sentences become one draft.
Every draft is then checked with the real matcher, over the whole corpus: each claim must
be verified by its own draft, and no claim a table already decides may change its verdict.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from linter import claims as claim_extraction
from linter import numbers, parse, source
from linter.claims import INFINITY, MONTHS, Claim
from linter.context import CitationScope, attach_citations
from linter.corpus import signature, similar
from linter.document import Document
from linter.errors import UserError
from linter.facts import drafts
from linter.facts.drafts import SourceBook, Stated
from linter.facts.keywords import INFLECTIONS, Keyword, lower_same_length
from linter.facts.knowledge import Fact, KnowledgeBase, build
from linter.facts.matching import judge_all
from linter.facts.tables import parse_table
from linter.facts.writing import table_text

_TOKEN = re.compile(r"\w+")
_SUFFIXES = tuple(s for s in INFLECTIONS if s.isalpha())
_NOT_KEYWORDS = frozenset(
    {m.lower() for m in MONTHS}
    | set(numbers.UNITS) | set(numbers.TENS) | set(numbers.SCALES)
    | set(claim_extraction._STOPWORDS)
    | set("""about around approximately roughly nearly almost circa estimated more than least
    fewer less most early late mid century decade year years month months week weeks day days
    hundreds thousands millions dozens scores percent per cent the not no yet still even
    ever never much many several various however although though because would could might
    must may did does done become became whereas his her him she they them their its our
    we you one ones another first second last following""".split())
)  # fmt: skip
_NOT_NOUN = re.compile(r"(?:ly|ing|ed)$")
HEADER = """Draft facts written by `encyclint facts suggest`, one for each claim no fact covered.
Review each against its source: correct the value, add sources, then delete `status: draft`.
Until then `encyclint check` reports every claim a draft verifies (FCT004 draft-fact)."""
CANDIDATE_WORDS = 12
"""Words of a sentence tried as keywords, best first (at most 12 choose 4 sets)."""
MOST_KEYWORDS = 4
MIXED_WORDS = 14
"""Near words first, then others: at most 14 choose 4 sets in the second search."""
VERIFY_ROUNDS = 3
"""Drafts that change another claim's verdict are dropped and the rest checked again."""


@dataclass(slots=True)
class _Sentence:
    """One sentence of the corpus: its words, and the claims in it."""

    original: str
    offset: int
    """Where the sentence starts in its block's prose."""
    before: str
    """The character before it in the prose, for a word boundary at its start."""
    tokens: frozenset[str]
    """The words as written (lower case): the only ones offered as keywords."""
    claims: list[int] = field(default_factory=list)
    _words: dict[str, list[tuple[int, int]]] | None = None

    @property
    def words(self) -> dict[str, list[tuple[int, int]]]:
        """Each keyword that would match here (a word, or a word less its inflection) →
        its spans: worked out on first use, as only drafted claims' sentences are asked."""
        if self._words is None:
            words: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for match in _TOKEN.finditer(lower_same_length(self.original)):
                token = match.group()
                for word in _forms(token):
                    words[word].append(match.span())
            self._words = dict(words)
        return self._words


@functools.lru_cache(maxsize=1 << 18)
def _forms(token: str) -> tuple[str, ...]:
    """The keywords a word would match as: itself, and itself less each inflection.
    Remembered, as a corpus repeats its words in every sentence."""
    stems = (token[: -len(s)] for s in _SUFFIXES if token.endswith(s) and len(token) > len(s))
    return (token, *stems)


@dataclass(slots=True)
class Draft:
    """A draft fact and the claims it is drafted from."""

    members: list[int]
    keywords: list[str]
    unique: bool
    fact: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Result:
    """What `facts suggest` found and wrote."""

    drafts: list[dict[str, Any]]
    sources: dict[str, dict[str, str]]
    unverified: int
    """Claims no fact covered."""
    shared: int
    """Drafts that stand for claims of several articles."""
    misses: list[str]
    """Claims (path:line:column) the matcher does not verify with their own draft."""
    dropped: list[str]
    """Claims left without a draft: theirs would change what the tables decide of another."""
    problems: list[str]
    """Articles that could not be read, as messages."""


class Corpus:
    """Every claim of the articles, with its sentence's words indexed for the keyword search."""

    def __init__(self) -> None:
        self.stated: list[Stated] = []
        self.sentence_of: list[int] = []
        self.sentences: list[_Sentence] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        """Keyword → the sentences it matches in, in order (lists: much less memory than sets)."""

    def add(self, path: str, document: Document, found: Sequence[Claim]) -> None:
        seen: dict[tuple[int, int], int] = {}
        for claim in found:
            where = (claim.block, claim.sentence)
            index = seen.get(where)
            if index is None:
                block = document.blocks[claim.block]
                sentence = block.sentences[claim.sentence] if block.sentences else None
                start, end = (sentence.start, sentence.end) if sentence else (0, len(block.prose))
                before = block.prose[start - 1] if start else ""
                index = seen[where] = self._add_sentence(block.prose[start:end], start, before)
            self.sentences[index].claims.append(len(self.stated))
            self.stated.append(Stated(path, document, claim))
            self.sentence_of.append(index)

    def _add_sentence(self, text: str, offset: int, before: str) -> int:
        tokens = frozenset(map(sys.intern, _TOKEN.findall(lower_same_length(text))))
        index = len(self.sentences)
        self.sentences.append(_Sentence(text, offset, before, tokens))
        postings = self.postings
        for word in {form for token in tokens for form in _forms(token)}:
            postings[word].append(index)
        return index

    def reachable(self, facts: Iterable[Fact]) -> set[int]:
        """The claims whose verdict these facts could change: those of a fact's kind in the
        sentences that could hold all its keywords. No other claim can match them, and the
        matcher weighs each sentence and kind alone, so every other verdict stays as it was."""
        reached: set[int] = set()
        alike = {(fact.kind, fact.keywords): fact for fact in facts}  # they reach the same
        for (kind, _), fact in alike.items():
            held = [self._holding(keyword) for keyword in fact.keyword_entries]
            sentences = set.intersection(*held) if held else range(len(self.sentences))
            for sentence in sentences:
                reached.update(
                    index
                    for index in self.sentences[sentence].claims
                    if self.stated[index].claim.kind == kind
                )
        return reached

    def _holding(self, keyword: Keyword) -> set[int]:
        """The sentences the keyword could occur in: all it occurs in, and perhaps others.

        It occurs only where one of its alternatives' first words starts a word, at which
        the postings file that word or the word less its inflection; a first word that is
        not all word characters ("1,000") is looked for as a substring, as the matcher does
        before any search."""
        found: set[int] = set()
        for needle in keyword.needles:
            if _TOKEN.fullmatch(needle):
                found.update(self.postings.get(needle, ()))
            else:
                found.update(
                    index
                    for index, sentence in enumerate(self.sentences)
                    if needle in lower_same_length(sentence.original)
                )
        return found

    def likeness(self, sentence: int, indexes: Sequence[int]) -> tuple[Any, ...]:
        """What the matcher reads of a sentence and these claims of it, positions taken
        within the sentence: where two sentences are alike, so are the claims' verdicts."""
        seen = self.sentences[sentence]
        offset = seen.offset
        claims = tuple(
            (c.kind, c.text, c.low, c.high, c.precision, c.qualifier, c.unit,
             c.start - offset, c.end - offset)
            for c in (self.stated[index].claim for index in indexes)
        )  # fmt: skip
        return seen.original, seen.before, claims

    def position(self, index: int) -> tuple[int, int]:
        """The claim's start and end within its sentence."""
        claim = self.stated[index].claim
        offset = self.sentences[self.sentence_of[index]].offset
        return claim.start - offset, claim.end - offset


def _distance(span: tuple[int, int], claim: tuple[int, int]) -> int:
    """As the matcher measures it: the gap between a keyword and the claim."""
    return max(span[0] - claim[1], claim[0] - span[1], 0)


def _compatible(claim: Claim, kind: str, unit: dict[str, str]) -> bool:
    """Whether a fact of this kind and unit can match the claim (keywords aside)."""
    if claim.kind != kind or claim.low == -INFINITY:
        return False
    if "unit" in unit and claim.unit is not None and kind == "count":
        return bool(Keyword.parse(unit["unit"]).spans(lower_same_length(claim.unit)))
    if "currency" in unit and claim.unit is not None and kind == "money":
        return unit["currency"] in claim.unit.split("|")
    return True


def _bits(numbers: Iterable[int]) -> int:
    """A set of sentence numbers as the bits of an int: sets of thousands of sentences then
    intersect in one operation, not one look-up per sentence."""
    bits = bytearray()
    for number in numbers:
        byte = number >> 3
        if byte >= len(bits):
            bits.extend(bytes(byte + 1 - len(bits)))
        bits[byte] |= 1 << (number & 7)
    return int.from_bytes(bits, "little")


class KeywordSearch:
    """Finds the fewest sentence words with which a draft matches its claims and no other."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._compatible: dict[tuple[str, tuple[tuple[str, str], ...]], set[int]] = {}
        self._compatible_bits: dict[tuple[str, tuple[tuple[str, str], ...]], int] = {}
        self._word_bits: dict[str, int] = {}

    def compatible(self, kind: str, unit: dict[str, str]) -> set[int]:
        """The claims a fact of this kind and unit can match, keywords aside: worked out
        once for each, as every draft of that kind and unit asks again."""
        key = (kind, tuple(sorted(unit.items())))
        found = self._compatible.get(key)
        if found is None:
            found = self._compatible[key] = {
                index
                for index, stated in enumerate(self.corpus.stated)
                if _compatible(stated.claim, kind, unit)
            }
        return found

    def compatible_sentences(self, kind: str, unit: dict[str, str]) -> int:
        """The sentences (as bits) holding a claim of ``compatible``."""
        key = (kind, tuple(sorted(unit.items())))
        found = self._compatible_bits.get(key)
        if found is None:
            sentence_of = self.corpus.sentence_of
            found = self._compatible_bits[key] = _bits(
                sentence_of[index] for index in self.compatible(kind, unit)
            )
        return found

    def holding(self, word: str) -> int:
        """The sentences (as bits) the keyword would match in."""
        found = self._word_bits.get(word)
        if found is None:
            found = self._word_bits[word] = _bits(self.corpus.postings.get(word, ()))
        return found

    def candidates(self, members: Sequence[int], near: bool) -> list[str]:
        """Words every member's sentence holds, rarest first; with ``near``, only words
        nearer to each member than to any other claim of its kind in its sentence."""
        corpus = self.corpus
        shared = set.intersection(
            *(set(corpus.sentences[corpus.sentence_of[index]].tokens) for index in members)
        )
        shared = {w for w in shared if len(w) >= 3 and w.isalpha() and w not in _NOT_KEYWORDS}
        if near:
            shared = {
                word for word in shared
                if all(self._nearest(index, corpus.sentences[corpus.sentence_of[index]].words[word])
                       for index in members)
            }  # fmt: skip
        first = corpus.sentences[corpus.sentence_of[members[0]]]
        own = corpus.position(members[0])

        def rank(word: str) -> tuple[int, int, int]:
            """Names (capitalised inside the sentence) first, then nouns as far as their ending
            tells, then other words; rarer before commoner, nearer before farther."""
            spans = first.words[word]
            named = any(s[0] > 0 and first.original[s[0]].isupper() for s in spans)
            kind = 0 if named else 2 if _NOT_NOUN.search(word) else 1
            return kind, len(corpus.postings[word]), min(_distance(s, own) for s in spans)

        return sorted(shared, key=lambda w: (rank(w), w))[:CANDIDATE_WORDS]

    def _nearest(self, index: int, spans: list[tuple[int, int]]) -> bool:
        corpus = self.corpus
        claim = corpus.stated[index].claim
        sentence = corpus.sentences[corpus.sentence_of[index]]
        own = min(_distance(s, corpus.position(index)) for s in spans)
        return all(
            own < min(_distance(s, corpus.position(other)) for s in spans)
            for other in sentence.claims
            if other != index and corpus.stated[other].claim.kind == claim.kind
        )

    def choose(self, members: Sequence[int], unit: dict[str, str]) -> tuple[list[str], bool]:
        """The fewest keywords matching exactly ``members``, and whether any set does."""
        singling = _Singling(self, members, unit)
        near = self.candidates(members, True)
        anywhere = self.candidates(members, False)
        mixed = (near + [w for w in anywhere if w not in near])[:MIXED_WORDS]
        # Words nearer the claim than any other claim of its kind; then any words, as long
        # as the set as a whole stands nearer the claim (the matcher measures a set by its
        # nearest word); then any words at all, for the matcher to settle by agreement.
        for words, check in ((near, False), (mixed, True), (anywhere, False)):
            if not singling.may_single_out(words):
                continue
            for size in range(1, min(MOST_KEYWORDS, len(words)) + 1):
                for chosen in itertools.combinations(words, size):
                    if singling.singles_out(chosen) and (not check or self._owns(members, chosen)):
                        return self._spelled(members[0], chosen), True
        fallback = (near or anywhere)[:MOST_KEYWORDS]
        return self._spelled(members[0], fallback), False

    def _owns(self, members: Sequence[int], chosen: Sequence[str]) -> bool:
        """Whether keywords ``chosen`` stand nearer each member than any other claim of its
        kind in its sentence."""
        corpus = self.corpus
        for index in members:
            sentence = corpus.sentences[corpus.sentence_of[index]]
            kind = corpus.stated[index].claim.kind
            spans = [s for w in chosen for s in sentence.words[w]]
            own = min(_distance(s, corpus.position(index)) for s in spans)
            for other in sentence.claims:
                if other == index or corpus.stated[other].claim.kind != kind:
                    continue
                if min(_distance(s, corpus.position(other)) for s in spans) <= own:
                    return False
        return True

    def _spelled(self, index: int, words: Iterable[str]) -> list[str]:
        """The words as the sentence writes them (``Stalin``, not ``stalin``)."""
        sentence = self.corpus.sentences[self.corpus.sentence_of[index]]
        spelled = []
        for word in words:
            start = sentence.words[word][0][0]
            spelled.append(sentence.original[start : start + len(word)])
        return spelled


class _Singling:
    """Whether sets of words single out one draft's claims, with what each set asks worked
    out once: the draft's sentences, the others holding a claim it could match, and which
    of those hold each word. Thousands of sets are tried for each draft."""

    def __init__(self, search: KeywordSearch, members: Sequence[int], unit: dict[str, str]) -> None:
        corpus = search.corpus
        kind = corpus.stated[members[0]].claim.kind
        self.search = search
        self.possible = set(members) <= search.compatible(kind, unit)
        self.home = _bits(corpus.sentence_of[index] for index in members)
        self.beside = search.compatible_sentences(kind, unit) & ~self.home
        self._beside: dict[str, int | None] = {}

    def singles_out(self, words: Sequence[str]) -> bool:
        """Whether a fact with these keywords (and the draft's kind and unit) would match
        every claim of the draft and no claim outside their sentences (those beside them
        the matcher settles by distance)."""
        if not self.possible:
            return False
        left = self.beside
        for word in words:
            beside = self._beside_holding(word)
            if beside is None:
                return False
            left &= beside
        return not left

    def may_single_out(self, words: Sequence[str]) -> bool:
        """Whether some set of these words may single the claims out: none can where some
        sentence beside them holds all the words (and a claim the draft could match), as a
        set of fewer words leaves more such sentences. Most drafts that no words single out
        are then not tried with every set."""
        if not self.possible:
            return False
        left = self.beside
        for word in words:
            beside = self._beside_holding(word)
            if beside is not None:
                left &= beside
        return not left

    def _beside_holding(self, word: str) -> int | None:
        """The sentences of ``beside`` holding the word; None where one of the draft's
        sentences does not hold it."""
        if word not in self._beside:
            holding = self.search.holding(word)
            home = self.home
            self._beside[word] = holding & self.beside if holding & home == home else None
        return self._beside[word]


Decision = tuple[str, "str | None"]
"""A claim's verdict: its status and the fact that decided it."""


def read_corpus(
    files: Sequence[str], scope: CitationScope, knowledge: KnowledgeBase | None
) -> tuple[Corpus, list[Decision], list[str]]:
    """Every article's claims; what the tables decide of each; the articles that failed."""
    corpus = Corpus()
    problems: list[str] = []
    for path in files:
        try:
            text = source.from_text(source.decode(source.read_bytes(path), path), path)
            document = parse.parse(text)
        except UserError as error:
            problems.append(str(error))
            continue
        found = claim_extraction.extract(document)
        attach_citations(document, found, scope)
        corpus.add(path, document, found)
    everything = range(len(corpus.stated))
    if knowledge is None:
        return corpus, [("unverified", None) for _ in everything], problems
    decided = _decided(corpus, knowledge, everything)
    return corpus, [decided[index] for index in everything], problems


def _groups(corpus: Corpus, targets: Sequence[int]) -> list[list[int]]:
    """Claims of several articles in similar sentences, of one kind and counted noun."""
    group_of: dict[int, list[int]] = {}
    groups: list[list[int]] = []
    signatures = {index: signature(corpus.stated[index].claim) for index in targets}
    by_word: dict[tuple[str, str | None, str], list[int]] = defaultdict(list)
    for index in targets:
        claim = corpus.stated[index].claim
        head = claim.unit.split()[-1].lower() if claim.unit else None
        for word in signatures[index]:
            by_word[(claim.kind, head, word)].append(index)
    for index in targets:
        if index in group_of:
            continue
        claim = corpus.stated[index].claim
        head = claim.unit.split()[-1].lower() if claim.unit else None
        group = [index]
        paths = {corpus.stated[index].path}
        others = sorted({
            other for word in signatures[index]
            for other in by_word[(claim.kind, head, word)]
            if other > index and other not in group_of
        })  # fmt: skip
        for other in others:
            path = corpus.stated[other].path
            if path not in paths and similar(signatures[index], signatures[other]):
                group.append(other)
                paths.add(path)
        for member in group:
            group_of[member] = group
        groups.append(group)
    return groups


def suggest(
    files: Sequence[str],
    *,
    scope: CitationScope = "sentence",
    knowledge: KnowledgeBase | None = None,
) -> Result:
    """Draft facts for the claims of ``files`` that ``knowledge`` leaves unverified."""
    corpus, before, problems = read_corpus(files, scope, knowledge)
    targets = [
        index
        for index, (status, _) in enumerate(before)
        if status == "unverified" and corpus.stated[index].claim.low != -INFINITY
    ]
    search = KeywordSearch(corpus)
    book = SourceBook(knowledge.sources if knowledge is not None else {})
    taken = {fact.id for fact in knowledge.facts} if knowledge is not None else set()
    made: list[Draft] = []
    for group in _groups(corpus, targets):
        keywords, unique = search.choose(
            group, drafts.unit_of([corpus.stated[i].claim for i in group])
        )
        if unique or len(group) == 1:
            made.append(Draft(group, keywords, unique))
            continue
        for member in group:  # no words single the group out: a draft each
            unit = drafts.unit_of([corpus.stated[member].claim])
            made.append(Draft([member], *search.choose([member], unit)))
    for draft in made:
        draft.fact = _fact(draft, corpus, book, taken)
    dropped: list[int] = []
    verifier = Verifier(corpus, made, knowledge, before)
    for round_number in range(1, VERIFY_ROUNDS + 1):
        misses, changed = verifier.outcome()
        dropped.extend(i for d in verifier.made if d.fact["id"] in changed for i in d.members)
        verifier.drop(changed)
        if not changed or round_number == VERIFY_ROUNDS:
            break
    made = verifier.made
    left = {index for draft in made for index in draft.members}
    misses = [index for index in misses if index in left]
    cited = {key for draft in made for key in draft.fact.get("sources", [])}
    return Result(
        drafts=[draft.fact for draft in made],
        sources={key: entry for key, entry in book.new.items() if key in cited},
        unverified=len(targets),
        shared=sum(1 for draft in made if len(draft.members) > 1),
        misses=[corpus.stated[i].where() for i in misses],
        dropped=[corpus.stated[i].where() for i in sorted(dropped)],
        problems=problems,
    )


def _fact(draft: Draft, corpus: Corpus, book: SourceBook, taken: set[str]) -> dict[str, Any]:
    stated = [corpus.stated[i] for i in draft.members]
    claims = [s.claim for s in stated]
    value, disagree = drafts.merged_value(claims)
    kind = claims[0].kind
    keys: list[str] = []
    missing: list[str] = []
    for one in stated:
        found, lacking = book.keys_for(one)
        keys.extend(found)
        missing.extend(lacking)
    if not draft.keywords:
        draft.keywords = [claims[0].text]
    fact: dict[str, Any] = {
        "id": drafts.fact_id(draft.keywords, kind, taken),
        "statement": drafts.statement(stated[0]),
        "keywords": draft.keywords,
        kind: value,
        **drafts.unit_of(claims),
    }
    if keys:
        fact["sources"] = list(dict.fromkeys(keys))
    fact["status"] = "draft"
    fact["note"] = drafts.note(stated, disagree, list(dict.fromkeys(missing)), draft.unique)
    return fact


def draft_table(result: Result, header: str = "") -> str:
    return table_text(result.sources, result.drafts, header)


class Verifier:
    """The drafts checked with the real matcher over the corpus, round after round: the
    drafted claims not verified by their own draft, and the drafts that change what the
    tables decide of another claim (which would hide a contradiction, or take a claim from
    its fact).

    Only the claims a draft could reach are judged (``Corpus.reachable``): every other
    verdict is the tables' own. A dropped draft's reach is judged again, the rest kept.
    """

    def __init__(
        self,
        corpus: Corpus,
        made: Sequence[Draft],
        knowledge: KnowledgeBase | None,
        before: list[Decision],
    ) -> None:
        self.corpus = corpus
        self.made = list(made)
        self.before = before
        self.existing = list(knowledge.facts) if knowledge is not None else []
        table = parse_table(table_text({}, [d.fact for d in made]), "<drafts>")
        checked, problems = build([table])
        problems = [p for p in problems if p.code != "TBL002"]  # their sources are elsewhere
        if problems:
            raise RuntimeError(f"a draft fact is invalid: {problems[0]}")
        self.facts = {fact.id: fact for fact in checked.facts}
        """The drafts left, by id, in the order of the table they were checked from."""
        self.decided: dict[int, Decision] = {}
        """The verdicts of the claims the drafts left (or those dropped) could reach."""
        self._pending = list(checked.facts)
        """Drafts added or dropped whose reach is still to be judged."""

    def drop(self, ids: set[str]) -> None:
        """Leave out these drafts: what they reached is judged again without them."""
        self.made = [draft for draft in self.made if draft.fact["id"] not in ids]
        self._pending.extend(self.facts.pop(fact_id) for fact_id in ids)

    def outcome(self) -> tuple[list[int], set[str]]:
        """The drafted claims their own draft does not verify, and the drafts (ids) that
        change the verdict of another claim."""
        if self._pending:
            combined = KnowledgeBase.of([*self.existing, *self.facts.values()])
            reached = self.corpus.reachable(self._pending)
            self.decided.update(_decided(self.corpus, combined, reached))
            self._pending = []
        before, decided = self.before, self.decided
        own = {index: draft.fact["id"] for draft in self.made for index in draft.members}
        misses = [
            index
            for index in sorted(own)
            if decided.get(index, before[index]) != ("verified", own[index])
        ]
        changed = {
            str(decision[1])
            for index, decision in decided.items()
            if index not in own and decision != before[index] and decision[1] in self.facts
        }
        return misses, changed


def _decided(
    corpus: Corpus, knowledge: KnowledgeBase, indexes: Iterable[int]
) -> dict[int, Decision]:
    """The verdicts under ``knowledge`` of the claims ``indexes``, which must hold every
    claim of each sentence and kind they touch (the matcher weighs those together).

    A sentence is judged once for all the articles that write it with the same claims: a
    verdict depends on nothing else, and generated or copied articles repeat sentences."""
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for index in sorted(indexes):
        by_sentence[corpus.sentence_of[index]].append(index)
    alike: dict[tuple[Any, ...], list[Decision]] = {}
    decided: dict[int, Decision] = {}
    for sentence, claims in by_sentence.items():
        key = corpus.likeness(sentence, claims)
        decisions = alike.get(key)
        if decisions is None:
            document = corpus.stated[claims[0]].document
            verdicts = judge_all(knowledge, document, [corpus.stated[i].claim for i in claims])
            decisions = alike[key] = [(v.status, v.fact.id if v.fact else None) for v in verdicts]
        decided.update(zip(claims, decisions, strict=True))
    return decided
