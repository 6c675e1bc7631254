"""The searchable text of a profile, folded for matching: worked out once per file, when it is
checked (or when the package is built), and stored with the record.

A field is folded into its words, lowercase ASCII, separated by single spaces and padded with a
space at each end, so that a query matches whatever the text's case, accents or punctuation (see
``search.term_pattern`` for how stems are matched).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .names import normalise

_TOKEN = re.compile(r"\w+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")

#: Weight of a match by the kind of field it is in.
NAME_WEIGHT, TITLE_WEIGHT, TEXT_WEIGHT = 5, 3, 1


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A deliberately light English stemmer: enough to join singular and plural forms."""
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


@functools.lru_cache(maxsize=256)  # a snippet asks twice for the words of one long text
def words(text: str) -> tuple[tuple[int, int, str], ...]:
    """The folded words of ``text`` with the offsets of the text they come from."""
    if text.isascii() and "_" not in text:
        # Nearly all text: its words are then runs of letters and digits, lower-cased in place
        # (the same words and offsets as below, three times as fast).
        return tuple([(m.start(), m.end(), m.group()) for m in _ASCII_WORD.finditer(text.lower())])
    found = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        # Plain ASCII words (nearly all) only need lower-casing; others get the full folding.
        folded = [raw.lower()] if raw.isascii() and "_" not in raw else normalise(raw).split()
        found += [(match.start(), match.end(), w) for w in folded]
    return tuple(found)


#: Every ASCII character that is not a letter or a digit, mapped to a space.
_ASCII_GAPS = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})


def fold(text: str) -> str:
    """``text``'s folded words (as ``words`` gives them), space-separated and space-padded."""
    if text.isascii():
        # Nearly all text: the same words as ``words``, as the runs of letters and digits left
        # when everything else becomes a space (a quarter quicker than finding them by pattern,
        # which counts when 10,000 files are checked).
        return " " + " ".join(text.lower().translate(_ASCII_GAPS).split()) + " "
    return " " + " ".join(w for _, _, w in words(text)) + " "


def text_fields(record: Mapping[str, Any]) -> Iterator[tuple[str, str, int]]:
    """Every non-empty searchable (field path, text, weight) of a profile record."""
    for path, text, weight in _all_fields(record):
        if text:
            yield path, text, weight


def _all_fields(record: Mapping[str, Any]) -> Iterator[tuple[str, str, int]]:
    yield "name", record["name"], NAME_WEIGHT
    yield "official_name", record["official_name"], NAME_WEIGHT
    for i, alias in enumerate(record["aliases"]):
        yield f"aliases[{i}]", alias, NAME_WEIGHT
    yield "summary", record["summary"], TEXT_WEIGHT
    for i, d in enumerate(record["documents"]):
        yield f"documents[{i}].title", d["title"], TITLE_WEIGHT
        yield f"documents[{i}].summary", d["summary"], TEXT_WEIGHT
        yield f"documents[{i}].note", d["note"], TEXT_WEIGHT
    for label, body in (
        ("agency", record["agency"]),
        *((f"other_agencies[{i}]", a) for i, a in enumerate(record["other_agencies"])),
        ("cert", record["cert"]),
        *((f"other_csirts[{i}]", t) for i, t in enumerate(record["other_csirts"])),
    ):
        for key in ("name", "acronym"):
            yield f"{label}.{key}", body[key] or "", TITLE_WEIGHT
        for key in ("host", "parent", "mandate", "summary", "note"):
            if key in body:
                yield f"{label}.{key}", body[key] or "", TEXT_WEIGHT
    for i, c in enumerate(record["cooperation"]):
        yield f"cooperation[{i}].title", c["title"], TITLE_WEIGHT
        yield f"cooperation[{i}].summary", c["summary"], TEXT_WEIGHT
        yield f"cooperation[{i}].partner_detail", c["partner_detail"], TEXT_WEIGHT
        yield f"cooperation[{i}].note", c["note"], TEXT_WEIGHT
    for i, ini in enumerate(record["initiatives"]):
        yield f"initiatives[{i}].name", ini["name"], TITLE_WEIGHT
        yield f"initiatives[{i}].acronym", ini["acronym"] or "", TITLE_WEIGHT
        yield f"initiatives[{i}].summary", ini["summary"], TEXT_WEIGHT
        yield f"initiatives[{i}].note", ini["note"], TEXT_WEIGHT
    for i, ci in enumerate(record["critical_infrastructure"]):
        yield f"critical_infrastructure[{i}].title", ci["title"], TITLE_WEIGHT
        yield f"critical_infrastructure[{i}].summary", ci["summary"], TEXT_WEIGHT
    for i, pos in enumerate(record["positions"]):
        yield f"positions[{i}].title", pos["title"], TITLE_WEIGHT
        yield f"positions[{i}].summary", pos["summary"], TEXT_WEIGHT
        yield f"positions[{i}].note", pos["note"], TEXT_WEIGHT
    for key in ("memberships", "members"):
        for i, m in enumerate(record[key]):
            yield f"{key}[{i}].note", m["note"], TEXT_WEIGHT
    for i, absence in enumerate(record["absences"]):
        yield f"absences[{i}].note", absence["note"], TEXT_WEIGHT


#: Separators of a stored search text (``pack``): between weights, and after a weight. A fold
#: holds only lowercase letters, digits, spaces and ``|``, never these.
_BETWEEN, _AFTER = "\x1e", "\x1f"


def pack(weighted: Sequence[Sequence[Any]]) -> str:
    """``scorable``'s result as the text stored for a profile: weight, separator, folds, for
    each weight. Reading it back is a couple of splits, where JSON would have to unescape
    every character of some 5 KB."""
    return _BETWEEN.join(f"{weight}{_AFTER}{joined}" for weight, joined in weighted)


def segments(text: str) -> Iterator[tuple[int, int, int]]:
    """(weight, start, end) of each weight's folds in a text made by ``pack``: the folds are
    ``text[start:end]``, which search reads in place rather than copied out."""
    size = len(text)
    start = 0
    while start < size:
        mark = text.index(_AFTER, start)
        end = text.find(_BETWEEN, mark)
        if end == -1:
            end = size
        yield int(text[start:mark]), mark + 1, end
        start = end + 1


def unpack(text: str) -> list[list[Any]]:
    """The ``[weight, folds]`` pairs of a text made by ``pack``."""
    if not text:
        return []
    pairs: list[list[Any]] = []
    for part in text.split(_BETWEEN):
        weight, _, joined = part.partition(_AFTER)
        pairs.append([int(weight), joined])
    return pairs


def scorable(record: Mapping[str, Any]) -> list[list[Any]]:
    """``[weight, folds]`` per weight: the folds of all fields of that weight, joined by ``|``
    (a token no query matches, so that a phrase never runs from one field into the next)."""
    by_weight: dict[int, list[str]] = {}
    for _, text, weight in text_fields(record):
        by_weight.setdefault(weight, []).append(fold(text))
    return [[w, "|".join(folds)] for w, folds in sorted(by_weight.items())]
