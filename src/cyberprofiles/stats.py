"""The dataset at a glance: strategy timeline, counts, coverage of each field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from .catalog import Catalog, Entry
from .vocabulary import adopted_strategies

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
    entries: Iterable[Entry], by: GroupBy | None = None, first_only: bool = False
) -> list[YearBar]:
    """National strategy adoptions per year (an actor counts once a year), oldest first."""
    bars: dict[int, YearBar] = {}
    for p in entries:
        years = set(p.strategy_years)
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


def _facts(record: dict[str, object]) -> tuple[int, int]:
    """(facts, facts with a source URL) in a profile record."""
    keys = (
        "memberships",
        "treaties",
        "documents",
        "cooperation",
        "initiatives",
        "critical_infrastructure",
        "positions",
        "other_csirts",
    )
    facts = sum(len(record[k]) for k in keys)  # type: ignore[arg-type]
    sourced = facts  # the models require a source on each of these
    cert = record["cert"]
    if cert["status"] != "unknown":  # type: ignore[index]
        facts += 1
        sourced += cert["source"] is not None  # type: ignore[index]
    return facts, sourced


def summary(catalog: Catalog, top: int = 10) -> dict[str, object]:
    """Counts by kind and region, strategy and CERT shares, hubs, sourcing, review dates."""
    entries = list(catalog)
    states = [e for e in entries if e.kind == "state"]
    facts = [_facts(e.record) for e in entries]
    hubs = sorted(((len(e.partners), e.id) for e in entries), key=lambda x: (-x[0], x[1]))
    reviewed = sorted(e.record["reviewed"] for e in entries)

    def share(pred: Callable[[Entry], bool]) -> dict[str, object]:
        n = sum(1 for e in states if pred(e))
        return {
            "count": n,
            "of": len(states),
            "share": round(n / len(states), 3) if states else 0.0,
        }

    return {
        "profiles": len(entries),
        "by_kind": dict(sorted(Counter(e.kind for e in entries).items())),
        "by_region": dict(sorted(Counter(e.region or "none" for e in entries).items())),
        "states_with_strategy": share(lambda e: e.strategies > 0),
        "states_with_established_cert": share(lambda e: e.cert_status == "established"),
        "most_connected": [{"id": i, "partners": n} for n, i in hubs[:top]],
        "facts": sum(f for f, _ in facts),
        "facts_with_source": sum(s for _, s in facts),
        "oldest_review": reviewed[0] if reviewed else None,
        "newest_review": reviewed[-1] if reviewed else None,
    }


def _has(record: dict, key: str) -> bool:  # type: ignore[type-arg]
    value = record[key]
    return bool(value.strip() if isinstance(value, str) else value)


#: Coverage checks: what "known" means for each field.
COVERAGE: dict[str, Callable[[Entry], bool]] = {
    "official_name": lambda e: _has(e.record, "official_name"),
    "iso_codes": lambda e: bool(e.record["iso2"] and e.record["iso3"]),
    "region": lambda e: _has(e.record, "region"),
    "subregion": lambda e: _has(e.record, "subregion"),
    "aliases": lambda e: _has(e.record, "aliases"),
    "summary": lambda e: _has(e.record, "summary"),
    "memberships": lambda e: _has(e.record, "memberships"),
    "budapest_convention": lambda e: any(
        t["treaty"] == "budapest-convention" and t["status"] != "unknown"
        for t in e.record["treaties"]
    ),
    "strategy_known": lambda e: e.strategies > 0 or _no_strategy_known(e),
    "first_strategy_year": lambda e: bool(e.strategy_years),
    "current_strategy": lambda e: any(
        d["kind"] == "strategy" and d["status"] == "in-force" for d in e.record["documents"]
    ),
    "current_strategy_status": lambda e: _newest_status_known(e),
    "cert_status": lambda e: e.cert_status != "unknown",
    "cert_name": lambda e: bool(e.record["cert"]["name"]),
    "cert_year": lambda e: e.record["cert"]["year"] is not None,
    "cooperation": lambda e: _has(e.record, "cooperation"),
    "sources": lambda e: _has(e.record, "sources"),
}


def _newest_status_known(e: Entry) -> bool:
    """Whether today's standing is known: a strategy in force, the newest one's status (e.g.
    expired with no successor found), or a sourced absence of any strategy."""
    strategies = adopted_strategies(e.record)
    if not strategies:
        return _no_strategy_known(e)
    in_force = any(d["status"] == "in-force" for d in strategies)
    return in_force or strategies[-1]["status"] != "unknown"


def _no_strategy_known(e: Entry) -> bool:
    """A profile with no strategy whose data records, with a source, that it has none."""
    return e.strategies == 0 and any(a["subject"] == "strategy" for a in e.record["absences"])


def coverage(entries: Iterable[Entry]) -> list[dict[str, object]]:
    """For each field, how many of ``entries`` know it."""
    items = list(entries)
    rows = []
    for name, known in COVERAGE.items():
        n = sum(1 for e in items if known(e))
        rows.append(
            {
                "field": name,
                "known": n,
                "of": len(items),
                "share": round(n / len(items), 3) if items else 0.0,
            }
        )
    return rows
