"""What "known" means for each field that ``stats --coverage`` counts and ``list --missing``
names the gaps of: one definition, used by both."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from .vocabulary import LawArea

if TYPE_CHECKING:
    from .dataset import Dataset
    from .profile import Profile

Known = Callable[["Profile", "Dataset"], bool]


class Check:
    """One field of the coverage table: its name, what it counts, and the test; ``ties`` when
    the test needs the whole dataset (a tie may be recorded by the other side)."""

    __slots__ = ("description", "known", "name", "ties")

    def __init__(self, name: str, description: str, known: Known, ties: bool = False) -> None:
        self.name = name
        self.description = description
        self.known = known
        self.ties = ties


def _has(key: str) -> Known:
    def known(p: Profile, _: Dataset) -> bool:
        value = p.record[key]
        return bool(value.strip() if isinstance(value, str) else value)

    return known


def _treaty(name: str) -> Known:
    def known(p: Profile, _: Dataset) -> bool:
        return any(t["treaty"] == name and t["status"] != "unknown" for t in p.record["treaties"])

    return known


def _absent(p: Profile, subject: str) -> bool:
    return any(a["subject"] == subject for a in p.record["absences"])


def _law(area: LawArea) -> Known:
    """A law of the area that has been adopted (in force or not), or a sourced absence."""

    def known(p: Profile, _: Dataset) -> bool:
        return p.law_state(area) in ("adopted", "absent")

    return known


def strategy_known(p: Profile, _: Dataset | None = None) -> bool:
    """A strategy is recorded, or a sourced absence of any."""
    return p.strategy_count > 0 or _absent(p, "strategy")


def current_strategy_status(p: Profile, _: Dataset | None = None) -> bool:
    """Today's standing is known: a strategy in force, the newest one's status (e.g. expired
    with no successor found), or a sourced absence of any strategy."""
    strategies = p.strategies
    if not strategies:
        return _absent(p, "strategy")
    return any(d.in_force for d in strategies) or strategies[-1].status != "unknown"


def _cooperation(p: Profile, data: Dataset) -> bool:
    """A tie beyond membership: cooperation or an initiative, recorded by either side."""
    return bool(data.cooperation_partners_of(p.id))


COVERAGE: dict[str, Check] = {
    c.name: c
    for c in (
        Check("official_name", "the formal name", _has("official_name")),
        Check(
            "iso_codes",
            "ISO 3166-1 codes",
            lambda p, _: bool(p.record["iso2"] and p.record["iso3"]),
        ),
        Check("region", "UN M49 region", lambda p, _: bool(p.region)),
        Check("subregion", "UN M49 sub-region", lambda p, _: bool(p.subregion)),
        Check("aliases", "other names", _has("aliases")),
        Check("summary", "an overview", _has("summary")),
        Check(
            "memberships",
            "a membership, recorded by either side",
            lambda p, data: bool(data.memberships_of(p.id)),
            ties=True,
        ),
        Check("budapest_convention", "Budapest Convention status", _treaty("budapest-convention")),
        Check("strategy_known", "a strategy, or a sourced absence", strategy_known),
        Check(
            "first_strategy_year", "the first strategy's year", lambda p, _: bool(p.strategy_years)
        ),
        Check(
            "current_strategy",
            "a strategy in force",
            lambda p, _: any(d.in_force for d in p.strategies),
        ),
        Check("current_strategy_status", "today's strategy standing", current_strategy_status),
        Check(
            "agency",
            "the lead agency (or a sourced none)",
            lambda p, _: p.agency.status != "unknown",
        ),
        Check(
            "cert_status", "the national CERT's standing", lambda p, _: p.cert_status != "unknown"
        ),
        Check("cert_name", "the national CERT's name", lambda p, _: bool(p.record["cert"]["name"])),
        Check(
            "cert_year",
            "the national CERT's founding year",
            lambda p, _: p.record["cert"]["year"] is not None,
        ),
        Check("cybercrime_law", "a cybercrime law, or a sourced absence", _law("cybercrime")),
        Check(
            "cybersecurity_law", "a NIS/CII-type law, or a sourced absence", _law("cybersecurity")
        ),
        Check(
            "data_protection_law",
            "a data-protection law, or a sourced absence",
            _law("data-protection"),
        ),
        Check(
            "gci_tier",
            "the ITU GCI 2024 tier",
            lambda p, _: p.gci_tier is not None,
        ),
        Check(
            "cooperation", "cooperation beyond membership, by either side", _cooperation, ties=True
        ),
        Check(
            "international_law_position",
            "a position on international law in cyberspace",
            lambda p, _: any(x["topic"] == "international-law" for x in p.record["positions"]),
        ),
        Check("sources", "sources for the identity facts", _has("sources")),
    )
}

#: The checks a profile's own record answers, in order: the bits of ``known_mask``.
_OWN = [c.name for c in COVERAGE.values() if not c.ties]
_BIT = {name: 1 << n for n, name in enumerate(_OWN)}


def known_mask(p: Profile) -> int:
    """Which of the checks its own record answers a profile knows, as bits: worked out when
    the profile is checked and kept in its outline, so that ``stats`` and ``list --missing``
    need not decode every record."""
    mask = 0
    for name in _OWN:
        if COVERAGE[name].known(p, cast("Dataset", None)):  # these tests never use it
            mask |= _BIT[name]
    return mask


def knows(p: Profile, name: str, dataset: Dataset) -> bool:
    """Whether ``p`` knows the field ``name`` (one of ``COVERAGE``)."""
    bit = _BIT.get(name)
    if bit is None:
        return COVERAGE[name].known(p, dataset)
    return bool(p.outline["known"] & bit)


def known_counts(profiles: Sequence[Profile], dataset: Dataset) -> dict[str, int]:
    """How many of ``profiles`` know each field of ``COVERAGE``, in its order. Profiles share a
    few hundred combinations of known fields at most, so the bits are counted per combination."""
    masks = Counter(p.outline["known"] for p in profiles)
    counts: dict[str, int] = {}
    for name, check in COVERAGE.items():
        bit = _BIT.get(name)
        if bit is None:
            counts[name] = sum(1 for p in profiles if check.known(p, dataset))
        else:
            counts[name] = sum(n for mask, n in masks.items() if mask & bit)
    return counts
