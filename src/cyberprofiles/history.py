"""The world as it stood at the end of a year, worked out from the dates in the data.

Every answer here is one of three: true, false, or unknown (``None``) when a date the answer
needs is not recorded. An unknown is never counted as an absence: a CERT whose founding year is
unknown was perhaps there in 2010 and perhaps not.

The rules, each written once:
- a document counts from its year of adoption; one without a year cannot be placed;
- a strategy is in force at the end of a year if it was adopted by then, its period (where it
  has one) had not ended, and no later strategy adopted by then replaced it; without a period,
  the newest strategy is taken as in force if it still is today, and as unknown if it has since
  ended (when it ended is not recorded);
- a national body (CERT, agency) exists from its founding year; with no year, unknown;
- a membership runs from its year to its ``until`` year; with no year, unknown;
- a treaty: a signatory from the year of signature, a party from the year of ratification;
- a law of an area: in force if one was adopted by then (and is not a draft); none if the data
  records a sourced absence as of that year or later; otherwise unknown.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .vocabulary import IN_FORCE, NOT_ADOPTED, is_adopted_strategy

if TYPE_CHECKING:
    from .dataset import Dataset


def _strategies(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [d for d in record["documents"] if is_adopted_strategy(d["kind"], d["status"])]


def strategies_by(record: Mapping[str, Any], year: int) -> list[Mapping[str, Any]]:
    """Adopted strategies dated ``year`` or earlier, oldest first."""
    found = [d for d in _strategies(record) if d["year"] is not None and d["year"] <= year]
    return sorted(found, key=lambda d: d["year"])


def undated_strategies(record: Mapping[str, Any]) -> bool:
    return any(d["year"] is None for d in _strategies(record))


def strategy_adopted(record: Mapping[str, Any], year: int) -> bool | None:
    """Whether a national strategy was adopted in ``year``."""
    if any(d["year"] == year for d in _strategies(record)):
        return True
    return None if undated_strategies(record) else False


def strategy_in_force(record: Mapping[str, Any], year: int) -> bool | None:
    """Whether a national strategy was in force at the end of ``year``."""
    adopted = strategies_by(record, year)
    if not adopted:
        if undated_strategies(record):
            return None
        absent = [a for a in record["absences"] if a["subject"] == "strategy"]
        later = [d for d in _strategies(record) if d["year"] is not None]
        if later or any(a["as_of"] >= year for a in absent):
            return False
        return False if not _strategies(record) and absent else None
    newest = adopted[-1]
    if newest["valid_until"] is not None:
        return bool(newest["valid_until"] >= year)
    if newest["status"] in IN_FORCE:
        return True
    return None


def document_status(record: Mapping[str, Any], document: Mapping[str, Any], year: int) -> str:
    """A document's status at the end of ``year`` (one of the statuses of the vocabulary)."""
    if document["valid_until"] is not None and document["valid_until"] < year:
        return "expired"
    keys = {document.get("key")} - {None}
    for other in record["documents"]:
        replaced = keys & set(other.get("replaces") or ())
        adopted = other["status"] not in NOT_ADOPTED  # a bill replaces nothing until adopted
        if replaced and adopted and other["year"] is not None and other["year"] <= year:
            return (
                "superseded" if is_adopted_strategy(other["kind"], other["status"]) else "repealed"
            )
    if is_adopted_strategy(document["kind"], document["status"]):
        newer = [
            d
            for d in strategies_by(record, year)
            if d is not document and d["year"] > (document["year"] or 0)
        ]
        if newer:
            return "superseded"
    if document["status"] in IN_FORCE or document["status"] in NOT_ADOPTED:
        return str(document["status"])
    if document["valid_until"] is not None:
        return "in-force"  # its period covers the year
    return "unknown"  # it has ended since, but when is not recorded


def body_exists(body: Mapping[str, Any], year: int) -> bool | None:
    """Whether a CERT or agency existed at the end of ``year``."""
    if body["status"] in ("none", "planned"):
        return False
    if body["status"] != "established":
        return None
    if body["year"] is None:
        return None
    return bool(body["year"] <= year)


def treaty_status(record: Mapping[str, Any], treaty: str, year: int) -> str | None:
    """``party``, ``signatory`` or ``not-party`` at the end of ``year``; None when unknown."""
    for t in record["treaties"]:
        if t["treaty"] != treaty:
            continue
        if t["status"] == "not-party":
            return "not-party"
        if t["status"] == "party":
            if t["year"] is not None and t["year"] <= year:
                return "party"
            if t["signed"] is not None and t["signed"] <= year:
                return "signatory" if t["year"] is not None else None
            if t["year"] is not None or t["signed"] is not None:
                return "not-party"
            return None
        if t["status"] == "signatory":
            if t["signed"] is None:
                return None
            return "signatory" if t["signed"] <= year else "not-party"
    return None


def status_at(status: str, since: int | None, until: int | None, year: int) -> str | None:
    """A membership's status at the end of ``year``, from its current status, the year that
    status began and (for a former member) the year it ended: ``none`` before it began, None
    when the data cannot say (a suspension or an exit dated after ``year``: the status before
    it is not recorded)."""
    if since is None:
        return None
    if status == "former":
        if until is None:
            return None if since <= year else "none"
        if year > until:
            return "former"
        return "member" if since <= year else "none"
    if since <= year:
        return status
    return None if status == "suspended" else "none"


def membership_status(
    dataset: Dataset, profile_id: str, organisation: str, year: int
) -> str | None:
    """The profile's status in ``organisation`` at the end of ``year`` (see ``status_at``);
    ``none`` when no tie is recorded at all."""
    found: list[str | None] = [
        status_at(status, since, until, year)
        for org, status, since, until, _ in dataset.memberships_of(profile_id)
        if org == organisation
    ]
    known = [s for s in found if s not in (None, "none")]
    if known:
        return known[0]
    return None if None in found else "none"


def law_in_force(record: Mapping[str, Any], area: str, year: int) -> bool | None:
    """Whether a law of ``area`` (cybercrime, cybersecurity, data-protection) was in force."""
    laws = [d for d in record["documents"] if area in d["area"] and d["status"] not in NOT_ADOPTED]
    if any(d["year"] is not None and d["year"] <= year for d in laws):
        return True
    if any(a["subject"] == area and a["as_of"] >= year for a in record["absences"]):
        return False
    return None


def as_of_record(record: Mapping[str, Any], year: int) -> dict[str, Any]:
    """The profile's record as it would have read at the end of ``year``: what is dated later
    left out, statuses of documents, bodies and treaties as they were. Facts with no date are
    kept, since they cannot be placed (views say their date is unknown)."""
    out = copy.deepcopy(dict(record))

    def dated(item: Mapping[str, Any], key: str = "year") -> bool:
        return item.get(key) is None or item[key] <= year

    unplaced = " (its date is not recorded, so whether it existed then is unknown)"
    out["documents"] = [
        {**d, "status": document_status(record, d, year)}
        if d["year"] is not None
        else {**d, "status": "unknown", "note": (d["note"] + unplaced).strip()}
        for d in record["documents"]
        if dated(d)
    ]
    for key in ("cooperation", "initiatives", "critical_infrastructure", "positions"):
        out[key] = [dict(item) for item in record[key] if dated(item)]
    for key in ("memberships", "members"):
        kept = []
        for m in record[key]:
            status = status_at(m["status"], m["year"], m["until"], year)
            if status == "none":
                continue
            if status is None:  # kept as recorded: its status that year cannot be told
                kept.append({**m, "note": (m["note"] + " (status in that year unknown)").strip()})
            else:
                kept.append(
                    {**m, "status": status, "until": m["until"] if status == "former" else None}
                )
        out[key] = kept
    out["indices"] = [dict(i) for i in record["indices"] if i["edition"] <= year]
    out["absences"] = [dict(a) for a in record["absences"] if a["as_of"] <= year]
    treaties = []
    for t in record["treaties"]:
        status = treaty_status(record, t["treaty"], year)
        if status == "not-party" and t["status"] != "not-party":
            treaties.append({**t, "status": "not-party", "signed": None, "year": None})
        elif status is None:
            treaties.append({**t, "status": "unknown"})
        else:
            keep_year = t["year"] if status == "party" else None
            treaties.append({**t, "status": status, "year": keep_year})
    out["treaties"] = treaties
    for key in ("cert", "agency"):
        body = record[key]
        if body["status"] == "established" and body["year"] is None:
            out[key] = {
                **body,
                "status": "unknown",
                "name": None,
                "acronym": None,
                "note": f"{body['name'] or 'It'} exists today; its founding year is not recorded.",
            }
        elif body["status"] == "established" and body["year"] is not None and body["year"] > year:
            out[key] = {
                **body,
                "status": "none",
                "name": None,
                "acronym": None,
                "year": None,
                "note": f"{body['name'] or 'It'} was established in {body['year']}, after {year}.",
            }
    out["as_of"] = year
    return out
