"""The dataset's vocabularies and the rules that give them meaning, each written once.

The Pydantic models type their fields with these ``Literal`` types; the command line derives its
choices from them (``choices``); filters, comparisons and statistics use the rules below. Nothing
here imports more than ``typing``, so every layer may use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, get_args

#: What a profile describes. ``state`` is a UN member state; ``observer-state`` a UN non-member
#: observer state (the Holy See, Palestine); ``partially-recognised-state`` a state that many
#: but not all UN members recognise (Kosovo, Taiwan).
Kind = Literal["state", "observer-state", "partially-recognised-state", "organisation"]
DocumentKind = Literal[
    "strategy", "law", "policy", "plan", "directive", "regulation", "decree", "guidelines", "other"
]
#: ``amended``: in force, as changed by a later act (which names it in ``amends``).
#: ``in-preparation``: a draft; ``proposed``: a bill or proposal before the body that adopts it;
#: ``withdrawn``: a draft or bill withdrawn, rejected or shelved before it took effect.
DocumentStatus = Literal[
    "in-force",
    "amended",
    "superseded",
    "expired",
    "repealed",
    "in-preparation",
    "proposed",
    "withdrawn",
    "unknown",
]
#: Areas of law: ``cybersecurity`` is the security of networks, information systems and
#: critical infrastructure (NIS-type and CII laws).
LawArea = Literal["cybercrime", "cybersecurity", "data-protection", "electronic-transactions"]
#: The areas of law, in the order people read them.
LAW_AREAS: tuple[str, ...] = get_args(LawArea)
#: What an ``absences`` entry says a profile has none of: a national strategy, or a law in an area.
AbsenceSubject = Literal["strategy", "cybercrime", "cybersecurity", "data-protection"]
#: Standing of a national body (the CERT, the lead agency). ``not-applicable`` is for profiles
#: that have no national bodies (organisations).
BodyStatus = Literal["established", "planned", "none", "unknown", "not-applicable"]
MembershipStatus = Literal[
    "member",
    "candidate",
    "partner",
    "observer",
    "suspended",
    "former",
    "signatory",
    "party",
    "supporter",
    "participant",
]
TreatyName = Literal["budapest-convention", "malabo-convention", "un-cybercrime-convention"]
TreatyStatus = Literal["party", "signatory", "not-party", "unknown"]
CooperationKind = Literal[
    "membership",
    "mou",
    "agreement",
    "joint-exercise",
    "capacity-building",
    "donation",
    "dialogue",
    "cert-cooperation",
    "maturity-review",
    "position-paper",
    "summit",
    "programme",
    "other",
]
Direction = Literal["mutual", "received", "given"]
PositionTopic = Literal["international-law", "norms", "general"]
PositionForm = Literal["paper", "statement", "speech", "submission", "common-position", "other"]
IndexName = Literal["itu-gci"]
#: What a world map can be coloured by (``cyberprofiles map``).
MapField = Literal["first-strategy", "cert", "agency", "budapest", "gci", "member", "filter"]

#: Display names of the treaties.
TREATY_NAMES: dict[str, str] = {
    "budapest-convention": "Budapest Convention on Cybercrime",
    "malabo-convention": "AU Convention on Cyber Security and Personal Data Protection (Malabo)",
    "un-cybercrime-convention": "UN Convention against Cybercrime (2024)",
}
#: Short names of the treaties, for column headers and comparisons.
TREATY_SHORT_NAMES: dict[str, str] = {
    "budapest-convention": "Budapest Convention",
    "malabo-convention": "Malabo Convention",
    "un-cybercrime-convention": "UN Cybercrime Convention",
}
#: Display names of the indices.
INDEX_NAMES: dict[str, str] = {"itu-gci": "ITU Global Cybersecurity Index"}

#: Document kinds that count as a national strategy for the strategy filters. Laws, policies and
#: plans are recorded but are not strategies (the reference dataset draws the same line).
STRATEGY_KINDS: frozenset[str] = frozenset({"strategy"})
#: Statuses of drafts and bills still in progress.
IN_PROGRESS: frozenset[str] = frozenset({"in-preparation", "proposed"})
#: Statuses of documents not (yet) adopted, in progress or abandoned: a draft strategy is not a
#: strategy in the filters, and a withdrawn bill is not a law.
NOT_ADOPTED: frozenset[str] = IN_PROGRESS | {"withdrawn"}
#: Statuses of documents in force today.
IN_FORCE: frozenset[str] = frozenset({"in-force", "amended"})
#: Membership statuses that make a profile a full member (shared membership in ``compare``).
FULL_MEMBER: frozenset[str] = frozenset({"member"})


def choices(vocabulary: Any) -> tuple[str, ...]:
    """The values of a ``Literal`` vocabulary, e.g. ``choices(BodyStatus)``."""
    return tuple(get_args(vocabulary))


def is_adopted_strategy(kind: str, status: str) -> bool:
    """True for an adopted national strategy (not a law, not a draft)."""
    return kind in STRATEGY_KINDS and status not in NOT_ADOPTED


def period(valid_from: int | None, valid_until: int | None) -> str:
    """A document's period as people write it, e.g. ``2018-2022``; empty when it has none."""
    if valid_from is None and valid_until is None:
        return ""
    return (
        f"{'' if valid_from is None else valid_from}-{'' if valid_until is None else valid_until}"
    )


def adopted_strategies(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A profile record's adopted national strategies, oldest first, undated ones last."""
    found = [d for d in record["documents"] if is_adopted_strategy(d["kind"], d["status"])]
    return sorted(found, key=lambda d: (d["year"] is None, d["year"] or 0))
