"""Filtering and summarising profiles: the logic behind ``list`` and the summary columns.

Filters combine with AND. Strategy filters look only at national strategies (documents of kind
``strategy``); laws and policies never count as strategies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .dataset import Dataset
from .models import CertStatus, Kind, Profile
from .names import normalise

SortKey = Literal["name", "strategy-year"]


@dataclass(frozen=True)
class Filters:
    """What ``list`` (and later ``search``) keeps. ``None`` means "do not filter on this"."""

    strategy_year: int | None = None
    strategy_since: int | None = None
    strategy_until: int | None = None
    no_strategy: bool = False
    cert: bool | None = None
    cert_status: CertStatus | None = None
    partner: str | None = None
    member: str | None = None
    region: str | None = None
    kind: Kind | None = None

    def resolved(self, dataset: Dataset) -> Filters:
        """The same filters with ``partner`` and ``member`` resolved to profile ids."""
        partner = dataset.resolve(self.partner).id if self.partner else None
        member = dataset.resolve(self.member).id if self.member else None
        return Filters(**{**self.__dict__, "partner": partner, "member": member})


def has_strategy_in_range(profile: Profile, filters: Filters) -> bool:
    """True when one national strategy's adoption year satisfies every given year bound."""
    for strategy in profile.strategies:
        year = strategy.year
        if year is None:
            continue
        if filters.strategy_year is not None and year != filters.strategy_year:
            continue
        if filters.strategy_since is not None and year < filters.strategy_since:
            continue
        if filters.strategy_until is not None and year > filters.strategy_until:
            continue
        return True
    return False


def matches(profile: Profile, filters: Filters, dataset: Dataset) -> bool:
    """True when ``profile`` passes every filter (``filters`` must already be resolved)."""
    f = filters
    if f.kind is not None and profile.kind != f.kind:
        return False
    if f.region is not None and normalise(f.region) not in (
        normalise(profile.region or ""),
        normalise(profile.subregion or ""),
    ):
        return False
    if f.no_strategy and profile.strategies:
        return False
    year_bounds = (f.strategy_year, f.strategy_since, f.strategy_until)
    if any(b is not None for b in year_bounds) and not has_strategy_in_range(profile, f):
        return False
    if f.cert is not None and (profile.cert.status == "established") != f.cert:
        return False
    if f.cert_status is not None and profile.cert.status != f.cert_status:
        return False
    if f.member is not None and not any(
        m.organisation == f.member and m.status == "member" for m in profile.memberships
    ):
        return False
    return f.partner is None or f.partner in dataset.partners_of(profile.id)


def filter_profiles(
    dataset: Dataset, filters: Filters = Filters(), sort: SortKey = "name"
) -> list[Profile]:
    """The profiles that pass ``filters``, sorted by name or by first strategy year."""
    resolved = filters.resolved(dataset)
    found = [p for p in dataset if matches(p, resolved, dataset)]
    return sort_profiles(found, sort)


def sort_profiles(profiles: list[Profile], sort: SortKey = "name") -> list[Profile]:
    by_name = sorted(profiles, key=lambda p: p.name.casefold())
    if sort == "strategy-year":
        return sorted(
            by_name, key=lambda p: (p.first_strategy_year is None, p.first_strategy_year or 0)
        )
    return by_name


#: Columns of the one-row summary of a profile (CSV output and the list table).
SUMMARY_COLUMNS = (
    "id",
    "name",
    "official_name",
    "kind",
    "iso2",
    "iso3",
    "region",
    "subregion",
    "first_strategy_year",
    "latest_strategy_year",
    "strategies",
    "cert_status",
    "cert_name",
    "cert_acronym",
    "cert_year",
    "memberships",
    "partners",
    "partner_count",
    "reviewed",
)


def summary_row(profile: Profile, dataset: Dataset) -> dict[str, object]:
    """A flat summary of a profile: one CSV row, one line of the list table."""
    partners = sorted(dataset.partners_of(profile.id))
    return {
        "id": profile.id,
        "name": profile.name,
        "official_name": profile.official_name,
        "kind": profile.kind,
        "iso2": profile.iso2,
        "iso3": profile.iso3,
        "region": profile.region,
        "subregion": profile.subregion,
        "first_strategy_year": profile.first_strategy_year,
        "latest_strategy_year": profile.latest_strategy_year,
        "strategies": len(profile.strategies),
        "cert_status": profile.cert.status,
        "cert_name": profile.cert.name,
        "cert_acronym": profile.cert.acronym,
        "cert_year": profile.cert.year,
        "memberships": ";".join(
            m.organisation for m in profile.memberships if m.status == "member"
        ),
        "partners": ";".join(partners),
        "partner_count": len(partners),
        "reviewed": profile.reviewed.isoformat(),
    }
