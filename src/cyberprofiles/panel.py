"""A country-year panel: one row per actor and year, worked out by ``history`` from the dates in
the data, for analysis in R, Stata or pandas.

``CODEBOOK`` is the one description of the columns: the README's codebook and ``panel --help``
are written from it. Unknown values are empty in CSV and ``null`` in JSON, never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import history

if TYPE_CHECKING:
    from .dataset import Dataset
    from .profile import Profile

#: The organisations whose membership the panel reports unless others are asked for.
DEFAULT_ORGANISATIONS = (
    "un",
    "european-union",
    "nato",
    "osce",
    "council-of-europe",
    "african-union",
    "oas",
    "asean",
)

#: Each column: (name, meaning and coding).
CODEBOOK: tuple[tuple[str, str], ...] = (
    ("id", "profile id (stable slug)"),
    ("iso3", "ISO 3166-1 alpha-3 code; empty where the place has none"),
    ("name", "common English short name"),
    ("kind", "state, observer-state, partially-recognised-state or organisation"),
    ("region", "UN M49 region"),
    ("year", "the year; every value is as at the end of it"),
    (
        "strategy_adopted",
        "1 if a national cybersecurity strategy was adopted that year, else 0; "
        "empty if the profile has a strategy whose year is unknown",
    ),
    (
        "strategy_in_force",
        "1 if a national strategy was in force at the end of the year, 0 if "
        "none was (none adopted yet, its period over, or a sourced absence), empty if unknown",
    ),
    ("strategies_so_far", "number of national strategies adopted by then (dated ones)"),
    ("first_strategy_year", "year of the first national strategy (the same on every row)"),
    (
        "cert_established",
        "1 if the national CERT existed, 0 if not, empty if its founding year is unknown",
    ),
    (
        "agency_established",
        "1 if the lead cybersecurity agency existed, 0 if not, empty if unknown",
    ),
    ("budapest", "Budapest Convention: party, signatory or not-party; empty if unknown"),
    (
        "cybercrime_law",
        "1 if a cybercrime law had been adopted, 0 if a source records none, empty if unknown",
    ),
    ("cybersecurity_law", "the same for a NIS/CII-type cybersecurity law"),
    ("data_protection_law", "the same for a personal-data protection law"),
    (
        "gci_tier",
        "ITU Global Cybersecurity Index tier (1-5) of the latest edition published "
        "by then; empty before 2024 or if not ranked",
    ),
    (
        "member_ORG",
        "one column per organisation (default: un, european-union, nato, osce, "
        "council-of-europe, african-union, oas, asean): 1 if a full member, 0 if not, empty if "
        "the dates do not tell",
    ),
)


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _gci(record: Any, year: int) -> int | None:
    editions = [(i["edition"], i["tier"]) for i in record["indices"] if i["index"] == "itu-gci"]
    editions = [e for e in editions if e[0] <= year and e[1] is not None]
    return max(editions)[1] if editions else None


def rows(
    dataset: Dataset,
    profiles: Sequence[Profile],
    start: int,
    end: int,
    organisations: Sequence[str] = DEFAULT_ORGANISATIONS,
) -> Iterable[dict[str, Any]]:
    """The panel's rows, by profile (in the order given) and year."""
    for p in profiles:
        record = p.record
        first = p.first_strategy_year
        dated = [d["year"] for d in history.strategies_by(record, end)]
        for year in range(start, end + 1):
            row: dict[str, Any] = {
                "id": p.id,
                "iso3": p.iso3,
                "name": p.name,
                "kind": p.kind,
                "region": p.region,
                "year": year,
                "strategy_adopted": _flag(history.strategy_adopted(record, year)),
                "strategy_in_force": _flag(history.strategy_in_force(record, year)),
                "strategies_so_far": sum(1 for y in dated if y <= year),
                "first_strategy_year": first,
                "cert_established": _flag(history.body_exists(record["cert"], year)),
                "agency_established": _flag(history.body_exists(record["agency"], year)),
                "budapest": history.treaty_status(record, "budapest-convention", year),
                "cybercrime_law": _flag(history.law_in_force(record, "cybercrime", year)),
                "cybersecurity_law": _flag(history.law_in_force(record, "cybersecurity", year)),
                "data_protection_law": _flag(history.law_in_force(record, "data-protection", year)),
                "gci_tier": _gci(record, year),
            }
            for org in organisations:
                row[f"member_{org}"] = _member(dataset, p.id, org, year)
            yield row


#: Statuses that make a profile a member (a suspended member remains one).
_MEMBER = ("member", "suspended")


def _member(dataset: Dataset, profile_id: str, organisation: str, year: int) -> int | None:
    status = history.membership_status(dataset, profile_id, organisation, year)
    if status is not None:
        return int(status in _MEMBER)
    held = {m[1] for m in dataset.memberships_of(profile_id) if m[0] == organisation}
    # Never recorded as a member (a partner, an observer, with no year): not a member then.
    return None if held & {"member", "suspended", "former"} else 0


def columns(organisations: Sequence[str] = DEFAULT_ORGANISATIONS) -> tuple[str, ...]:
    names = [name for name, _ in CODEBOOK if name != "member_ORG"]
    return (*names, *(f"member_{org}" for org in organisations))
