"""Ranked full-text search over every text field of the profiles.

A query is words and "quoted phrases"; every one must match somewhere in a profile (AND). Matching
ignores case, diacritics and punctuation, and a query word matches the start of a word after a
light stemming of both, so "exercise" finds "exercises" and "strategies" finds "strategy". A match
in a name or title weighs more than one in a summary; more matches rank higher.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
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


def stem(word: str) -> str:
    """A deliberately light English stemmer: enough to join singular and plural forms."""
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str
    stem: str


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        # Plain ASCII words (nearly all) only need lower-casing; others get the full folding.
        words = [raw.lower()] if raw.isascii() and "_" not in raw else normalise(raw).split()
        for word in words:
            tokens.append(Token(match.start(), match.end(), word, stem(word)))
    return tokens


def fold(text: str) -> str:
    """Every word of ``text`` and its stem, space-separated and padded, for quick prefiltering:
    a query word can only match a field whose fold contains it at the start of a word."""
    words = normalise(text).split()
    return " " + " ".join(words) + " | " + " ".join(stem(w) for w in words) + " "


def parse_query(query: str) -> list[list[str]]:
    """The query as terms; each term is a list of words (one word, or a phrase)."""
    terms = []
    for phrase, word in _QUERY.findall(query):
        words = normalise(phrase or word).split()
        if words:
            terms.append(words)
    return terms


def _find(term: list[str], tokens: list[Token]) -> list[tuple[int, int]]:
    """Character spans where ``term`` (a word or a phrase) occurs in ``tokens``.

    A query word matches a token whose word, or whose stem, starts with the query word's stem.
    """
    stems = [stem(word) for word in term]
    spans = []
    n = len(stems)
    for i in range(len(tokens) - n + 1):
        for k, q in enumerate(stems):
            token = tokens[i + k]
            if not (token.word.startswith(q) or token.stem.startswith(q)):
                break
        else:
            spans.append((tokens[i].start, tokens[i + n - 1].end))
    return spans


@dataclass(frozen=True)
class FieldMatch:
    """A field of a profile that matched, with a snippet and the matches' spans in it."""

    field: str
    snippet: str
    highlights: list[tuple[int, int]]
    count: int

    def to_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass(frozen=True)
class SearchHit:
    """A profile that matched: its id and name, score, and the fields that matched."""

    id: str
    name: str
    score: int
    matches: list[FieldMatch] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "matches": [m.to_dict() for m in self.matches],
        }


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


def _prefilters(terms: list[list[str]]) -> list[list[re.Pattern[str]]]:
    """For each term, a pattern per word that a field's fold must contain for it to match."""
    return [[re.compile(" " + re.escape(stem(word))) for word in term] for term in terms]


def score_entry(
    entry: Entry, terms: list[list[str]], prefilters: list[list[re.Pattern[str]]] | None = None
) -> SearchHit | None:
    """The hit for ``entry`` if every term matches somewhere in it, else None."""
    prefilters = prefilters or _prefilters(terms)
    matched_terms: set[int] = set()
    matches: list[FieldMatch] = []
    score = 0
    for (path, value, weight), folded in zip(entry.texts, entry.folds, strict=True):
        possible = [t for t, words in enumerate(prefilters) if all(w.search(folded) for w in words)]
        if not possible:
            continue
        tokens = tokenize(value)
        spans: list[tuple[int, int]] = []
        for t in possible:
            found = _find(terms[t], tokens)
            if found:
                matched_terms.add(t)
                spans.extend(found)
        if spans:
            spans.sort()
            score += weight * len(spans)
            snippet, highlights = _snippet(value, spans)
            matches.append(FieldMatch(path, snippet, highlights, len(spans)))
    if len(matched_terms) < len(terms):
        return None
    matches.sort(key=lambda m: -m.count)
    return SearchHit(entry.id, entry.name, score, matches)


def search(
    catalog: Catalog, query: str, filters: Filters = Filters(), limit: int | None = None
) -> list[SearchHit]:
    """Profiles matching every term of ``query`` (and ``filters``), best first."""
    terms = parse_query(query)
    if not terms:
        raise UsageError("the query has no words to search for; try e.g. 'critical infrastructure'")
    prefilters = _prefilters(terms)
    hits = []
    for entry in filter_entries(catalog, filters):
        hit = score_entry(entry, terms, prefilters)
        if hit is not None:
            hits.append(hit)
    hits.sort(key=lambda h: (-h.score, h.name.casefold()))
    return hits if limit is None else hits[:limit]
