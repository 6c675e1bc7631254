"""Pydantic models of a cyber-policy profile: one TOML file in ``data/`` is one ``Profile``.

The models are strict about mistakes: an unknown key is an error (a typo must not silently drop a
fact), a year is an integer in range, and every fact carries the URL of its source. Unknown is
spelled by leaving an optional field out, never by guessing.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from .vocabulary import is_adopted_strategy, period

#: Facts can be dated no later than this year (a year like 20018 is a typo, not a fact).
CURRENT_YEAR = datetime.date.today().year
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
Text = Annotated[str, AfterValidator(_check_text)]
Year = Annotated[int, Field(ge=EARLIEST_YEAR, le=CURRENT_YEAR)]
#: The end of a period may lie in the future (a strategy for 2021-2030).
PeriodYear = Annotated[int, Field(ge=EARLIEST_YEAR, le=2100)]

Kind = Literal["state", "organisation"]
DocumentKind = Literal[
    "strategy", "law", "policy", "plan", "directive", "regulation", "decree", "guidelines", "other"
]
DocumentStatus = Literal[
    "in-force", "superseded", "expired", "repealed", "in-preparation", "proposed", "unknown"
]
CertStatus = Literal["established", "planned", "none", "unknown"]
MembershipStatus = Literal["member", "candidate", "partner", "observer", "suspended", "former"]
TreatyName = Literal["budapest-convention"]
TreatyStatus = Literal["party", "signatory", "not-party", "unknown"]
CooperationKind = Literal[
    "membership",
    "mou",
    "agreement",
    "joint-exercise",
    "capacity-building",
    "donation",
    "dialogue",
    "position-paper",
    "summit",
    "programme",
    "other",
]
Direction = Literal["mutual", "received", "given"]


class Model(BaseModel):
    """Base of every model: unknown keys are errors and types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Document(Model):
    """A strategy, law, policy, plan or directive on cybersecurity."""

    title: Text
    kind: DocumentKind
    year: Year | None = Field(default=None, description="Year of adoption; left out when unknown.")
    valid_from: PeriodYear | None = Field(default=None, description="First year of its period.")
    valid_until: PeriodYear | None = Field(default=None, description="Last year of its period.")
    status: DocumentStatus = "unknown"
    summary: str = ""
    note: str = Field(default="", description="Caveats, e.g. where sources disagree on a year.")
    source: Url

    @model_validator(mode="after")
    def _period_in_order(self) -> Document:
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValueError("valid_from must not be later than valid_until")
        return self

    @property
    def is_strategy(self) -> bool:
        """True for an adopted national strategy (not a law, not a draft)."""
        return is_adopted_strategy(self.kind, self.status)

    @property
    def period(self) -> str:
        """The period as people write it, e.g. ``2018-2022``; empty when it has none."""
        return period(self.valid_from, self.valid_until)


class Csirt(Model):
    """A computer emergency or incident response team."""

    status: CertStatus = "unknown"
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
        if self.status != "unknown" and self.source is None:
            raise ValueError(f"a CERT status of '{self.status}' needs a source URL")
        if self.year_source is not None and self.year is None:
            raise ValueError("year_source is the source of a year, but no year is given")
        if self.status in ("none", "unknown") and (self.name or self.year):
            raise ValueError(f"a CERT with status '{self.status}' cannot have a name or year")
        return self


class Membership(Model):
    """Membership (or candidacy, partnership, observer status) in an organisation."""

    organisation: ProfileId
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
    month: Annotated[int, Field(ge=1, le=12)] | None = None
    direction: Direction = Field(
        default="mutual",
        description="'received' when the partner gave (a donation to this actor), 'given' when "
        "this actor gave to the partner, 'mutual' otherwise.",
    )
    partner_detail: str = Field(
        default="", description="A body within the partner, e.g. 'State of Ohio (National Guard)'."
    )
    amount: float | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    summary: Text
    source: Url


class Initiative(Model):
    """A programme the actor runs for others, e.g. a capacity-building centre."""

    name: Text
    acronym: str | None = None
    kind: CooperationKind = "capacity-building"
    year: Year | None = Field(default=None, description="Year launched.")
    partners: list[ProfileId] = []
    summary: Text
    source: Url


class CriticalInfrastructure(Model):
    """A framework protecting critical infrastructure (a law, a list of sectors, a directive)."""

    title: Text
    year: Year | None = None
    summary: Text
    source: Url


class Position(Model):
    """A stated policy position, e.g. in a UN process or at a summit."""

    summary: Text
    year: Year | None = None
    forum: ProfileId | None = Field(default=None, description="Where it was stated, e.g. 'un'.")
    related: list[ProfileId] = Field(default=[], description="Other profiles it concerns.")
    source: Url


class Profile(Model):
    """The cyber-policy profile of one state or organisation."""

    id: ProfileId
    name: Text
    official_name: str = ""
    kind: Kind
    iso2: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    iso3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    aliases: list[Text] = []
    region: str | None = None
    subregion: str | None = None
    summary: str = ""
    memberships: list[Membership] = []
    treaties: list[Treaty] = []
    documents: list[Document] = []
    cert: Csirt = Csirt()
    other_csirts: list[Csirt] = []
    cooperation: list[Cooperation] = []
    initiatives: list[Initiative] = []
    critical_infrastructure: list[CriticalInfrastructure] = []
    positions: list[Position] = []
    sources: list[Url] = Field(default=[], description="Sources of the identity facts and summary.")
    reviewed: datetime.date = Field(
        description="Date the profile was last checked against sources."
    )

    @model_validator(mode="after")
    def _codes_fit_kind(self) -> Profile:
        if self.kind == "state" and (self.iso2 is None or self.iso3 is None):
            raise ValueError("a state needs both iso2 and iso3 codes")
        return self

    # Derived facts used by filters, tables and comparisons.

    @property
    def strategies(self) -> list[Document]:
        """National strategies (not laws or policies), oldest first; undated ones last."""
        found = [d for d in self.documents if d.is_strategy]
        return sorted(found, key=lambda d: (d.year is None, d.year or 0))

    @property
    def laws(self) -> list[Document]:
        return [d for d in self.documents if not d.is_strategy]

    @property
    def first_strategy_year(self) -> int | None:
        years = [d.year for d in self.strategies if d.year is not None]
        return min(years) if years else None

    @property
    def latest_strategy_year(self) -> int | None:
        years = [d.year for d in self.strategies if d.year is not None]
        return max(years) if years else None

    def partner_ids(self) -> set[str]:
        """Every profile this one cooperates with, memberships included."""
        ids = {m.organisation for m in self.memberships}
        ids.update(c.partner for c in self.cooperation)
        for initiative in self.initiatives:
            ids.update(initiative.partners)
        return ids

    def lookup_names(self) -> list[tuple[str, str]]:
        """(field, value) of every name or code a user could type for this profile."""
        names = [("id", self.id), ("name", self.name)]
        if self.official_name:
            names.append(("official_name", self.official_name))
        names += [(f"aliases[{i}]", a) for i, a in enumerate(self.aliases)]
        names += [(f, c) for f, c in (("iso2", self.iso2), ("iso3", self.iso3)) if c]
        return names

    def references(self) -> list[tuple[str, str]]:
        """Every (field path, profile id) this profile points to, for integrity checks."""
        refs = [
            (f"memberships[{i}].organisation", m.organisation)
            for i, m in enumerate(self.memberships)
        ]
        refs += [(f"cooperation[{i}].partner", c.partner) for i, c in enumerate(self.cooperation)]
        for i, initiative in enumerate(self.initiatives):
            refs += [(f"initiatives[{i}].partners", p) for p in initiative.partners]
        for i, position in enumerate(self.positions):
            if position.forum:
                refs.append((f"positions[{i}].forum", position.forum))
            refs += [(f"positions[{i}].related", r) for r in position.related]
        return refs
