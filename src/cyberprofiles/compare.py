"""Side-by-side comparison of any number of profiles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .vocabulary import FULL_MEMBER, TREATY_SHORT_NAMES, LawArea

if TYPE_CHECKING:
    from .dataset import Dataset
    from .profile import Document, Profile

#: The most profiles one comparison takes: beyond it, no one can read the columns.
MAX_PROFILES = 12


class Row:
    """One compared field: each profile's value, and whether they differ."""

    __slots__ = ("field", "label", "values")

    def __init__(self, field: str, label: str, values: list[Any]) -> None:
        self.field = field
        self.label = label
        self.values = values

    @property
    def differs(self) -> bool:
        return any(v != self.values[0] for v in self.values[1:])


class Comparison:
    """The compared profiles, the rows, and what all of them share."""

    def __init__(
        self,
        profiles: list[Profile],
        rows: list[Row],
        shared_memberships: list[str],
        shared_partners: list[str],
    ) -> None:
        self.profiles = profiles
        self.rows = rows
        #: Organisations every compared profile is a full member of.
        self.shared_memberships = shared_memberships
        #: Profiles every compared profile has a tie with (of any kind).
        self.shared_partners = shared_partners

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


def _treaty(p: Profile, name: str) -> dict[str, object] | None:
    for t in p.treaties:
        if t.treaty == name:
            return {"status": t.status, "year": t.year}
    return None


def _cert_name(p: Profile) -> str | None:
    cert = p.cert
    return f"{cert.name} ({cert.acronym})" if cert.acronym and cert.name else cert.name


def _agency(p: Profile) -> str | None:
    agency = p.agency
    if agency.status in ("unknown", "not-applicable") or not agency.name:
        return None
    return f"{agency.name} ({agency.acronym})" if agency.acronym else agency.name


def _laws(p: Profile, area: LawArea) -> list[dict[str, object] | None]:
    return [_document(d) for d in p.laws(area)]


def compare(dataset: Dataset, names: Sequence[str]) -> Comparison:
    """Compare the profiles ``names`` resolve to (two to ``MAX_PROFILES``, any kind)."""
    if not 2 <= len(names) <= MAX_PROFILES:
        raise UsageError(
            f"compare takes 2 to {MAX_PROFILES} names (got {len(names)}), e.g. "
            "cyberprofiles compare serbia croatia"
        )
    profiles = [dataset.resolve(n) for n in names]
    memberships = [dataset.memberships_of(p.id) for p in profiles]
    members = [sorted({m[0] for m in ms if m[1] in FULL_MEMBER}) for ms in memberships]
    others = [
        [
            {"organisation": org, "status": status}
            for org, status, *_ in sorted(ms)
            if status not in FULL_MEMBER
        ]
        for ms in memberships
    ]
    partners = [sorted(dataset.partners_of(p.id)) for p in profiles]
    strategies = [p.strategies for p in profiles]
    rows = [
        Row("kind", "Kind", [p.kind for p in profiles]),
        Row("region", "Region", [p.subregion or p.region for p in profiles]),
        Row(
            "first_strategy", "First strategy", [_document(s[0] if s else None) for s in strategies]
        ),
        Row(
            "current_strategy",
            "Current strategy",
            [_document(p.current_strategy) for p in profiles],
        ),
        Row("strategy_count", "Strategies", [len(s) for s in strategies]),
        Row("cybercrime_laws", "Cybercrime laws", [_laws(p, "cybercrime") for p in profiles]),
        Row("cybersecurity_laws", "NIS/CII laws", [_laws(p, "cybersecurity") for p in profiles]),
        Row(
            "data_protection_laws",
            "Data protection",
            [_laws(p, "data-protection") for p in profiles],
        ),
        Row(
            "laws",
            "Other laws and documents",
            [[_document(d) for d in p.laws() if not d.area] for p in profiles],
        ),
        Row("agency", "Lead agency", [_agency(p) for p in profiles]),
        Row("cert_status", "CERT status", [p.cert_status for p in profiles]),
        Row("cert_name", "CERT", [_cert_name(p) for p in profiles]),
        Row("cert_year", "CERT since", [p.cert.year for p in profiles]),
        *(
            Row(name.replace("-", "_"), label, [_treaty(p, name) for p in profiles])
            for name, label in TREATY_SHORT_NAMES.items()
        ),
        Row("gci_tier", "ITU GCI 2024 tier", [p.gci_tier for p in profiles]),
        Row("memberships", "Memberships", members),
        Row("other_memberships", "Other statuses", others),
        Row("partners", "Partners", partners),
        Row(
            "initiatives",
            "Initiatives",
            [[i.acronym or i.name for i in p.initiatives] for p in profiles],
        ),
        Row(
            "international_law_position",
            "Position on international law",
            [
                sorted({x.year for x in p.positions if x.topic == "international-law" and x.year})
                for p in profiles
            ],
        ),
    ]
    shared_members = sorted(set.intersection(*(set(m) for m in members)))
    shared_partners = sorted(set.intersection(*(set(p) for p in partners)))
    return Comparison(profiles, rows, shared_members, shared_partners)
