"""The dataset at a glance: strategy timeline, counts, coverage of each field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from .dataset import Dataset
from .models import Profile

GroupBy = Literal["region", "kind"]


@dataclass
class YearBar:
    """Strategies adopted in one year: by whom, and counted per group."""

    year: int
    actors: list[str] = field(default_factory=list)
    groups: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "count": len(self.actors),
            "actors": self.actors,
            "groups": dict(sorted(self.groups.items())),
        }


def timeline(
    profiles: Iterable[Profile], by: GroupBy | None = None, first_only: bool = False
) -> list[YearBar]:
    """National strategy adoptions per year (an actor counts once a year), oldest first."""
    bars: dict[int, YearBar] = {}
    for p in profiles:
        years = {d.year for d in p.strategies if d.year is not None}
        if first_only and years:
            years = {min(years)}
        for year in years:
            bar = bars.setdefault(year, YearBar(year))
            bar.actors.append(p.id)
            if by == "region":
                bar.groups[p.region or "unknown"] += 1
            elif by == "kind":
                bar.groups[p.kind] += 1
    for bar in bars.values():
        bar.actors.sort()
    return [bars[y] for y in sorted(bars)]


def _facts(p: Profile) -> tuple[int, int]:
    """(facts, facts with a source URL) in a profile."""
    lists = (p.memberships, p.treaties, p.documents, p.cooperation, p.initiatives)
    more = (p.critical_infrastructure, p.positions, p.other_csirts)
    facts = sum(len(x) for x in lists) + sum(len(x) for x in more)
    sourced = facts  # the models require a source on each of these
    if p.cert.status != "unknown":
        facts += 1
        sourced += p.cert.source is not None
    return facts, sourced


def summary(dataset: Dataset, top: int = 10) -> dict[str, object]:
    """Counts by kind and region, strategy and CERT shares, hubs, sourcing, review dates."""
    profiles = list(dataset)
    states = [p for p in profiles if p.kind == "state"]
    facts = [_facts(p) for p in profiles]
    hubs = sorted(
        ((len(dataset.partners_of(p.id)), p.id) for p in profiles), key=lambda x: (-x[0], x[1])
    )
    reviewed = sorted(p.reviewed for p in profiles)

    def share(pred: Callable[[Profile], bool]) -> dict[str, object]:
        n = sum(1 for p in states if pred(p))
        return {
            "count": n,
            "of": len(states),
            "share": round(n / len(states), 3) if states else 0.0,
        }

    return {
        "profiles": len(profiles),
        "by_kind": dict(sorted(Counter(p.kind for p in profiles).items())),
        "by_region": dict(sorted(Counter(p.region or "none" for p in profiles).items())),
        "states_with_strategy": share(lambda p: bool(p.strategies)),
        "states_with_established_cert": share(lambda p: p.cert.status == "established"),
        "most_connected": [{"id": i, "partners": n} for n, i in hubs[:top]],
        "facts": sum(f for f, _ in facts),
        "facts_with_source": sum(s for _, s in facts),
        "oldest_review": reviewed[0].isoformat() if reviewed else None,
        "newest_review": reviewed[-1].isoformat() if reviewed else None,
    }


#: Coverage checks: what "known" means for each field.
COVERAGE: dict[str, Callable[[Profile], bool]] = {
    "official_name": lambda p: bool(p.official_name),
    "iso_codes": lambda p: bool(p.iso2 and p.iso3),
    "region": lambda p: bool(p.region),
    "subregion": lambda p: bool(p.subregion),
    "aliases": lambda p: bool(p.aliases),
    "summary": lambda p: bool(p.summary.strip()),
    "memberships": lambda p: bool(p.memberships),
    "budapest_convention": lambda p: any(
        t.treaty == "budapest-convention" and t.status != "unknown" for t in p.treaties
    ),
    "strategy_known": lambda p: bool(p.strategies) or _no_strategy_known(p),
    "first_strategy_year": lambda p: p.first_strategy_year is not None,
    "current_strategy": lambda p: any(d.status == "in-force" for d in p.strategies),
    "cert_status": lambda p: p.cert.status != "unknown",
    "cert_name": lambda p: bool(p.cert.name),
    "cert_year": lambda p: p.cert.year is not None,
    "cooperation": lambda p: bool(p.cooperation),
    "sources": lambda p: bool(p.sources),
}


def _no_strategy_known(p: Profile) -> bool:
    """A state whose profile cites a source for having no strategy (the reference dataset)."""
    return not p.strategies and any("nadiyakostyuk" in s for s in p.sources)


def coverage(profiles: Iterable[Profile]) -> list[dict[str, object]]:
    """For each field, how many of ``profiles`` know it."""
    items = list(profiles)
    rows = []
    for name, known in COVERAGE.items():
        n = sum(1 for p in items if known(p))
        rows.append(
            {
                "field": name,
                "known": n,
                "of": len(items),
                "share": round(n / len(items), 3) if items else 0.0,
            }
        )
    return rows
