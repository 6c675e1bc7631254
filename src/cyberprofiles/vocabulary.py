"""Shared meanings of the dataset's values, used by the models and by the plain records alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Document kinds that count as a national strategy for the strategy filters. Laws, policies and
#: plans are recorded but are not strategies (the reference dataset draws the same line).
STRATEGY_KINDS: frozenset[str] = frozenset({"strategy"})
#: Statuses of documents not (yet) adopted: a draft strategy is not a strategy in the filters.
NOT_ADOPTED: frozenset[str] = frozenset({"in-preparation", "proposed"})


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
