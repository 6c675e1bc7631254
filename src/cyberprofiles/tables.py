"""The dataset as normalised tables: profiles, documents, CERTs, agencies, memberships,
cooperation, positions, sources and the rest, with keys that join them. The SQLite export and
the data package are both written from these tables (``export``), so they hold the same rows.

Every table has an integer or text primary key; a column ending in ``_id`` refers to the table
it names (``profile_id``, ``partner_id`` and ``organisation_id`` to ``profiles.id``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dataset import Dataset

#: Each table: its columns as (name, type, meaning); the first column is the primary key;
#: foreign keys as {column: (table, column)}. Types are those of Table Schema.
Column = tuple[str, str, str]
TABLES: dict[str, tuple[tuple[Column, ...], dict[str, tuple[str, str]]]] = {
    "profiles": (
        (
            ("id", "string", "profile id, a stable slug"),
            ("name", "string", "common English short name"),
            ("official_name", "string", "official name"),
            ("kind", "string", "state, observer-state, partially-recognised-state, organisation"),
            ("iso2", "string", "ISO 3166-1 alpha-2"),
            ("iso3", "string", "ISO 3166-1 alpha-3"),
            ("region", "string", "UN M49 region"),
            ("subregion", "string", "UN M49 sub-region"),
            ("summary", "string", "overview in the project's own words"),
            ("first_strategy_year", "integer", "year of the first national strategy"),
            ("cert_status", "string", "national CERT: established, planned, none, unknown"),
            ("agency_status", "string", "lead agency: established, planned, none, unknown"),
            ("reviewed", "date", "when the profile was last checked against its sources"),
        ),
        {},
    ),
    "aliases": (
        (
            ("id", "integer", "row id"),
            ("profile_id", "string", "the profile"),
            ("alias", "string", "another name in use"),
        ),
        {"profile_id": ("profiles", "id")},
    ),
    "sources": (
        (
            ("id", "integer", "row id"),
            ("profile_id", "string", "the profile"),
            ("url", "string", "a source of the identity facts and summary"),
        ),
        {"profile_id": ("profiles", "id")},
    ),
    "documents": (
        (
            ("id", "integer", "row id"),
            ("profile_id", "string", "the profile"),
            ("key", "string", "short id within the profile, named by amends/replaces"),
            ("title", "string", "title"),
            ("kind", "string", "strategy, law, policy, plan, directive, regulation, decree, ..."),
            ("areas", "string", "areas of law, ';'-separated"),
            ("year", "integer", "year adopted"),
            ("month", "integer", "month adopted"),
            ("valid_from", "integer", "first year of its period"),
            ("valid_until", "integer", "last year of its period"),
            ("status", "string", "in-force, amended, superseded, expired, repealed, ..."),
            ("amends", "string", "keys of documents it amends, ';'-separated"),
            ("replaces", "string", "keys of documents it replaces, ';'-separated"),
            ("summary", "string", "summary"),
            ("note", "string", "caveats"),
            ("source", "string", "source URL"),
        ),
        {"profile_id": ("profiles", "id")},
    ),
    "document_areas": (
        (
            ("id", "integer", "row id"),
            ("document_id", "integer", "the document"),
            ("area", "string", "cybercrime, cybersecurity, data-protection, ..."),
        ),
        {"document_id": ("documents", "id")},
    ),
    "certs": (
        (
            ("id", "integer", "row id"),
            ("profile_id", "string", "the profile"),
            ("role", "string", "national (the national CERT) or other"),
            ("status", "string", "established, planned, none, unknown, not-applicable"),
            ("name", "string", "name"),
            ("acronym", "string", "acronym"),
            ("host", "string", "the institution that hosts or runs it"),
            ("year", "integer", "year established"),
            ("website", "string", "website"),
            ("source", "string", "source URL"),
            ("year_source", "string", "source of the year, where it differs"),
        ),
        {"profile_id": ("profiles", "id")},
    ),
    "agencies": (
        (
            ("id", "integer", "row id"),
            ("profile_id", "string", "the profile"),
            ("role", "string", "lead (the lead cybersecurity agency) or other"),
            ("status", "string", "established, planned, none, unknown, not-applicable"),
            ("name", "string", "name"),
            ("acronym", "string", "acronym"),
            ("parent", "string", "the body it belongs or reports to"),
            ("year", "integer", "year established"),
            ("mandate", "string", "what it is responsible for"),
            ("website", "string", "website"),
            ("source", "string", "source URL"),
            ("year_source", "string", "source of the year, where it differs"),
        ),
        {"profile_id": ("profiles", "id")},
    ),
    "memberships": (
        (
            ("id", "integer", "row id"),
            ("member_id", "string", "the member"),
            ("organisation_id", "string", "the organisation"),
            ("status", "string", "member, candidate, partner, observer, suspended, former, ..."),
            ("year", "integer", "year the status began"),
            ("until", "integer", "year it ended"),
            ("note", "string", "note"),
            ("source", "string", "source URL"),
            ("recorded_by", "string", "the profile whose file records it"),
        ),
        {
            "member_id": ("profiles", "id"),
            "organisation_id": ("profiles", "id"),
            "recorded_by": ("profiles", "id"),
        },
    ),
    "treaties": (
        (
            ("id", "integer", "row id"),
            ("profile_id", "string", "the profile"),
            ("treaty", "string", "budapest-convention, malabo-convention, ..."),
            ("status", "string", "party, signatory, not-party, unknown"),
            ("signed", "integer", "year signed"),
            ("year", "integer", "year ratified or acceded"),
            ("note", "string", "note"),
            ("source", "string", "source URL"),
        ),
        {"profile_id": ("profiles", "id")},
    ),
    "cooperation": (
        (
            ("id", "integer", "row id"),
            ("profile_id", "string", "the profile whose file records it"),
            ("partner_id", "string", "the partner"),
            ("kind", "string", "mou, agreement, joint-exercise, capacity-building, ..."),
            ("title", "string", "title"),
            ("year", "integer", "year"),
            ("month", "integer", "month"),
            ("direction", "string", "mutual, received, given (from profile_id's side)"),
            ("partner_detail", "string", "a body within the partner"),
            ("amount", "number", "amount"),
            ("currency", "string", "ISO 4217 currency of amount"),
            ("summary", "string", "summary"),
            ("note", "string", "note"),
            ("source", "string", "source URL"),
        ),
        {"profile_id": ("profiles", "id"), "partner_id": ("profiles", "id")},
    ),
    "positions": (
        (
            ("id", "integer", "row id"),
            ("profile_id", "string", "the profile"),
            ("topic", "string", "international-law, norms, general"),
            ("title", "string", "title"),
            ("form", "string", "paper, statement, speech, submission, common-position, other"),
            ("year", "integer", "year"),
            ("forum_id", "string", "the profile where it was stated"),
            ("summary", "string", "summary"),
            ("note", "string", "note"),
            ("source", "string", "source URL"),
        ),
        {"profile_id": ("profiles", "id"), "forum_id": ("profiles", "id")},
    ),
    "indices": (
        (
            ("id", "integer", "row id"),
            ("profile_id", "string", "the profile"),
            ("index_name", "string", "itu-gci"),
            ("edition", "integer", "edition (year)"),
            ("tier", "integer", "tier"),
            ("score", "number", "score"),
            ("source", "string", "source URL"),
        ),
        {"profile_id": ("profiles", "id")},
    ),
    "absences": (
        (
            ("id", "integer", "row id"),
            ("profile_id", "string", "the profile"),
            ("subject", "string", "strategy, cybercrime, cybersecurity, data-protection"),
            ("as_of", "integer", "the year the source speaks for"),
            ("note", "string", "note"),
            ("source", "string", "source URL"),
        ),
        {"profile_id": ("profiles", "id")},
    ),
    "other_facts": (
        (
            ("id", "integer", "row id"),
            ("profile_id", "string", "the profile"),
            ("kind", "string", "initiative or critical-infrastructure"),
            ("title", "string", "name or title"),
            ("year", "integer", "year"),
            ("partners", "string", "partner ids, ';'-separated (initiatives)"),
            ("summary", "string", "summary"),
            ("note", "string", "note (initiatives)"),
            ("source", "string", "source URL"),
        ),
        {"profile_id": ("profiles", "id")},
    ),
}


def _join(values: Any) -> str | None:
    return ";".join(values) if values else None


def rows(dataset: Dataset) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every row of every table, as (table, row)."""
    counters: dict[str, int] = {}

    def row(table: str, **values: Any) -> tuple[str, dict[str, Any]]:
        counters[table] = counters.get(table, 0) + 1
        return table, {"id": counters[table], **values}

    for p in sorted(dataset, key=lambda p: p.id):
        r = p.record
        yield (
            "profiles",
            {
                "id": p.id,
                "name": p.name,
                "official_name": r["official_name"] or None,
                "kind": p.kind,
                "iso2": r["iso2"],
                "iso3": r["iso3"],
                "region": r["region"],
                "subregion": r["subregion"],
                "summary": r["summary"] or None,
                "first_strategy_year": p.first_strategy_year,
                "cert_status": r["cert"]["status"],
                "agency_status": r["agency"]["status"],
                "reviewed": r["reviewed"],
            },
        )
    for p in sorted(dataset, key=lambda p: p.id):
        r = p.record
        for alias in r["aliases"]:
            yield row("aliases", profile_id=p.id, alias=alias)
        for url in r["sources"]:
            yield row("sources", profile_id=p.id, url=url)
        for d in r["documents"]:
            table, values = row(
                "documents",
                profile_id=p.id,
                key=d["key"],
                title=d["title"],
                kind=d["kind"],
                areas=_join(d["area"]),
                year=d["year"],
                month=d["month"],
                valid_from=d["valid_from"],
                valid_until=d["valid_until"],
                status=d["status"],
                amends=_join(d["amends"]),
                replaces=_join(d["replaces"]),
                summary=d["summary"] or None,
                note=d["note"] or None,
                source=d["source"],
            )
            yield table, values
            for area in d["area"]:
                yield row("document_areas", document_id=values["id"], area=area)
        for role, b in [("national", r["cert"]), *(("other", t) for t in r["other_csirts"])]:
            yield row(
                "certs",
                profile_id=p.id,
                role=role,
                status=b["status"],
                name=b["name"],
                acronym=b["acronym"],
                host=b["host"],
                year=b["year"],
                website=b["website"],
                source=b["source"],
                year_source=b["year_source"],
            )
        for role, b in [("lead", r["agency"]), *(("other", a) for a in r["other_agencies"])]:
            yield row(
                "agencies",
                profile_id=p.id,
                role=role,
                status=b["status"],
                name=b["name"],
                acronym=b["acronym"],
                parent=b["parent"],
                year=b["year"],
                mandate=b["mandate"] or None,
                website=b["website"],
                source=b["source"],
                year_source=b["year_source"],
            )
        for m in r["memberships"]:
            yield row(
                "memberships",
                member_id=p.id,
                organisation_id=m["organisation"],
                status=m["status"],
                year=m["year"],
                until=m["until"],
                note=m["note"] or None,
                source=m["source"],
                recorded_by=p.id,
            )
        for m in r["members"]:
            yield row(
                "memberships",
                member_id=m["member"],
                organisation_id=p.id,
                status=m["status"],
                year=m["year"],
                until=m["until"],
                note=m["note"] or None,
                source=m["source"],
                recorded_by=p.id,
            )
        for t in r["treaties"]:
            yield row(
                "treaties",
                profile_id=p.id,
                treaty=t["treaty"],
                status=t["status"],
                signed=t["signed"],
                year=t["year"],
                note=t["note"] or None,
                source=t["source"],
            )
        for c in r["cooperation"]:
            yield row(
                "cooperation",
                profile_id=p.id,
                partner_id=c["partner"],
                kind=c["kind"],
                title=c["title"] or None,
                year=c["year"],
                month=c["month"],
                direction=c["direction"],
                partner_detail=c["partner_detail"] or None,
                amount=c["amount"],
                currency=c["currency"],
                summary=c["summary"],
                note=c["note"] or None,
                source=c["source"],
            )
        for x in r["positions"]:
            yield row(
                "positions",
                profile_id=p.id,
                topic=x["topic"],
                title=x["title"] or None,
                form=x["form"],
                year=x["year"],
                forum_id=x["forum"],
                summary=x["summary"],
                note=x["note"] or None,
                source=x["source"],
            )
        for i in r["indices"]:
            yield row(
                "indices",
                profile_id=p.id,
                index_name=i["index"],
                edition=i["edition"],
                tier=i["tier"],
                score=i["score"],
                source=i["source"],
            )
        for a in r["absences"]:
            yield row(
                "absences",
                profile_id=p.id,
                subject=a["subject"],
                as_of=a["as_of"],
                note=a["note"] or None,
                source=a["source"],
            )
        for i in r["initiatives"]:
            yield row(
                "other_facts",
                profile_id=p.id,
                kind="initiative",
                title=i["name"] if not i["acronym"] else f"{i['name']} ({i['acronym']})",
                year=i["year"],
                partners=_join(i["partners"]),
                summary=i["summary"],
                note=i["note"] or None,
                source=i["source"],
            )
        for ci in r["critical_infrastructure"]:
            yield row(
                "other_facts",
                profile_id=p.id,
                kind="critical-infrastructure",
                title=ci["title"],
                year=ci["year"],
                partners=None,
                summary=ci["summary"],
                note=None,
                source=ci["source"],
            )
