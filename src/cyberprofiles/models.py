"""The schema of a profile file, as Pydantic models: one TOML file in ``data/`` is one ``Profile``.

These models check files (``validate``, the package build, a user's own folders) and produce the
record every other part of the tool reads through ``cyberprofiles.profile``. They are strict
about mistakes: an unknown key is an error (a typo must not silently drop a fact), a year is an
integer in range, and every fact carries the URL of its source. Unknown is spelled by leaving an
optional field out, never by guessing.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from .vocabulary import (
    NOT_ADOPTED,
    AbsenceSubject,
    BodyStatus,
    CooperationKind,
    Direction,
    DocumentKind,
    DocumentStatus,
    IndexName,
    Kind,
    LawArea,
    MembershipStatus,
    PositionForm,
    PositionTopic,
    TreatyName,
    TreatyStatus,
    is_adopted_strategy,
)

#: The latest year a fact may carry: a bound that catches typos (20018) without depending on the
#: clock, so that the same files are valid on every machine and every day.
LATEST_YEAR = 2100
#: The oldest year a fact may carry (founding of the UN; organisations predate cyber policy).
EARLIEST_YEAR = 1945

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError("must be an http:// or https:// URL without spaces")
    return value


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(
            "must be a lowercase id of letters, digits and single hyphens, e.g. 'north-macedonia'"
        )
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or blank")
    return value


Url = Annotated[str, AfterValidator(_check_url)]
ProfileId = Annotated[str, AfterValidator(_check_slug)]
Slug = ProfileId
Text = Annotated[str, AfterValidator(_check_text)]
Year = Annotated[int, Field(ge=EARLIEST_YEAR, le=LATEST_YEAR)]
#: The years of a period (a strategy for 2021-2030).
PeriodYear = Year
Month = Annotated[int, Field(ge=1, le=12)]


def _empty(description: str | None = None) -> Any:
    """An empty list as a field's default, made anew for each profile: Pydantic deep-copies a
    literal ``[]`` instead, a tenth of the time of checking a file. The schema still says the
    default is empty."""
    return Field(default_factory=list, description=description, json_schema_extra={"default": []})


class Model(BaseModel):
    """Base of every model: unknown keys are errors and types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Document(Model):
    """A strategy, law, policy, plan or directive on cybersecurity."""

    title: Text
    kind: DocumentKind
    key: Slug | None = Field(
        default=None,
        description="A short id, unique within the profile, by which other documents name this one "
        "in 'amends' or 'replaces'.",
    )
    area: list[LawArea] = Field(default=[], description="Areas of law the document covers.")
    year: Year | None = Field(default=None, description="Year of adoption; left out when unknown.")
    month: Month | None = Field(default=None, description="Month of adoption, where known.")
    valid_from: PeriodYear | None = Field(default=None, description="First year of its period.")
    valid_until: PeriodYear | None = Field(default=None, description="Last year of its period.")
    status: DocumentStatus = "unknown"
    amends: list[Slug] = Field(default=[], description="Keys of the documents this one amends.")
    replaces: list[Slug] = Field(
        default=[], description="Keys of the documents this one replaces or repeals."
    )
    summary: str = ""
    note: str = Field(default="", description="Caveats, e.g. where sources disagree on a year.")
    source: Url

    @model_validator(mode="after")
    def _period_in_order(self) -> Document:
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValueError("valid_from must not be later than valid_until")
        if self.month is not None and self.year is None:
            raise ValueError("a month is given without a year")
        return self


class Csirt(Model):
    """A computer emergency or incident response team."""

    status: BodyStatus = "unknown"
    name: str | None = None
    acronym: str | None = None
    host: str | None = Field(default=None, description="Institution that hosts or runs the team.")
    year: Year | None = Field(default=None, description="Year established; left out when unknown.")
    website: Url | None = None
    summary: str = ""
    note: str = ""
    source: Url | None = None
    year_source: Url | None = Field(
        default=None, description="Source of the year, where it comes from another page."
    )

    @model_validator(mode="after")
    def _known_facts_are_sourced(self) -> Csirt:
        _check_body(self.status, self.source, self.year, self.year_source, self.name, "CERT")
        return self


def _check_body(
    status: str,
    source: str | None,
    year: int | None,
    year_source: str | None,
    name: str | None,
    what: str,
) -> None:
    if status not in ("unknown", "not-applicable") and source is None:
        raise ValueError(f"a {what} status of '{status}' needs a source URL")
    if year_source is not None and year is None:
        raise ValueError("year_source is the source of a year, but no year is given")
    if status in ("none", "unknown", "not-applicable") and (name or year):
        raise ValueError(f"a {what} with status '{status}' cannot have a name or year")


class Agency(Model):
    """The national authority responsible for cybersecurity (often not the CERT)."""

    status: BodyStatus = "unknown"
    name: str | None = None
    acronym: str | None = None
    parent: str | None = Field(
        default=None, description="The body it belongs to or reports to, e.g. a ministry."
    )
    year: Year | None = Field(default=None, description="Year established; left out when unknown.")
    mandate: str = Field(default="", description="What it is responsible for, in a line.")
    website: Url | None = None
    note: str = ""
    source: Url | None = None
    year_source: Url | None = Field(
        default=None, description="Source of the year, where it comes from another page."
    )

    @model_validator(mode="after")
    def _known_facts_are_sourced(self) -> Agency:
        _check_body(self.status, self.source, self.year, self.year_source, self.name, "agency")
        return self


class Membership(Model):
    """Membership (or candidacy, partnership, observer status) in an organisation."""

    organisation: ProfileId
    status: MembershipStatus = "member"
    year: Year | None = Field(default=None, description="Year the status began.")
    until: Year | None = Field(default=None, description="Year it ended, for former members.")
    note: str = ""
    source: Url


class Member(Model):
    """A member of this organisation, recorded on the organisation's side (one official list)."""

    member: ProfileId
    status: MembershipStatus = "member"
    year: Year | None = Field(default=None, description="Year the status began.")
    until: Year | None = Field(default=None, description="Year it ended, for former members.")
    note: str = ""
    source: Url


class Treaty(Model):
    """Standing towards an international treaty on cyber matters."""

    treaty: TreatyName
    status: TreatyStatus
    signed: Year | None = None
    year: Year | None = Field(default=None, description="Year of ratification or accession.")
    note: str = ""
    source: Url


class Cooperation(Model):
    """One act of cooperation with another profile: an MoU, an exercise, a donation..."""

    partner: ProfileId
    kind: CooperationKind
    title: str = ""
    year: Year | None = None
    month: Month | None = None
    direction: Direction = Field(
        default="mutual",
        description="'received' when the partner gave (a donation to this actor), 'given' when "
        "this actor gave to the partner, 'mutual' otherwise.",
    )
    partner_detail: str = Field(
        default="", description="A body within the partner, e.g. 'State of Ohio (National Guard)'."
    )
    amount: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    summary: Text
    note: str = Field(
        default="", description="Caveats, and where a detail (a date, a number) comes from."
    )
    source: Url


class Initiative(Model):
    """A programme the actor runs for others, e.g. a capacity-building centre."""

    name: Text
    acronym: str | None = None
    kind: CooperationKind = "capacity-building"
    year: Year | None = Field(default=None, description="Year launched.")
    partners: list[ProfileId] = _empty()
    summary: Text
    note: str = Field(
        default="", description="Caveats, and where a detail (a date, a number) comes from."
    )
    source: Url


class CriticalInfrastructure(Model):
    """A framework protecting critical infrastructure (a law, a list of sectors, a directive)."""

    title: Text
    year: Year | None = None
    summary: Text
    source: Url


class Position(Model):
    """A stated policy position, e.g. in a UN process or at a summit."""

    topic: PositionTopic = Field(
        default="general",
        description="'international-law' for a position on how international law applies in "
        "cyberspace, 'norms' for norms of responsible state behaviour.",
    )
    title: str = ""
    form: PositionForm | None = Field(
        default=None, description="A paper, a statement, a speech, a submission, ..."
    )
    summary: Text
    year: Year | None = None
    forum: ProfileId | None = Field(default=None, description="Where it was stated, e.g. 'un'.")
    related: list[ProfileId] = _empty(description="Other profiles it concerns.")
    note: str = Field(
        default="", description="Caveats, and where a detail (a date, a number) comes from."
    )
    source: Url


class Absence(Model):
    """A sourced finding that a profile has none of something: a strategy, a law in an area."""

    subject: AbsenceSubject
    as_of: Year = Field(description="The year the source speaks for.")
    note: str = ""
    source: Url


class IndexScore(Model):
    """A profile's place in a published comparative index."""

    index: IndexName
    edition: Year
    tier: Annotated[int, Field(ge=1, le=5)] | None = None
    score: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    note: str = ""
    source: Url


class Profile(Model):
    """The cyber-policy profile of one state or organisation."""

    id: ProfileId
    name: Text
    official_name: str = ""
    kind: Kind
    iso2: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    iso3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    aliases: list[Text] = _empty()
    region: str | None = None
    subregion: str | None = None
    summary: str = ""
    memberships: list[Membership] = _empty()
    members: list[Member] = _empty(description="An organisation's members, recorded on its side.")
    treaties: list[Treaty] = _empty()
    documents: list[Document] = _empty()
    absences: list[Absence] = _empty()
    agency: Agency = Agency()
    other_agencies: list[Agency] = _empty()
    cert: Csirt = Csirt()
    other_csirts: list[Csirt] = _empty()
    cooperation: list[Cooperation] = _empty()
    initiatives: list[Initiative] = _empty()
    critical_infrastructure: list[CriticalInfrastructure] = _empty()
    positions: list[Position] = _empty()
    indices: list[IndexScore] = _empty()
    sources: list[Url] = _empty(description="Sources of the identity facts and summary.")
    reviewed: datetime.date = Field(
        description="Date the profile was last checked against sources."
    )

    @model_validator(mode="after")
    def _codes_fit_kind(self) -> Profile:
        if self.members and self.kind != "organisation":
            raise ValueError("only an organisation has members; record a membership instead")
        keys = [d.key for d in self.documents if d.key]
        if len(keys) != len(set(keys)):
            raise ValueError("two documents share a key; each key must be unique")
        for d in self.documents:
            for ref in (*d.amends, *d.replaces):
                if ref not in keys:
                    raise ValueError(
                        f"document {d.title!r} names {ref!r} in amends or replaces, but no "
                        "document has that key"
                    )
        for absence in self.absences:
            for d in self.documents:
                if d.year is None or d.year > absence.as_of or d.status in NOT_ADOPTED:
                    continue
                if (absence.subject == "strategy" and is_adopted_strategy(d.kind, d.status)) or (
                    absence.subject in d.area
                ):
                    raise ValueError(
                        f"absences says no {absence.subject} as of {absence.as_of}, but "
                        f"{d.title!r} ({d.year}) is one"
                    )
        return self
