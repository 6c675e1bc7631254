"""Filtering and summarising profiles: the logic behind ``list`` and the summary columns.

Filters combine with AND. Strategy filters look only at national strategies (documents of kind
``strategy``); laws and policies never count as strategies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from .names import normalise

if TYPE_CHECKING:
    from .catalog import Catalog, Entry
    from .dataset import Dataset
    from .models import CertStatus, Kind, Profile

SortKey = Literal["name", "strategy-year"]


class Filters:
    """What ``list`` and ``search`` keep. ``None`` means "do not filter on this".

    A plain class rather than a frozen dataclass, which would cost a millisecond of every
    command's start-up to generate.
    """

    __slots__ = FIELDS = (
        "strategy_year",
        "strategy_since",
        "strategy_until",
        "no_strategy",
        "cert",
        "cert_status",
        "partner",
        "member",
        "region",
        "kind",
        "missing",
    )

    def __init__(
        self,
        strategy_year: int | None = None,
        strategy_since: int | None = None,
        strategy_until: int | None = None,
        no_strategy: bool = False,
        cert: bool | None = None,
        cert_status: CertStatus | None = None,
        partner: str | None = None,
        member: str | None = None,
        region: str | None = None,
        kind: Kind | None = None,
        missing: str | None = None,
    ) -> None:
        self.strategy_year = strategy_year
        self.strategy_since = strategy_since
        self.strategy_until = strategy_until
        self.no_strategy = no_strategy
        self.cert = cert
        self.cert_status = cert_status
        self.partner = partner
        self.member = member
        self.region = region
        self.kind = kind
        #: A field of ``stats --coverage`` the profile does not know (see ``stats.COVERAGE``).
        self.missing = missing

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.FIELDS}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Filters) and self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash(tuple(self.as_dict().values()))

    def __repr__(self) -> str:
        given = ", ".join(f"{k}={v!r}" for k, v in self.as_dict().items() if v not in (None, False))
        return f"Filters({given})"

    def resolved(self, names: Any) -> Filters:
        """The same filters with ``partner`` and ``member`` resolved to profile ids by ``names``
        (a ``Catalog`` or a ``Dataset``); an unknown ``missing`` field is a ``ValueError``."""
        if self.missing is not None:
            from .stats import COVERAGE

            if self.missing not in COVERAGE:
                known = ", ".join(COVERAGE)
                raise ValueError(f"unknown field {self.missing!r}; the fields are: {known}")
        partner = names.resolve(self.partner).id if self.partner else None
        member = names.resolve(self.member).id if self.member else None
        return Filters(**{**self.as_dict(), "partner": partner, "member": member})


def has_strategy_in_range(entry: Entry, filters: Filters) -> bool:
    """True when one national strategy's adoption year satisfies every given year bound."""
    for year in entry.strategy_years:
        if filters.strategy_year is not None and year != filters.strategy_year:
            continue
        if filters.strategy_since is not None and year < filters.strategy_since:
            continue
        if filters.strategy_until is not None and year > filters.strategy_until:
            continue
        return True
    return False


def matches(entry: Entry, filters: Filters) -> bool:
    """True when ``entry`` passes every filter (``filters`` must already be resolved)."""
    f = filters
    if f.kind is not None and entry.kind != f.kind:
        return False
    if f.region is not None and normalise(f.region) not in (
        normalise(entry.region or ""),
        normalise(entry.subregion or ""),
    ):
        return False
    if f.no_strategy and entry.strategies:
        return False
    year_bounds = (f.strategy_year, f.strategy_since, f.strategy_until)
    if any(b is not None for b in year_bounds) and not has_strategy_in_range(entry, f):
        return False
    if f.cert is not None and (entry.cert_status == "established") != f.cert:
        return False
    if f.cert_status is not None and entry.cert_status != f.cert_status:
        return False
    if f.member is not None and f.member not in entry.members:
        return False
    if f.missing is not None:
        from .stats import COVERAGE  # only then: it reads the record

        if COVERAGE[f.missing](entry):
            return False
    return f.partner is None or f.partner in entry.partners


def filter_entries(
    catalog: Catalog, filters: Filters = Filters(), sort: SortKey = "name"
) -> list[Entry]:
    """The entries that pass ``filters``, sorted by name or by first strategy year."""
    resolved = filters.resolved(catalog)
    found = sorted((e for e in catalog if matches(e, resolved)), key=lambda e: e.name.casefold())
    if sort == "strategy-year":
        found.sort(key=lambda e: (e.first_strategy_year is None, e.first_strategy_year or 0))
    return found


def filter_profiles(
    dataset: Dataset, filters: Filters = Filters(), sort: SortKey = "name"
) -> list[Profile]:
    """The profiles that pass ``filters``, sorted by name or by first strategy year."""
    return [dataset[e.id] for e in filter_entries(dataset.catalog, filters, sort)]


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
