"""The dataset at a glance: the strategy timeline, counts, and how many profiles know each field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from .coverage import known_counts

if TYPE_CHECKING:
    from .dataset import Dataset
    from .profile import Profile

GroupBy = Literal["region", "kind"]


class YearBar:
    """Strategies adopted in one year: by whom, and counted per group."""

    __slots__ = ("actors", "groups", "year")

    def __init__(self, year: int) -> None:
        self.year = year
        self.actors: list[str] = []
        self.groups: Counter[str] = Counter()

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "count": len(self.actors),
            "actors": self.actors,
            "groups": dict(sorted(self.groups.items())),
        }


def timeline(
    profiles: Iterable[Profile],
    by: GroupBy | None = None,
    first_only: bool = False,
    since: int | None = None,
    until: int | None = None,
) -> list[YearBar]:
    """National strategy adoptions per year (an actor counts once a year), oldest first, every
    year from the first to the last included (a year without adoptions has a bar of zero)."""
    bars: dict[int, YearBar] = {}
    for p in profiles:
        years = set(p.strategy_years)
        if first_only and years:
            years = {min(years)}
        for year in years:
            if (since is not None and year < since) or (until is not None and year > until):
                continue
            bar = bars.setdefault(year, YearBar(year))
            bar.actors.append(p.id)
            if by == "region":
                bar.groups[p.region or "unknown"] += 1
            elif by == "kind":
                bar.groups[p.kind] += 1
    if not bars:
        return []
    for bar in bars.values():
        bar.actors.sort()
    first = min(bars) if since is None else since
    last = max(bars) if until is None else until
    return [bars.get(year) or YearBar(year) for year in range(first, last + 1)]


def summary(
    dataset: Dataset, top: int = 10, profiles: Sequence[Profile] | None = None
) -> dict[str, object]:
    """Counts by kind and region, strategy and CERT shares, hubs, sourcing, review dates.

    ``profiles`` narrows every figure to a selection (``stats --kind state``); partners are
    still counted across the whole dataset.
    """
    profiles = list(dataset) if profiles is None else list(profiles)
    states = [p for p in profiles if p.kind == "state"]
    sourcing = _sourcing(profiles)
    hubs = sorted(
        ((len(dataset.partners_of(p.id)), p.id) for p in profiles), key=lambda x: (-x[0], x[1])
    )
    reviewed = sorted(p.reviewed.isoformat() for p in profiles)

    def share(pred: Callable[[Profile], bool | None]) -> dict[str, object]:
        answers = [pred(p) for p in states]
        n = answers.count(True)
        found: dict[str, object] = {
            "count": n,
            "of": len(states),
            "share": round(n / len(states), 3) if states else 0.0,
        }
        if None in answers:  # the world as of a year: some dates are not recorded
            found["unknown"] = answers.count(None)
        return found

    def has_strategy(p: Profile) -> bool | None:
        if p.strategy_years:
            return True
        if dataset.as_of_year is not None and p.strategy_count:
            return None  # a strategy with no recorded year: adopted by then or not?
        return p.strategy_count > 0

    def has_cert(p: Profile) -> bool | None:
        if dataset.as_of_year is not None and p.cert_status == "unknown":
            return None
        return p.cert_status == "established"

    return {
        "as_of": dataset.as_of_year,
        "profiles": len(profiles),
        "by_kind": dict(sorted(Counter(p.kind for p in profiles).items())),
        "by_region": dict(sorted(Counter(p.region or "none" for p in profiles).items())),
        "states_with_strategy": share(has_strategy),
        "states_with_established_cert": share(has_cert),
        "most_connected": [
            {"id": i, "name": dataset[i].name, "partners": n} for n, i in hubs[:top]
        ],
        "facts": sourcing[0],
        "facts_with_source": sourcing[1],
        "facts_with_official_source": sourcing[2],
        "oldest_review": reviewed[0] if reviewed else None,
        "newest_review": reviewed[-1] if reviewed else None,
    }


def coverage(profiles: Sequence[Profile], dataset: Dataset) -> list[dict[str, object]]:
    """For each field, how many of ``profiles`` know it."""
    return _coverage_rows(known_counts(profiles, dataset), len(profiles))


def _coverage_rows(counts: dict[str, int], of: int) -> list[dict[str, object]]:
    return [
        {"field": name, "known": n, "of": of, "share": round(n / of, 3) if of else 0.0}
        for name, n in counts.items()
    ]


def _sourcing(profiles: Iterable[Profile]) -> tuple[int, int, int]:
    """(facts, facts with a source, facts with an official source) of ``profiles``."""
    totals = [0, 0, 0]
    for p in profiles:
        for n, found in enumerate(p.outline["facts"]):
            totals[n] += found
    return totals[0], totals[1], totals[2]
