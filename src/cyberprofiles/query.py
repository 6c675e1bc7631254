"""Filtering profiles: the logic behind ``list`` and the filters of ``search`` and ``timeline``.

Filters combine with AND. Strategy filters look only at adopted national strategies (documents
of kind ``strategy``); laws and policies never count as strategies. Memberships count from both
sides: recorded in the member's file or in the organisation's list of members.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .coverage import COVERAGE, knows
from .errors import UsageError
from .names import normalise
from .vocabulary import FULL_MEMBER, LAW_AREAS, MembershipStatus, choices

if TYPE_CHECKING:
    from .dataset import Dataset
    from .profile import Profile

#: The regions and sub-regions of the UN M49 standard (its "intermediate regions" included).
M49 = (
    "Africa",
    "Americas",
    "Asia",
    "Europe",
    "Oceania",
    "Northern Africa",
    "Sub-Saharan Africa",
    "Eastern Africa",
    "Middle Africa",
    "Southern Africa",
    "Western Africa",
    "Latin America and the Caribbean",
    "Caribbean",
    "Central America",
    "South America",
    "Northern America",
    "Central Asia",
    "Eastern Asia",
    "South-eastern Asia",
    "Southern Asia",
    "Western Asia",
    "Eastern Europe",
    "Northern Europe",
    "Southern Europe",
    "Western Europe",
    "Australia and New Zealand",
    "Melanesia",
    "Micronesia",
    "Polynesia",
)
#: M49 groupings of sub-regions, by normalised name: the sub-regions (as the data records
#: them) they are made of.
REGION_GROUPS: dict[str, tuple[str, ...]] = {
    "latin america": ("Caribbean", "Central America", "South America"),
    "latin america and the caribbean": ("Caribbean", "Central America", "South America"),
    "sub saharan africa": (
        "Eastern Africa",
        "Middle Africa",
        "Southern Africa",
        "Western Africa",
    ),
}


class Filters:
    """What ``list`` and ``search`` keep. ``None`` (or an empty tuple) means "do not filter".

    Names (``partner``, ``member``) may be any id, name, alias or ISO code; ``resolved`` turns
    them into ids against a dataset.
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
        "member_status",
        "region",
        "kind",
        "missing",
        "known",
        "law",
        "no_law",
        "draft_law",
        "gci_tier",
        "changed_since",
    )

    def __init__(
        self,
        strategy_year: int | None = None,
        strategy_since: int | None = None,
        strategy_until: int | None = None,
        no_strategy: bool = False,
        cert: bool | None = None,
        cert_status: str | None = None,
        partner: str | None = None,
        member: str | None = None,
        member_status: Sequence[str] = tuple(FULL_MEMBER),
        region: str | None = None,
        kind: str | None = None,
        missing: str | None = None,
        known: str | None = None,
        law: Sequence[str] = (),
        no_law: Sequence[str] = (),
        draft_law: Sequence[str] = (),
        gci_tier: int | None = None,
        changed_since: str | None = None,
    ) -> None:
        self.strategy_year = strategy_year
        self.strategy_since = strategy_since
        self.strategy_until = strategy_until
        self.no_strategy = no_strategy
        self.cert = cert
        self.cert_status = cert_status
        self.partner = partner
        self.member = member
        #: With ``member``: the membership statuses that count (default: full members).
        self.member_status = tuple(member_status)
        self.region = region
        self.kind = kind
        #: A field of ``stats --coverage`` the profile does not know (see ``coverage``).
        self.missing = missing
        #: A field of ``stats --coverage`` the profile knows: the complement of ``missing``.
        self.known = known
        #: Areas of law (``vocabulary.LawArea``) it has adopted a law on, each of them.
        self.law = tuple(law)
        #: Areas of law a source says it has no law on (and none recorded since).
        self.no_law = tuple(no_law)
        #: Areas of law on which only a draft or bill is recorded.
        self.draft_law = tuple(draft_law)
        #: Its tier in the newest ITU Global Cybersecurity Index recorded (1 is the highest).
        self.gci_tier = gci_tier
        #: ``YYYY`` or ``YYYY-MM``: a document adopted in or after then (a year without a month
        #: counts as the whole year).
        self.changed_since = changed_since

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.FIELDS}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Filters) and self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash(tuple(self.as_dict().values()))

    def __repr__(self) -> str:
        given = ", ".join(
            f"{k}={v!r}" for k, v in self.as_dict().items() if v not in (None, False, ())
        )
        return f"Filters({given})"

    def resolved(self, dataset: Dataset) -> Filters:
        """The same filters with names resolved to ids, and every value checked: an unknown
        name, region or field is an error that suggests the closest valid values."""
        for field in (self.missing, self.known):
            if field is not None and field not in COVERAGE:
                raise UsageError(_unknown("field", field, list(COVERAGE)))
        for area in (*self.law, *self.no_law, *self.draft_law):
            if area not in LAW_AREAS:
                raise UsageError(_unknown("law area", area, list(LAW_AREAS)))
        if self.gci_tier is not None and self.gci_tier not in (1, 2, 3, 4, 5):
            raise UsageError(f"no ITU GCI tier {self.gci_tier}: the tiers are 1 (highest) to 5")
        if self.changed_since is not None:
            since_date(self.changed_since)  # raises a usage error when malformed
        for status in self.member_status:
            if status not in choices(MembershipStatus):
                raise UsageError(
                    _unknown("membership status", status, list(choices(MembershipStatus)))
                )
        region = self.region
        if region is not None:
            region = resolve_region(dataset, region)
        values = self.as_dict()
        values["partner"] = dataset.resolve(self.partner).id if self.partner else None
        values["member"] = dataset.resolve(self.member).id if self.member else None
        values["region"] = region
        return Filters(**values)


def regions(dataset: Dataset) -> dict[str, str]:
    """Every UN M49 region and sub-region, and any other the data uses, by normalised name."""
    found = {normalise(name): name for name in M49}
    for p in dataset:
        for value in (p.region, p.subregion):
            if value:
                found[normalise(value)] = value
    return found


def resolve_region(dataset: Dataset, name: str) -> str:
    """The normalised region, sub-region or grouping ``name`` means; an error that lists the
    closest names when it means none."""
    key = normalise(name)
    known = regions(dataset)
    if key in known or key in REGION_GROUPS:
        return key
    choices = sorted(known.values())
    raise UsageError(_unknown("region", name, choices))


def _unknown(what: str, value: str, choices: Sequence[str]) -> str:
    import difflib  # only when a value is wrong

    close = difflib.get_close_matches(value.lower(), [c.lower() for c in choices], n=3, cutoff=0.5)
    by_lower = {c.lower(): c for c in choices}
    message = f"no {what} is called {value!r}"
    if close:
        message += f"; did you mean: {', '.join(by_lower[c] for c in close)}?"
    return message + f" (the {what}s are: {', '.join(choices)})"


def in_region(profile: Profile, region: str) -> bool:
    """Whether the profile lies in the (normalised) region, sub-region or grouping."""
    places = (normalise(profile.region or ""), normalise(profile.subregion or ""))
    if region in places:
        return True
    group = REGION_GROUPS.get(region)
    return group is not None and profile.subregion in group


def has_strategy_in_range(profile: Profile, filters: Filters) -> bool:
    """True when one national strategy's adoption year satisfies every given year bound."""
    for year in profile.strategy_years:
        if filters.strategy_year is not None and year != filters.strategy_year:
            continue
        if filters.strategy_since is not None and year < filters.strategy_since:
            continue
        if filters.strategy_until is not None and year > filters.strategy_until:
            continue
        return True
    return False


@functools.lru_cache(maxsize=8)  # parsed once, not for every profile a filter looks at
def since_date(value: str) -> tuple[int, int]:
    """(year, month) of ``YYYY`` (month 0) or ``YYYY-MM``; a usage error for anything else."""
    year, _, month = value.strip().partition("-")
    month_ok = not month or (month.isdigit() and len(month) <= 2 and 1 <= int(month) <= 12)
    if year.isdigit() and len(year) == 4 and month_ok:
        return int(year), int(month or 0)
    raise UsageError(f"{value!r} is not a year or a month: give YYYY or YYYY-MM, e.g. 2025-06")


def changed_since(profile: Profile, since: tuple[int, int]) -> bool:
    """Whether its newest dated document was adopted in or after ``since`` (year, month); a
    document dated by year alone could be as late as December and counts."""
    latest = profile.latest_change
    if latest is None:
        return False
    year, month, _ = latest
    return (year, month or 12) >= since


def matches(profile: Profile, filters: Filters, dataset: Dataset) -> bool:
    """True when ``profile`` passes every filter (``filters`` must already be resolved)."""
    f = filters
    if f.kind is not None and profile.kind != f.kind:
        return False
    if f.region is not None and not in_region(profile, f.region):
        return False
    if f.no_strategy and profile.strategy_count:
        return False
    year_bounds = (f.strategy_year, f.strategy_since, f.strategy_until)
    if any(b is not None for b in year_bounds) and not has_strategy_in_range(profile, f):
        return False
    if f.cert is not None and not _cert_matches(profile.cert_status, f.cert):
        return False
    if f.cert_status is not None and profile.cert_status != f.cert_status:
        return False
    if f.member is not None and not any(
        org == f.member and status in f.member_status
        for org, status, *_ in dataset.memberships_of(profile.id)
    ):
        return False
    if f.partner is not None and f.partner not in dataset.partners_of(profile.id):
        return False
    if any(profile.law_state(a) != "adopted" for a in f.law):  # type: ignore[arg-type]
        return False
    if any(profile.law_state(a) != "absent" for a in f.no_law):  # type: ignore[arg-type]
        return False
    if any(profile.law_state(a) != "draft" for a in f.draft_law):  # type: ignore[arg-type]
        return False
    if f.gci_tier is not None and profile.gci_tier != f.gci_tier:
        return False
    if f.changed_since is not None and not changed_since(profile, since_date(f.changed_since)):
        return False
    if f.known is not None and not knows(profile, f.known, dataset):
        return False
    return f.missing is None or not knows(profile, f.missing, dataset)


def sort_key(profile: Profile) -> str:
    """Profiles sort by name as people read it: accents and case aside (Côte d'Ivoire
    before Croatia)."""
    return normalise(profile.name)


def _newest_first(profile: Profile) -> tuple[bool, int, int]:
    latest = profile.latest_change
    if latest is None:
        return (True, 0, 0)
    return (False, -latest[0], -(latest[1] or 13))


#: The orders of ``list --sort``, each a key applied after sorting by name (stable): the first
#: strategy's year (oldest first), the newest document's date (newest first), the ITU GCI tier
#: (tier 1 first); profiles without a value come last.
SORTS: dict[str, Callable[[Profile], Any]] = {
    "name": lambda p: 0,
    "strategy-year": lambda p: (p.first_strategy_year is None, p.first_strategy_year or 0),
    "changed": _newest_first,
    "gci": lambda p: (p.gci_tier is None, p.gci_tier or 0),
}


def filter_profiles(
    dataset: Dataset, filters: Filters | None = None, sort: str = "name"
) -> list[Profile]:
    """The profiles that pass ``filters``, sorted by name, then by ``sort`` (see ``SORTS``)."""
    if sort not in SORTS:
        raise UsageError(_unknown("sort key", sort, list(SORTS)))
    resolved = (filters or Filters()).resolved(dataset)
    found = sorted((p for p in dataset if matches(p, resolved, dataset)), key=sort_key)
    if sort != "name":
        found.sort(key=SORTS[sort])
    return found


def _cert_matches(status: str, established: bool) -> bool:
    """``--cert``: a national CERT is established. ``--no-cert``: it is not, where one applies
    (an organisation, whose status is "not-applicable", has no national CERT to lack)."""
    if established:
        return status == "established"
    return status not in ("established", "not-applicable")
