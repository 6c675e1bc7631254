"""Forgiving name resolution: any id, name, official name, alias or ISO code finds a profile.

Matching ignores case, diacritics and punctuation ("Bosnia & Herzegovina", "bosnia and
herzegovina", "BIH" and "ba" are one key). A profile's own id, typed exactly, always wins (so a
profile whose id is another's code stays reachable); then an exact key; otherwise a unique prefix
of a name word resolves ("bosnia"); otherwise the closest keys are offered as suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .errors import AmbiguousNameError, NotFoundError

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Fold ``text`` to a matching key: lowercase ASCII words separated by single spaces."""
    text = text.replace("&", " and ")
    if not text.isascii():  # only non-ASCII text can carry diacritics to strip
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text.casefold()).strip()


def lookup_keys(names: Iterable[str]) -> list[str]:
    """The matching keys of a profile's names, each once, in order."""
    return list(dict.fromkeys(key for key in map(normalise, names) if key))


class NameIndex:
    """Every matching key of every profile, built once per dataset."""

    def __init__(self) -> None:
        self.keys: dict[str, set[str]] = {}
        self.labels: dict[str, str] = {}
        self.ids: set[str] = set()

    def add(self, profile_id: str, label: str, keys: Iterable[str]) -> None:
        """Index a profile under ``keys``, its names folded already (``lookup_keys``)."""
        self.labels[profile_id] = label
        self.ids.add(profile_id)
        for key in keys:
            found = self.keys.get(key)
            if found is None:
                self.keys[key] = {profile_id}
            else:
                found.add(profile_id)

    def candidates(self, query: str) -> list[str]:
        """Ids the query could mean: an exact id, else exact key matches, else prefix matches."""
        if query.strip().lower() in self.ids:
            return [query.strip().lower()]
        key = normalise(query)
        if not key:
            return []
        exact = self.keys.get(key)
        if exact:
            return sorted(exact)
        if len(key) < 3:
            return []
        found: set[str] = set()
        for name, ids in self.keys.items():
            if f" {key}" in f" {name}":  # the query starts a word of the name
                found.update(ids)
        return sorted(found)

    def resolve(self, query: str) -> str:
        """The one profile id ``query`` names; raise NotFoundError or AmbiguousNameError."""
        found = self.candidates(query)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousNameError(query, found)
        raise NotFoundError(query, self.suggest(query))

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` ids whose keys look like ``query``, closest first: keys as alike as a
        typo makes them (``_likeness``), and nearly as alike as the closest, not merely ones
        sharing some letters ("Atlantis" gets no Albania, "Ruanda" no Romania)."""
        import difflib  # only needed when a name was not found

        key = normalise(query)
        if not key:
            return []
        close = difflib.get_close_matches(key, list(self.keys), n=limit * 3, cutoff=SAME_START)
        scored = [(likeness, name) for name in close if (likeness := _likeness(key, name))]
        best = max((likeness for likeness, _ in scored), default=0.0)
        ids: list[str] = []
        for likeness, name in scored:
            if likeness < best - NEAR_BEST:
                continue
            for profile_id in sorted(self.keys[name]):
                if profile_id not in ids:
                    ids.append(profile_id)
        return ids[:limit]


#: How alike a typed name and a key must be (difflib's ratio) to be offered: a typo rarely
#: changes the first letter, so a key starting with another letter must be nearer still.
SAME_START, OTHER_START = 0.7, 0.85


#: Suggestions are those within this of the closest one's likeness.
NEAR_BEST = 0.05


def _likeness(typed: str, key: str) -> float:
    """difflib's ratio of ``typed`` to ``key`` if they are as alike as a typo makes a name
    and its key, else 0."""
    import difflib  # only needed when a name was not found

    if len(key) <= 3 < len(typed):  # a code ("kna") is no typo of a name ("kenia")
        return 0.0
    ratio = difflib.SequenceMatcher(None, typed, key).ratio()
    alike = ratio >= OTHER_START or (ratio >= SAME_START and typed[:1] == key[:1])
    return ratio if alike else 0.0
