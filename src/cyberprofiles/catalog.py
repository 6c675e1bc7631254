"""A light, pre-computed view of the dataset for the commands that must answer fast.

Each profile becomes an ``Entry`` of plain Python values: the facets the filters need, its
summary row, its full JSON record and its searchable texts. A ``Catalog`` is built once from a
validated ``Dataset`` and cached beside it; reading it back needs neither Pydantic nor the models,
which is what lets ``show --json``, ``list`` and ``search`` start in a few tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .names import NameIndex

if TYPE_CHECKING:
    from .dataset import Dataset


@dataclass
class Entry:
    """One profile, as the fast commands see it."""

    id: str
    name: str
    kind: str
    region: str | None
    subregion: str | None
    #: Adoption years of the adopted national strategies that have one, oldest first.
    strategy_years: tuple[int, ...]
    #: Number of adopted national strategies, dated or not.
    strategies: int
    cert_status: str
    #: Organisations the profile is a full member of.
    members: tuple[str, ...]
    #: Profiles it cooperates with in either direction, memberships included.
    partners: frozenset[str]
    #: The one-row summary (see ``query.SUMMARY_COLUMNS``).
    row: dict[str, Any]
    #: The full record: the models' own JSON dump.
    record: dict[str, Any]
    #: Every searchable (field path, text, weight).
    texts: tuple[tuple[str, str, int], ...]
    #: For each text, its words and stems folded for quick prefiltering (``search.fold``).
    folds: tuple[str, ...] = ()

    @property
    def first_strategy_year(self) -> int | None:
        return self.strategy_years[0] if self.strategy_years else None


@dataclass
class Catalog:
    """Entries by id, the name index, and the file each profile came from."""

    entries: dict[str, Entry]
    index: NameIndex
    origins: dict[str, Path] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def resolve(self, name: str) -> Entry:
        """The entry ``name`` means (any id, name, alias or ISO code, in any case)."""
        return self.entries[self.index.resolve(name)]

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> Catalog:
        from .query import summary_row
        from .search import fold, text_fields

        entries = {}
        for p in dataset:
            strategies = p.strategies
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
                record=p.model_dump(mode="json"),
                texts=(texts := tuple((f, t, w) for f, t, w in text_fields(p) if t)),
                folds=tuple(fold(t) for _, t, _ in texts),
            )
        return cls(entries, dataset.index, dict(dataset.origins))


def sorted_by_name(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: e.name.casefold())
