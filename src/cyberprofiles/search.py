"""Ranked full-text search over every text field of the profiles.

A query is words and "quoted phrases"; every one must match somewhere in a profile (AND). Matching
ignores case, diacritics and punctuation, and a query word matches a word of the text that starts
with the query word's stem (a light stemming), so "exercise" finds "exercises" and "strategies"
finds "strategy". A match in a name or title weighs more than one in a summary; more matches rank
higher (with diminishing returns, and more for rare words than for words nearly every profile
has), and a profile where the words meet in one field, or stand side by side as typed, ranks
above one where they are scattered.

Each field is folded into its words (``searchtext``) when its file is checked; scoring counts
each single word in those folds as plain text (``Term``) and runs patterns only for phrases, and
snippets, which need the original text's offsets, are worked out only for the hits that are shown.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import marshal
import math
import os
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .errors import UsageError
from .names import normalise
from .query import filter_profiles
from .searchtext import fold, segments, stem, text_fields, unpack, words

if TYPE_CHECKING:
    from .dataset import Dataset
    from .profile import Profile
    from .query import Filters

_QUERY = re.compile(r'"([^"]*)"|(\S+)')
SNIPPET_RADIUS = 60
#: Extra weight of a field in which every term of a query matches, and of one in which the
#: query's words stand side by side in order.
TOGETHER_BONUS, PHRASE_BONUS = 1, 3


def parse_query(query: str) -> list[list[str]]:
    """The query as terms; each term is a list of words (one word, or a phrase)."""
    terms = []
    for phrase, word in _QUERY.findall(query):
        found = normalise(phrase or word).split()
        if found:
            terms.append(found)
    return terms


def _word(word: str) -> str:
    """A pattern for one folded word of the text matching the query word ``word``: a word
    starting with its stem, or (for a stem ending in -y) the -ies plural of it."""
    s = stem(word)
    if s.endswith("y") and len(s) >= 4:
        return re.escape(s[:-1]) + "(?:y[^ ]*|ies(?= ))"
    return re.escape(s) + "[^ ]*"


def _lead(word: str) -> str:
    """The letters every match of the query word ``word`` starts with (its stem, less the -y
    that an -ies plural replaces)."""
    s = stem(word)
    return s[:-1] if s.endswith("y") and len(s) >= 4 else s


def term_pattern(term: Sequence[str]) -> re.Pattern[str]:
    """A pattern matching ``term`` (one word, or a phrase's words in order) in a fold.

    The pattern leads with the first word's literal stem and checks afterwards that it starts a
    word, so that the regex engine can skip through the text looking for the literal instead of
    trying every position.
    """
    first = _word(term[0])
    literal = re.escape(_lead(term[0]))
    rest = first[len(literal) :]
    head = f"{literal}(?<= {literal}){rest}"
    return re.compile(" ".join([head, *(_word(w) for w in term[1:])]) + "(?= )")


class FieldMatch:
    """A field of a profile that matched, with a snippet and the matches' spans in it."""

    __slots__ = ("count", "field", "highlights", "snippet")

    def __init__(
        self, field: str, snippet: str, highlights: list[tuple[int, int]], count: int
    ) -> None:
        self.field = field
        self.snippet = snippet
        self.highlights = highlights
        self.count = count

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldMatch) and self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"FieldMatch({self.field!r}, {self.snippet!r})"

    def to_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
        }


class SearchHit:
    """A profile that matched: its id, name and score, and (worked out on first use) the
    fields that matched, each with a snippet."""

    def __init__(
        self,
        profile: Profile,
        score: int,
        patterns: list[re.Pattern[str]],
        phrase: re.Pattern[str] | None = None,
        folded: str | None = None,
    ) -> None:
        self.profile = profile
        #: The profile's search text (``searchtext.pack``): each field's fold is taken from it
        #: rather than folded again.
        self._folded = folded
        self.id = profile.id
        self.name = profile.name
        self.score = score
        self._patterns = patterns
        self._phrase = phrase

    def __repr__(self) -> str:
        return f"SearchHit({self.id!r}, score={self.score})"

    @functools.cached_property
    def _fields(self) -> list[tuple[str, str, str, list[int]]]:
        """(path, text, fold, matches per term) of each matching field, best first: the words
        as typed, then the most terms, then the most matches."""
        found = []
        by_weight = {w: iter(joined.split("|")) for w, joined in unpack(self._folded or "")}
        for path, text, weight in text_fields(self.profile.record):
            folds = by_weight.get(weight)
            folded = next(folds, None) if folds is not None else None
            if folded is None:
                folded = fold(text)
            counts = [len(p.findall(folded)) for p in self._patterns]
            if any(counts):
                found.append((path, text, folded, counts))
        phrase = self._phrase

        def rank(f: tuple[str, str, str, list[int]]) -> tuple[bool, int, int]:
            typed = phrase is not None and phrase.search(f[2]) is not None
            return (not typed, -sum(1 for c in f[3] if c), -sum(f[3]))

        found.sort(key=rank)
        return found

    @property
    def fields(self) -> list[tuple[str, int]]:
        """(field path, number of matches) of each matching field, best first."""
        return [(path, sum(counts)) for path, _, _, counts in self._fields]

    @functools.cached_property
    def matches(self) -> list[FieldMatch]:
        """Each matching field with a snippet around its first match, best first."""
        return [self._match(text, folded, path) for path, text, folded, _ in self._fields]

    @property
    def best(self) -> FieldMatch:
        """The match in the best field: the most terms, then the most matches."""
        path, text, folded, _ = self._fields[0]
        return self._match(text, folded, path)

    def _match(self, text: str, folded: str, path: str) -> FieldMatch:
        positions = [(m.start(), m.end()) for p in self._patterns for m in p.finditer(folded)]
        spans = sorted(_text_spans(text, folded, positions))
        # The window opens where the words stand as typed, else at the first match.
        centre = None
        if self._phrase is not None:
            typed = self._phrase.search(folded)
            if typed is not None:
                centre = next(_text_spans(text, folded, [(typed.start(), typed.end())]), None)
        snippet, highlights = _snippet(text, spans, centre)
        return FieldMatch(path, snippet, highlights, len(spans))

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "matches": [m.to_dict() for m in self.matches],
        }


def _text_spans(
    text: str, folded: str, positions: list[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """Turn match positions in a fold back into character spans of the original text."""
    offsets = words(text)
    starts = []  # where each word starts in the fold
    cursor = 1
    for _, _, word in offsets:
        starts.append(cursor)
        cursor += len(word) + 1
    for start, end in positions:
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, end - 1) - 1
        if 0 <= first <= last < len(offsets):
            yield offsets[first][0], offsets[last][1]


def _snippet(
    text: str, spans: list[tuple[int, int]], centre: tuple[int, int] | None = None
) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around ``centre`` (default: the first match), with the spans that
    fall inside it."""
    if not spans:
        return text[: 2 * SNIPPET_RADIUS], []
    first_start, first_end = centre if centre is not None else spans[0]
    start = max(0, first_start - SNIPPET_RADIUS)
    end = min(len(text), first_end + SNIPPET_RADIUS)
    if start > 0:
        space = text.find(" ", start, first_start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space != -1 else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    window = " ".join(text[start:end].split("\n"))
    shift = len(prefix) - start
    inside = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return prefix + window + suffix, inside


class Term:
    """One term of a query (a word, or a phrase's words) and how to find it in a fold.

    A single word matches the folded words that start with its stem (see ``_word``): since a
    fold is its words with a space before each, those are counted by looking for the stem with a
    space in front, which is far quicker than running the pattern and finds the same matches.
    A phrase runs its pattern.
    """

    __slots__ = ("lead", "needle", "pattern", "plain", "plural", "plural_text")

    def __init__(self, words: Sequence[str]) -> None:
        self.pattern = term_pattern(words)
        self.lead = _lead(words[0])
        #: The stem with a space in front: its occurrences are exactly the pattern's matches
        #: (None for a phrase) ...
        self.needle: str | None = None
        #: ... and for a stem ending in -y, also the -ies plural's (a whole word, so looked for
        #: with a lookahead: a space ends one word and starts the next).
        self.plural: re.Pattern[str] | None = None
        self.plural_text = ""
        if len(words) == 1:
            s = stem(words[0])
            self.needle = f" {s}"
            if s.endswith("y") and len(s) >= 4:
                self.plural_text = f" {s[:-1]}ies"
                self.plural = re.compile(re.escape(self.plural_text) + "(?= )")
        #: The needle where finding it is finding the term (no plural to look for), else None.
        self.plain = self.needle if self.plural is None else None

    def count(self, text: str, start: int = 0, end: int = sys.maxsize) -> int:
        """How many times the term matches the fold ``text[start:end]`` (read in place)."""
        if self.needle is None:
            return len(self.pattern.findall(text, start, end))
        found = text.count(self.needle, start, end)
        plural = self.plural
        if plural is not None and text.find(self.plural_text, start, end) != -1:
            found += len(plural.findall(text, start, end))  # the literal first: quicker
        return found


class _Tally:
    """How often each term of a query matches a profile, weighted by field, and the bonus its
    fields earn where the terms meet."""

    __slots__ = ("bonus", "weighted")

    def __init__(self, weighted: list[float], bonus: float) -> None:
        self.weighted = weighted
        self.bonus = bonus


def tally(packed: str, terms: Sequence[Term], phrase: re.Pattern[str] | None) -> _Tally:
    """The tally of a profile's search text (``searchtext.pack``): the weighted count of each
    term (zero for a term it lacks), and the bonus of the fields in which every term matches
    (more where the words also stand as typed, ``phrase``). The terms are counted in place, a
    weight's folds at a time; only a weight holding every term is split into its fields."""
    counts = [0.0] * len(terms)
    bonus = 0.0
    several = len(terms) > 1
    for weight, start, end in segments(packed):
        here = [term.count(packed, start, end) for term in terms]
        for n, count in enumerate(here):
            counts[n] += weight * count
        if several and all(here):  # the terms may meet in one field of this weight
            together, typed = _meetings(packed[start:end], terms, here, phrase)
            bonus += weight * (together * TOGETHER_BONUS + typed * PHRASE_BONUS)
    return _Tally(counts, bonus)


def _meetings(
    folds: str, terms: Sequence[Term], counts: Sequence[int], phrase: re.Pattern[str] | None
) -> tuple[int, int]:
    """Of the fields in ``folds`` (separated by ``|``): how many every term matches, and how
    many of those hold ``phrase``. The fields are sifted a term at a time, the term with the
    fewest matches first, each by a plain substring test where the term allows one."""
    fields = folds.split("|")
    for n in sorted(range(len(terms)), key=counts.__getitem__):
        needle = terms[n].plain
        if needle is not None:
            fields = [field for field in fields if needle in field]
        else:
            fields = list(filter(terms[n].pattern.search, fields))
    if phrase is None or not fields:
        return len(fields), 0
    return len(fields), len(list(filter(phrase.search, fields)))


def score(found: _Tally, rarity: Sequence[float]) -> int:
    """A profile's score: for each term, its weighted count with diminishing returns (the
    tenth mention of "cyber" adds little), times how rare the term is among the profiles
    searched; plus the bonus for fields where the terms meet or stand as typed."""
    total = sum(r * (3 * c / (c + 2)) for c, r in zip(found.weighted, rarity, strict=True))
    return round(10 * (total + found.bonus))


def search(dataset: Dataset, query: str, filters: Filters | None = None) -> list[SearchHit]:
    """Every profile matching every term of ``query`` (and ``filters``), best first."""
    terms = parse_query(query)
    if not terms:
        raise UsageError("the query has no words to search for; try e.g. 'critical infrastructure'")
    counted = [Term(term) for term in terms]
    patterns = [term.pattern for term in counted]
    everything = [w for term in terms for w in term]
    phrase = term_pattern(everything) if len(terms) > 1 else None
    searched = filter_profiles(dataset, filters)
    present, matching, texts = _tally_searched(dataset, searched, counted, phrase)
    # A term found in few profiles tells more than one found in nearly all (inverse document
    # frequency, smoothed so that it stays positive).
    rarity = [math.log(1 + len(searched) / (1 + n)) for n in present]
    hits = [
        SearchHit(
            searched[i], score(_Tally(weighted, bonus), rarity), patterns, phrase, texts.get(i)
        )
        for i, weighted, bonus in matching
    ]
    # The profiles searched come sorted by name, and the hits in their order: a stable sort by
    # score alone ranks equal scores by name, without folding 10,000 names a second time.
    hits.sort(key=lambda h: -h.score)
    return hits


#: From this many profiles on, half of them are tallied in a forked process, in parallel with
#: the other half (at 10,000 profiles, reading and tallying take two thirds of a search).
PARALLEL_FROM = 2000

#: (position in the profiles searched, weighted counts, bonus) of each profile that matched.
Matching = list[tuple[int, list[float], float]]


def _tally_searched(
    dataset: Dataset, searched: list[Profile], terms: list[Term], phrase: re.Pattern[str] | None
) -> tuple[list[int], Matching, dict[int, str]]:
    """How many of ``searched`` each term matches; the tally of each that matches every term;
    the search texts read here, by position. Many profiles are split between this process and
    a forked one; the result is the same either way."""
    half = len(searched) // 2
    child = (
        _fork(dataset, searched, half, terms, phrase) if len(searched) >= PARALLEL_FROM else None
    )
    if child is None:
        return _tally_part(dataset, searched, 0, terms, phrase)
    present, matching, texts = _tally_part(dataset, searched[:half], 0, terms, phrase)
    theirs = child.result()
    if theirs is None:  # the other process failed: tally its half here
        theirs = _tally_part(dataset, searched[half:], half, terms, phrase)[:2]
    present = [a + b for a, b in zip(present, theirs[0], strict=True)]
    return present, matching + theirs[1], texts


def _tally_part(
    dataset: Dataset,
    profiles: Sequence[Profile],
    offset: int,
    terms: list[Term],
    phrase: re.Pattern[str] | None,
) -> tuple[list[int], Matching, dict[int, str]]:
    """``_tally_searched`` for ``profiles``, the part of the profiles searched that starts at
    position ``offset``."""
    dataset.prefetch_search([p.id for p in profiles])
    present = [0] * len(terms)
    matching: Matching = []
    texts: dict[int, str] = {}
    # Every match of a term contains its first word's lead letters: a profile whose text holds
    # none of them matches no term, and is passed over untallied.
    leads = [term.lead for term in terms]
    for i, profile in enumerate(profiles, offset):
        text = dataset.search_text(profile.id)
        if not any(lead in text for lead in leads):
            continue
        found = tally(text, terms, phrase)
        matched = [count > 0 for count in found.weighted]
        for n, here in enumerate(matched):
            present[n] += here
        if all(matched):
            matching.append((i, found.weighted, found.bonus))
            texts[i] = text
    return present, matching, texts


class _Forked:
    """The tally of the second half of the profiles searched, worked out by a forked process
    and read from a pipe."""

    def __init__(self, pid: int, reader: int) -> None:
        self.pid = pid
        self.reader = reader

    def result(self) -> tuple[list[int], Matching] | None:
        """The other process's (present, matching), or None if it failed."""
        status = 1
        try:
            with os.fdopen(self.reader, "rb") as pipe:
                payload = pipe.read()
        except OSError:
            payload = b""
        finally:  # reaped whatever happened (with the pipe closed, it cannot stay blocked)
            with contextlib.suppress(OSError):
                status = os.waitpid(self.pid, 0)[1]
        if status != 0:
            return None
        try:
            present, matching = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return None
        return present, matching


def _fork(
    dataset: Dataset,
    searched: list[Profile],
    half: int,
    terms: list[Term],
    phrase: re.Pattern[str] | None,
) -> _Forked | None:
    """Start tallying ``searched[half:]`` in a forked process; None where forking is not to be
    had or not safe (not Linux, one processor, other threads running)."""
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return None
    if threading.active_count() > 1:  # a fork copies one thread: another's locks could hang
        return None
    try:
        reader, writer = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the forked process: tally, write, and leave without running any cleanup
        code = 1
        try:
            os.close(reader)
            present, matching, _ = _tally_part(dataset, searched[half:], half, terms, phrase)
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(marshal.dumps((present, matching)))
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    return _Forked(pid, reader)
