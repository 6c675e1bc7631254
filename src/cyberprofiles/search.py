"""Ranked full-text search over every text field of the profiles.

A query is words and "quoted phrases"; every one must match somewhere in a profile (AND). Matching
ignores case, diacritics and punctuation, and a query word matches a word of the text when the
word, or its stem, starts with the query word's stem (a light stemming of both), so "exercise"
finds "exercises" and "strategies" finds "strategy". A match in a name or title weighs more than
one in a summary; more matches rank higher.

Each field is folded once, when the catalog is built, into a string of ``word/stem`` tokens.
Scoring runs compiled patterns over those strings; the snippets, which need the original text's
offsets, are worked out only for the hits that are printed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .errors import UsageError
from .names import normalise
from .query import Filters, filter_entries

if TYPE_CHECKING:
    from .catalog import Catalog, Entry
    from .models import Profile

_TOKEN = re.compile(r"\w+")
_QUERY = re.compile(r'"([^"]*)"|(\S+)')

#: Weight of a match by the kind of field it is in.
NAME_WEIGHT, TITLE_WEIGHT, TEXT_WEIGHT = 5, 3, 1
SNIPPET_RADIUS = 60


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A deliberately light English stemmer: enough to join singular and plural forms."""
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def words(text: str) -> list[tuple[int, int, str]]:
    """The folded words of ``text`` with the offsets of the text they come from."""
    found = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        # Plain ASCII words (nearly all) only need lower-casing; others get the full folding.
        folded = [raw.lower()] if raw.isascii() and "_" not in raw else normalise(raw).split()
        found += [(match.start(), match.end(), w) for w in folded]
    return found


def fold(text: str) -> str:
    """``text`` as space-separated ``word/stem`` tokens, padded with spaces, for matching."""
    return " " + " ".join(f"{w}/{stem(w)}" for _, _, w in words(text)) + " "


def parse_query(query: str) -> list[list[str]]:
    """The query as terms; each term is a list of words (one word, or a phrase)."""
    terms = []
    for phrase, word in _QUERY.findall(query):
        found = normalise(phrase or word).split()
        if found:
            terms.append(found)
    return terms


def term_pattern(term: list[str]) -> re.Pattern[str]:
    """A pattern matching ``term`` in a fold: one token per word, each word's or stem's start.

    The first word's stem leads the pattern as a literal, checked afterwards to stand at the
    start of a word or a stem (``[ /]`` before it), so that the regex engine can skip through
    the text looking for that literal instead of trying every position: about ten times faster.
    The rest of the token is consumed, so a token whose word and stem both match counts once.
    """
    first = re.escape(stem(term[0]))
    tokens = [f"{first}(?<=[ /]{first})[^ ]*"]
    for word in term[1:]:
        q = re.escape(stem(word))
        tokens.append(f"(?:{q}[^ ]*|[^ /]*/{q}[^ ]*)")
    return re.compile(" ".join(tokens) + "(?= )")


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

    def __repr__(self) -> str:
        return f"FieldMatch({self.field!r}, {self.snippet!r})"

    def to_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
        }


class SearchHit:
    """A profile that matched: its id and name, score, and (on first use) the fields matched.

    Plain classes here rather than dataclasses, whose generated methods cost start-up time.
    """

    def __init__(
        self, id: str, name: str, score: int, entry: Entry, patterns: list[re.Pattern[str]]
    ) -> None:
        self.id = id
        self.name = name
        self.score = score
        self.entry = entry
        self.patterns = patterns

    def __repr__(self) -> str:
        return f"SearchHit({self.id!r}, score={self.score})"

    @functools.cached_property
    def fields(self) -> list[tuple[str, int]]:
        """(field path, number of matches) of each matching field, most matches first."""
        found = []
        for (path, _, _), folded in zip(self.entry.texts, self.entry.folds, strict=True):
            count = sum(len(p.findall(folded)) for p in self.patterns)
            if count:
                found.append((path, count))
        found.sort(key=lambda f: -f[1])
        return found

    @functools.cached_property
    def matches(self) -> list[FieldMatch]:
        """Each matching field with a snippet around its first match, most matches first."""
        return [self.match_in(path) for path, _ in self.fields]

    def match_in(self, path: str) -> FieldMatch:
        """The snippet and highlights of the matches in the field ``path``."""
        for (field_path, value, _), folded in zip(self.entry.texts, self.entry.folds, strict=True):
            if field_path == path:
                positions = [
                    (m.start(), m.end()) for p in self.patterns for m in p.finditer(folded)
                ]
                spans = sorted(_text_spans(value, folded, positions))
                snippet, highlights = _snippet(value, spans)
                return FieldMatch(path, snippet, highlights, len(spans))
        raise KeyError(path)

    @functools.cached_property
    def best(self) -> FieldMatch:
        """The match in the field with the most matches."""
        return self.match_in(self.fields[0][0])

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
    for start, end in positions:
        first = folded.count(" ", 0, start) - 1
        last = first + folded.count(" ", start, end)
        yield offsets[first][0], offsets[last][1]


def text_fields(profile: Profile) -> Iterator[tuple[str, str, int]]:
    """Every searchable (field path, text, weight) of a profile."""
    yield "name", profile.name, NAME_WEIGHT
    if profile.official_name:
        yield "official_name", profile.official_name, NAME_WEIGHT
    for i, alias in enumerate(profile.aliases):
        yield f"aliases[{i}]", alias, NAME_WEIGHT
    if profile.summary:
        yield "summary", profile.summary, TEXT_WEIGHT
    for i, d in enumerate(profile.documents):
        yield f"documents[{i}].title", d.title, TITLE_WEIGHT
        yield f"documents[{i}].summary", d.summary, TEXT_WEIGHT
        yield f"documents[{i}].note", d.note, TEXT_WEIGHT
    for label, team in [("cert", profile.cert)] + [
        (f"other_csirts[{i}]", t) for i, t in enumerate(profile.other_csirts)
    ]:
        for key in ("name", "acronym"):
            yield f"{label}.{key}", getattr(team, key) or "", TITLE_WEIGHT
        for key in ("host", "summary", "note"):
            yield f"{label}.{key}", getattr(team, key) or "", TEXT_WEIGHT
    for i, c in enumerate(profile.cooperation):
        yield f"cooperation[{i}].title", c.title, TITLE_WEIGHT
        yield f"cooperation[{i}].summary", c.summary, TEXT_WEIGHT
        yield f"cooperation[{i}].partner_detail", c.partner_detail, TEXT_WEIGHT
    for i, ini in enumerate(profile.initiatives):
        yield f"initiatives[{i}].name", ini.name, TITLE_WEIGHT
        yield f"initiatives[{i}].acronym", ini.acronym or "", TITLE_WEIGHT
        yield f"initiatives[{i}].summary", ini.summary, TEXT_WEIGHT
    for i, ci in enumerate(profile.critical_infrastructure):
        yield f"critical_infrastructure[{i}].title", ci.title, TITLE_WEIGHT
        yield f"critical_infrastructure[{i}].summary", ci.summary, TEXT_WEIGHT
    for i, pos in enumerate(profile.positions):
        yield f"positions[{i}].summary", pos.summary, TEXT_WEIGHT
    for i, m in enumerate(profile.memberships):
        yield f"memberships[{i}].note", m.note, TEXT_WEIGHT


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around the first match, with the spans that fall inside it."""
    first_start, first_end = spans[0]
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


def score_entry(entry: Entry, patterns: list[re.Pattern[str]]) -> SearchHit | None:
    """The hit for ``entry`` if every term's pattern matches somewhere in it, else None."""
    unmatched = set(range(len(patterns)))
    score = 0
    for weight, folded in entry.weighted:
        for t, pattern in enumerate(patterns):
            count = len(pattern.findall(folded))
            if count:
                unmatched.discard(t)
                score += weight * count
    if unmatched:
        return None
    return SearchHit(entry.id, entry.name, score, entry, patterns)


def search(
    catalog: Catalog, query: str, filters: Filters = Filters(), limit: int | None = None
) -> list[SearchHit]:
    """Profiles matching every term of ``query`` (and ``filters``), best first."""
    terms = parse_query(query)
    if not terms:
        raise UsageError("the query has no words to search for; try e.g. 'critical infrastructure'")
    patterns = [term_pattern(term) for term in terms]
    hits = []
    for entry in filter_entries(catalog, filters):
        hit = score_entry(entry, patterns)
        if hit is not None:
            hits.append(hit)
    hits.sort(key=lambda h: (-h.score, h.name.casefold()))
    return hits if limit is None else hits[:limit]
