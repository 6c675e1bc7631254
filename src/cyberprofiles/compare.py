"""Side-by-side comparison of any number of profiles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .vocabulary import adopted_strategies, is_adopted_strategy

if TYPE_CHECKING:
    from .catalog import Catalog, Entry


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
    entries: list[Entry]
    rows: list[Row]
    shared_memberships: list[str]
    shared_partners: list[str]

    def to_dict(self) -> dict[str, object]:
        ids = [e.id for e in self.entries]
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


def _document(d: dict[str, Any] | None) -> dict[str, object] | None:
    return None if d is None else {"title": d["title"], "year": d["year"]}


def _current(strategies: list[dict[str, Any]]) -> dict[str, Any] | None:
    in_force = [d for d in strategies if d["status"] == "in-force"]
    return (in_force or strategies or [None])[-1]


def _budapest(record: dict[str, Any]) -> dict[str, object] | None:
    for t in record["treaties"]:
        if t["treaty"] == "budapest-convention":
            return {"status": t["status"], "year": t["year"]}
    return None


def _cert_name(cert: dict[str, Any]) -> str | None:
    return f"{cert['name']} ({cert['acronym']})" if cert["acronym"] else cert["name"]


def compare(catalog: Catalog, names: Sequence[str]) -> Comparison:
    """Compare the profiles ``names`` resolve to (two or more, any kind)."""
    entries = [catalog.resolve(n) for n in names]
    records = [e.record for e in entries]
    strategies = [adopted_strategies(r) for r in records]
    members = [sorted(e.members) for e in entries]
    partners = [sorted(e.partners) for e in entries]
    laws = [
        [_document(d) for d in r["documents"] if not is_adopted_strategy(d["kind"], d["status"])]
        for r in records
    ]
    rows = [
        Row("kind", "Kind", [e.kind for e in entries]),
        Row("region", "Region", [e.subregion or e.region for e in entries]),
        Row("first_strategy", "First strategy", [_document((s or [None])[0]) for s in strategies]),
        Row("current_strategy", "Current strategy", [_document(_current(s)) for s in strategies]),
        Row("strategy_count", "Strategies", [len(s) for s in strategies]),
        Row("laws", "Laws and other documents", laws),
        Row("cert_status", "CERT status", [r["cert"]["status"] for r in records]),
        Row("cert_name", "CERT", [_cert_name(r["cert"]) for r in records]),
        Row("cert_year", "CERT since", [r["cert"]["year"] for r in records]),
        Row("budapest_convention", "Budapest Convention", [_budapest(r) for r in records]),
        Row("memberships", "Memberships", members),
        Row("partners", "Partners", partners),
        Row(
            "initiatives",
            "Initiatives",
            [[i["acronym"] or i["name"] for i in r["initiatives"]] for r in records],
        ),
    ]
    shared_members = sorted(set.intersection(*(set(m) for m in members)))
    shared_partners = sorted(set.intersection(*(set(p) for p in partners)))
    return Comparison(entries, rows, shared_members, shared_partners)
