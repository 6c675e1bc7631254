"""Side-by-side comparison of any number of profiles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .dataset import Dataset
from .models import Document, Profile


@dataclass(frozen=True)
class Row:
    """One compared field: each profile's value, and whether they differ."""

    field: str
    label: str
    values: list[object]

    @property
    def differs(self) -> bool:
        return any(v != self.values[0] for v in self.values[1:])


@dataclass(frozen=True)
class Comparison:
    profiles: list[Profile]
    rows: list[Row]
    shared_memberships: list[str]
    shared_partners: list[str]

    def to_dict(self) -> dict[str, object]:
        ids = [p.id for p in self.profiles]
        return {
            "profiles": ids,
            "fields": [
                {
                    "field": row.field,
                    "label": row.label,
                    "values": dict(zip(ids, row.values, strict=True)),
                    "differs": row.differs,
                }
                for row in self.rows
            ],
            "shared": {"memberships": self.shared_memberships, "partners": self.shared_partners},
        }


def _document(d: Document | None) -> dict[str, object] | None:
    return None if d is None else {"title": d.title, "year": d.year}


def _current_strategy(p: Profile) -> Document | None:
    strategies = p.strategies
    in_force = [d for d in strategies if d.status == "in-force"]
    return (in_force or strategies or [None])[-1]


def compare(dataset: Dataset, names: Sequence[str]) -> Comparison:
    """Compare the profiles ``names`` resolve to (two or more, any kind)."""
    profiles = [dataset.resolve(n) for n in names]
    members = [
        sorted(m.organisation for m in p.memberships if m.status == "member") for p in profiles
    ]
    partners = [sorted(dataset.partners_of(p.id)) for p in profiles]
    rows = [
        Row("kind", "Kind", [p.kind for p in profiles]),
        Row("region", "Region", [p.subregion or p.region for p in profiles]),
        Row(
            "first_strategy",
            "First strategy",
            [_document((p.strategies or [None])[0]) for p in profiles],
        ),
        Row(
            "current_strategy",
            "Current strategy",
            [_document(_current_strategy(p)) for p in profiles],
        ),
        Row("strategy_count", "Strategies", [len(p.strategies) for p in profiles]),
        Row("laws", "Laws and other documents", [[_document(d) for d in p.laws] for p in profiles]),
        Row("cert_status", "CERT status", [p.cert.status for p in profiles]),
        Row(
            "cert_name",
            "CERT",
            [
                (f"{p.cert.name} ({p.cert.acronym})" if p.cert.acronym else p.cert.name)
                for p in profiles
            ],
        ),
        Row("cert_year", "CERT since", [p.cert.year for p in profiles]),
        Row("budapest_convention", "Budapest Convention", [_budapest(p) for p in profiles]),
        Row("memberships", "Memberships", members),
        Row("partners", "Partners", partners),
        Row(
            "initiatives",
            "Initiatives",
            [[i.acronym or i.name for i in p.initiatives] for p in profiles],
        ),
    ]
    shared_members = sorted(set.intersection(*(set(m) for m in members)))
    shared_partners = sorted(set.intersection(*(set(p) for p in partners)))
    return Comparison(profiles, rows, shared_members, shared_partners)


def _budapest(p: Profile) -> dict[str, object] | None:
    for t in p.treaties:
        if t.treaty == "budapest-convention":
            return {"status": t.status, "year": t.year}
    return None
