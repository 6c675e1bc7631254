"""A light, pre-computed view of the dataset for the commands that must answer fast.

Each profile becomes an ``Entry`` of plain Python values: the facets the filters need, its
summary row, its full JSON record and its searchable texts. A ``Catalog`` is built once from a
validated ``Dataset`` and cached beside it; reading it back needs neither Pydantic nor the models,
which is what lets ``show --json``, ``list`` and ``search`` start in a few tens of milliseconds.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .names import NameIndex

if TYPE_CHECKING:
    from .dataset import Dataset
    from .models import Profile


class Lazy:
    """Values by key that pickle as separate byte strings and are decoded one by one on use.

    A cached catalog holds every profile's full record and search texts; most commands need
    few of them (``show --json`` one, ``list`` none), so they are not decoded up front. Read
    from the cache, an encoded value may be a function that reads its bytes from the cache file
    (see ``cache``), so those not used are not even read.
    """

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values
        self._encoded: dict[str, bytes | Callable[[], bytes]] = {}

    def __getitem__(self, key: str) -> Any:
        found = self._values.get(key)
        if found is None and key in self._encoded:
            found = self._values[key] = pickle.loads(_bytes(self._encoded[key]))
        if found is None:
            raise KeyError(key)
        return found

    def __getstate__(self) -> dict[str, bytes]:
        encoded = {key: _bytes(value) for key, value in self._encoded.items()}
        for key, value in self._values.items():
            encoded[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return encoded

    def __setstate__(self, encoded: dict[str, bytes | Callable[[], bytes]]) -> None:
        self._values = {}
        self._encoded = encoded


def _bytes(encoded: bytes | Callable[[], bytes]) -> bytes:
    return encoded if isinstance(encoded, bytes) else encoded()


class Entry:
    """One profile, as the fast commands see it.

    The classes of this module are plain classes rather than dataclasses: generating a
    dataclass's methods costs about a millisecond of every command's start-up.
    """

    def __init__(
        self,
        *,
        id: str,
        name: str,
        kind: str,
        region: str | None,
        subregion: str | None,
        strategy_years: tuple[int, ...],
        strategies: int,
        cert_status: str,
        members: tuple[str, ...],
        partners: frozenset[str],
        row: dict[str, Any],
        records: Lazy,
        searchable: Lazy,
        scorable: Lazy,
        models: Lazy,
    ) -> None:
        self.id = id
        self.name = name
        self.kind = kind
        self.region = region
        self.subregion = subregion
        #: Adoption years of the adopted national strategies that have one, oldest first.
        self.strategy_years = strategy_years
        #: Number of adopted national strategies, dated or not.
        self.strategies = strategies
        self.cert_status = cert_status
        #: Organisations the profile is a full member of.
        self.members = members
        #: Profiles it cooperates with in either direction, memberships included.
        self.partners = partners
        #: The one-row summary (see ``query.SUMMARY_COLUMNS``).
        self.row = row
        #: Shared stores of every entry's record, search texts and model, decoded on use.
        self.records = records
        self.searchable = searchable
        self.scorable = scorable
        self.models = models

    def __repr__(self) -> str:
        return f"Entry({self.id!r})"

    @property
    def first_strategy_year(self) -> int | None:
        return self.strategy_years[0] if self.strategy_years else None

    @property
    def record(self) -> dict[str, Any]:
        """The full record: the models' own JSON dump."""
        return self.records[self.id]  # type: ignore[no-any-return]

    @property
    def texts(self) -> tuple[tuple[str, str, int], ...]:
        """Every searchable (field path, text, weight)."""
        return self.searchable[self.id][0]  # type: ignore[no-any-return]

    @property
    def profile(self) -> Profile:
        """The profile as a model (decoding it imports Pydantic; most commands do without)."""
        return self.models[self.id]  # type: ignore[no-any-return]

    @property
    def weighted(self) -> tuple[tuple[int, str], ...]:
        """(weight, folds of all fields of that weight joined) for scoring in a few passes."""
        return self.scorable[self.id]  # type: ignore[no-any-return]

    @property
    def folds(self) -> tuple[str, ...]:
        """Each text folded into word/stem tokens for matching (``search.fold``)."""
        return self.searchable[self.id][1]  # type: ignore[no-any-return]


class Catalog:
    """Entries by id, the name index, the file each profile came from, and values worked out
    over the whole dataset."""

    def __init__(
        self,
        entries: dict[str, Entry],
        index: NameIndex,
        origins: dict[str, str],
        shared: Lazy,
    ) -> None:
        self.entries = entries
        self.index = index
        #: The file each profile came from, as a string (Paths are slow to unpickle).
        self.origins = origins
        #: Decoded on use: "edges", the network's edges (``network.edge_rows``).
        self.shared = shared

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def origin(self, entry_id: str) -> Path | None:
        """The file the profile ``entry_id`` came from."""
        found = self.origins.get(entry_id)
        return None if found is None else Path(found)

    def names(self) -> dict[str, str]:
        """Every profile's name by id."""
        return {e.id: e.name for e in self.entries.values()}

    def resolve(self, name: str) -> Entry:
        """The entry ``name`` means (any id, name, alias or ISO code, in any case)."""
        return self.entries[self.index.resolve(name)]

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> Catalog:
        from .network import edge_rows
        from .query import summary_row
        from .search import fold, text_fields

        entries = {}
        record_of: dict[str, Any] = {}
        texts_of: dict[str, Any] = {}
        scores_of: dict[str, Any] = {}
        records, searchable, scorable = Lazy(record_of), Lazy(texts_of), Lazy(scores_of)
        models = Lazy(dict(dataset.profiles))
        for p in dataset:
            strategies = p.strategies
            texts = tuple((f, t, w) for f, t, w in text_fields(p) if t)
            record_of[p.id] = p.model_dump(mode="json")
            folds = tuple(fold(t) for _, t, _ in texts)
            texts_of[p.id] = (texts, folds)
            # Fields joined by " | ", a token no pattern matches, so counts add up per weight.
            weights = sorted({w for _, _, w in texts})
            scores_of[p.id] = tuple(
                (w, "|".join(f for (_, _, fw), f in zip(texts, folds, strict=True) if fw == w))
                for w in weights
            )
            entries[p.id] = Entry(
                id=p.id,
                name=p.name,
                kind=p.kind,
                region=p.region,
                subregion=p.subregion,
                strategy_years=tuple(sorted(d.year for d in strategies if d.year is not None)),
                strategies=len(strategies),
                cert_status=p.cert.status,
                members=tuple(m.organisation for m in p.memberships if m.status == "member"),
                partners=frozenset(dataset.partners_of(p.id)),
                row=summary_row(p, dataset),
                records=records,
                searchable=searchable,
                scorable=scorable,
                models=models,
            )
        origins = {key: str(path) for key, path in dataset.origins.items()}
        shared = Lazy({"edges": edge_rows(record_of.values())})
        return cls(entries, dataset.index, origins, shared)


def sorted_by_name(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: e.name.casefold())
