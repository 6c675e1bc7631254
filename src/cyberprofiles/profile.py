"""A profile as the library and the command line hand it out: read-only, typed attribute access
over the profile's validated record.

There is one model of a profile. ``models.py`` holds its schema (Pydantic, used when files are
checked: by ``validate``, when the package is built, and for a user's own files); what comes out
of that check is the record, the schema's JSON form, and every part of the tool reads that record
through the classes here. ``Profile.model()`` gives the Pydantic model for whoever wants it.

The classes declare each field's type for readers and type checkers; the values come straight
from the record (a test keeps the declarations equal to the schema's fields). A profile read from
a large data set of a user's own is decoded only when one of its fields is first read.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, overload

from .vocabulary import (
    IN_FORCE,
    IN_PROGRESS,
    LAW_AREAS,
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
    period,
)

if TYPE_CHECKING:
    from . import models


class View:
    """Attribute access to one part of a record, e.g. ``profile.documents[0].title``."""

    __slots__ = ("_data",)
    #: Fields whose values are views of their own (a table, or a list of tables).
    _nested: ClassVar[dict[str, type[View]]] = {}

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._data[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None
        part = self._nested.get(name)
        if part is None:
            return value
        if isinstance(value, list):
            return [part(v) for v in value]
        return part(value)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (the schema's own dump); do not change it."""
        return dict(self._data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, View) and type(other) is type(self) and self._data == other._data

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in list(self._data.items())[:3])
        return f"{type(self).__name__}({shown}, ...)"


class Document(View):
    """A strategy, law, policy, plan or directive on cybersecurity."""

    __slots__ = ()
    title: str
    kind: DocumentKind
    key: str | None
    area: list[LawArea]
    year: int | None
    month: int | None
    valid_from: int | None
    valid_until: int | None
    status: DocumentStatus
    amends: list[str]
    replaces: list[str]
    summary: str
    note: str
    source: str

    @property
    def is_strategy(self) -> bool:
        """True for an adopted national strategy (not a law, not a draft)."""
        return is_adopted_strategy(self.kind, self.status)

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE

    @property
    def period(self) -> str:
        """The period as people write it, e.g. ``2018-2022``; empty when it has none."""
        return period(self.valid_from, self.valid_until)


class Body(View):
    """A national body: the CERT or the lead agency."""

    __slots__ = ()
    status: BodyStatus
    name: str | None
    acronym: str | None
    year: int | None
    website: str | None
    note: str
    source: str | None
    year_source: str | None


class Csirt(Body):
    """A computer emergency or incident response team."""

    __slots__ = ()
    host: str | None
    summary: str


class Agency(Body):
    """The national authority responsible for cybersecurity."""

    __slots__ = ()
    parent: str | None
    mandate: str


class Membership(View):
    """Membership (or candidacy, partnership, observer status...) in an organisation."""

    __slots__ = ()
    organisation: str
    status: MembershipStatus
    year: int | None
    until: int | None
    note: str
    source: str


class Member(View):
    """A member of an organisation, recorded on the organisation's side."""

    __slots__ = ()
    member: str
    status: MembershipStatus
    year: int | None
    until: int | None
    note: str
    source: str


class Treaty(View):
    """Standing towards an international treaty on cyber matters."""

    __slots__ = ()
    treaty: TreatyName
    status: TreatyStatus
    signed: int | None
    year: int | None
    note: str
    source: str


class Absence(View):
    """A sourced finding that a profile has none of something (a strategy, a law in an area)."""

    __slots__ = ()
    subject: AbsenceSubject
    as_of: int
    note: str
    source: str


class Cooperation(View):
    """One act of cooperation with another profile."""

    __slots__ = ()
    partner: str
    kind: CooperationKind
    title: str
    year: int | None
    month: int | None
    direction: Direction
    partner_detail: str
    amount: float | None
    currency: str | None
    summary: str
    note: str
    source: str


class Initiative(View):
    """A programme the actor runs for others."""

    __slots__ = ()
    name: str
    acronym: str | None
    kind: CooperationKind
    year: int | None
    partners: list[str]
    summary: str
    note: str
    source: str


class CriticalInfrastructure(View):
    """A framework protecting critical infrastructure."""

    __slots__ = ()
    title: str
    year: int | None
    summary: str
    source: str


class Position(View):
    """A stated policy position."""

    __slots__ = ()
    topic: PositionTopic
    title: str
    form: PositionForm | None
    summary: str
    year: int | None
    forum: str | None
    related: list[str]
    note: str
    source: str


class IndexScore(View):
    """A place in a published comparative index."""

    __slots__ = ()
    index: IndexName
    edition: int
    tier: int | None
    score: float | None
    note: str
    source: str


class Profile(View):
    """The cyber-policy profile of one state or organisation.

    ``outline`` holds what look-ups, filters and the list table need (see ``outline``); the rest
    of the record may be given as JSON text, decoded on first use.
    """

    __slots__ = ("_outline", "_text")
    _nested: ClassVar[dict[str, type[View]]] = {
        "memberships": Membership,
        "members": Member,
        "treaties": Treaty,
        "documents": Document,
        "absences": Absence,
        "agency": Agency,
        "other_agencies": Agency,
        "cert": Csirt,
        "other_csirts": Csirt,
        "cooperation": Cooperation,
        "initiatives": Initiative,
        "critical_infrastructure": CriticalInfrastructure,
        "positions": Position,
        "indices": IndexScore,
    }
    official_name: str
    iso2: str | None
    iso3: str | None
    aliases: list[str]
    summary: str
    memberships: list[Membership]
    members: list[Member]
    treaties: list[Treaty]
    documents: list[Document]
    absences: list[Absence]
    agency: Agency
    other_agencies: list[Agency]
    cert: Csirt
    other_csirts: list[Csirt]
    cooperation: list[Cooperation]
    initiatives: list[Initiative]
    critical_infrastructure: list[CriticalInfrastructure]
    positions: list[Position]
    indices: list[IndexScore]
    sources: list[str]

    def __init__(
        self,
        record: Mapping[str, Any] | None = None,
        *,
        outline: Mapping[str, Any] | None = None,
        text: str | bytes | Callable[[], str] | None = None,
    ) -> None:
        """A profile from its record, or from its outline and the record's JSON text (or a
        function that reads it when a field beyond the outline is first used)."""
        if record is None and (outline is None or text is None):
            raise TypeError("give the record, or its outline and its JSON text")
        self._data = record  # type: ignore[assignment]
        self._text = text
        self._outline = outline if outline is not None else make_outline(record)  # type: ignore[arg-type]

    @property
    def record(self) -> Mapping[str, Any]:
        """The full record (decoded now if it came as JSON text)."""
        if self._data is None:
            text = self._text() if callable(self._text) else self._text
            assert text is not None
            self._data = json.loads(text)
            self._text = None
        return self._data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._data is None:
            self.record  # noqa: B018 - decodes the record
        return View.__getattr__(self, name)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.record)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Profile) and self.record == other.record

    __hash__ = None

    def __repr__(self) -> str:
        return f"Profile({self.id!r})"

    # What the outline knows, without decoding the record.

    @property
    def outline(self) -> Mapping[str, Any]:
        return self._outline

    @property
    def id(self) -> str:
        return self._outline["id"]  # type: ignore[no-any-return]

    @property
    def name(self) -> str:
        return self._outline["name"]  # type: ignore[no-any-return]

    @property
    def kind(self) -> Kind:
        return self._outline["kind"]  # type: ignore[no-any-return]

    @property
    def region(self) -> str | None:
        return self._outline["region"]  # type: ignore[no-any-return]

    @property
    def subregion(self) -> str | None:
        return self._outline["subregion"]  # type: ignore[no-any-return]

    @property
    def reviewed(self) -> datetime.date:
        """Date the profile was last checked against its sources."""
        return datetime.date.fromisoformat(self._outline["reviewed"])

    @property
    def strategy_years(self) -> tuple[int, ...]:
        """Adoption years of its adopted national strategies that have one, oldest first."""
        return tuple(self._outline["strategy_years"])

    @property
    def first_strategy_year(self) -> int | None:
        years = self._outline["strategy_years"]
        return years[0] if years else None

    @property
    def latest_strategy_year(self) -> int | None:
        years = self._outline["strategy_years"]
        return years[-1] if years else None

    @property
    def strategy_count(self) -> int:
        """Number of adopted national strategies, dated or not."""
        return self._outline["strategies"]  # type: ignore[no-any-return]

    @property
    def cert_status(self) -> BodyStatus:
        return self._outline["cert"][0]  # type: ignore[no-any-return]

    def law_state(self, area: LawArea) -> LawState | None:
        """What is known of its law on ``area``: ``"adopted"`` (a law covering it has been
        adopted, whatever its status since), ``"absent"`` (a sourced finding that there is none),
        ``"draft"`` (only a draft or bill in progress), or None (nothing recorded)."""
        return self._outline["laws"].get(area)  # type: ignore[no-any-return]

    @property
    def gci_tier(self) -> int | None:
        """Its tier in the newest edition of the ITU Global Cybersecurity Index recorded."""
        return self._outline["gci"]  # type: ignore[no-any-return]

    @property
    def latest_change(self) -> tuple[int, int | None, str] | None:
        """(year, month or None, title) of its most recently adopted document (a strategy,
        law or other instrument, or a draft's date), None when no document is dated."""
        latest = self._outline["latest"]
        return None if latest is None else (latest[0], latest[1], latest[2])

    def lookup_names(self) -> list[tuple[str, str]]:
        """(field, value) of every name or code a user could type for this profile."""
        return lookup_names(self._outline)

    def references(self) -> list[tuple[str, str]]:
        """Every (field path, profile id) this profile's file points to."""
        return references(self._outline)

    # Worked out from the record.

    @property
    def strategies(self) -> list[Document]:
        """Adopted national strategies (not laws or policies), oldest first; undated ones last."""
        return [Document(d) for d in adopted_strategies(self.record)]

    @property
    def current_strategy(self) -> Document | None:
        """The newest strategy in force, else the newest strategy."""
        strategies = self.strategies
        in_force = [d for d in strategies if d.in_force]
        chosen = in_force or strategies
        return chosen[-1] if chosen else None

    def laws(self, area: LawArea | None = None) -> list[Document]:
        """Documents that are not strategies, optionally those covering ``area``."""
        return [d for d in self.documents if not d.is_strategy and (area is None or area in d.area)]

    def model(self) -> models.Profile:
        """The profile as its Pydantic model (validated again; imports Pydantic)."""
        from .models import Profile as Model  # Pydantic only for whoever asks for it

        return Model.model_validate(self.record, strict=False)


class Records(Sequence[Mapping[str, Any]]):
    """The records of many profiles, in order, for writing them out (``list --json`` over a
    large data set of a user's own). A record not decoded yet is decoded when its turn comes and
    not kept, so the profiles stay as light as they were and memory holds one batch at a time;
    records still in the cache are read a batch at a time rather than one query each."""

    BATCH = 256

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self._profiles = profiles

    def __len__(self) -> int:
        return len(self._profiles)

    @overload
    def __getitem__(self, index: int) -> Mapping[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Mapping[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return list(Records(self._profiles[index]))
        return next(iter(Records([self._profiles[index]])))

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        for profile in each_with_record(self._profiles):
            yield profile.record

    def texts(self) -> Iterator[str]:
        """Each record as compact JSON text (as ``json.dumps`` writes it): the text a record
        was checked into, unread, where the profile still holds it."""
        for profile, text in _batched_texts(self._profiles):
            if isinstance(text, bytes):  # from the packaged index
                yield text.decode("utf-8")
            elif isinstance(text, str):
                yield text
            elif text is not None:  # lost by the cache: the file is checked again
                yield str(text())
            else:  # decoded already, or made by code (``as_of``)
                yield record_json(profile.record)


def _batched_texts(profiles: Sequence[Profile]) -> Iterator[tuple[Profile, Any]]:
    """Each profile with its record's text (None when the record is decoded already), the
    texts still in a cache read a batch at a time (``Records.BATCH``)."""
    for start in range(0, len(profiles), Records.BATCH):
        chunk = profiles[start : start + Records.BATCH]
        texts: list[Any] = [p._text if p._data is None else None for p in chunk]
        fetch_stored(texts)
        yield from zip(chunk, texts, strict=True)


def record_json(record: Mapping[str, Any]) -> str:
    """A record as compact JSON text, the form records are stored and written in."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def each_with_record(profiles: Sequence[Profile]) -> Iterator[Profile]:
    """Each of ``profiles`` with its record at hand while the caller looks at it, then let go
    again (``stats`` over a large data set of a user's own): like ``Records``, memory holds one
    batch of records at a time, and a profile whose record was decoded before keeps it."""
    for profile, text in _batched_texts(profiles):
        if text is None:
            yield profile
            continue
        kept = profile._text
        profile._data = json.loads(text() if callable(text) else text)
        try:
            yield profile
        finally:
            profile._data = None  # type: ignore[assignment]
            profile._text = kept


def decode_texts(texts: Sequence[Any]) -> list[Any]:
    """``texts`` with each JSON text among them decoded, in one pass over one JSON array (twice
    as fast as one at a time); other items are left as they are. If one text is damaged, the
    texts are all left as they are, to be decoded (or found damaged) one by one."""
    at = [i for i, text in enumerate(texts) if isinstance(text, str)]
    found = list(texts)
    if not at:
        return found
    try:
        decoded = json.loads("[" + ",".join(texts[i] for i in at) + "]")
    except ValueError:
        return found
    if not isinstance(decoded, list) or len(decoded) != len(at):  # a text held several values
        return found
    for i, value in zip(at, decoded, strict=True):
        found[i] = value
    return found


def fetch_stored(texts: list[Any]) -> None:
    """Replace, in place, the texts still in a cache (``reading.Stored``) by the texts themselves,
    read in one query per cache rather than one each; one the cache has lost stays as it is (it
    reads its file when called). Other values are left alone."""
    groups: dict[int, list[int]] = {}
    for i, text in enumerate(texts):
        if hasattr(text, "fetch_many"):
            groups.setdefault(id(text.store), []).append(i)
    for positions in groups.values():
        items = [texts[i] for i in positions]
        for i, found in zip(positions, items[0].fetch_many(items), strict=True):
            if found is not None:
                texts[i] = found


def adopted_strategies(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A record's adopted national strategies, oldest first, undated ones last."""
    found = [d for d in record["documents"] if is_adopted_strategy(d["kind"], d["status"])]
    return sorted(found, key=lambda d: (d["year"] is None, d["year"] or 0))


def lookup_names(outline: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, value) of every name or code a user could type for the profile (``outline`` is
    its outline, or its record: both hold these fields)."""
    names = [("id", outline["id"]), ("name", outline["name"])]
    if outline["official_name"]:
        names.append(("official_name", outline["official_name"]))
    names += [(f"aliases[{i}]", a) for i, a in enumerate(outline["aliases"])]
    iso = outline["iso"] if "iso" in outline else [outline["iso2"], outline["iso3"]]
    names += [(f, code) for f, code in zip(("iso2", "iso3"), iso, strict=True) if code]
    return names


def references(outline: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every (field path, profile id) the profile's file points to, for the integrity checks."""
    refs = [(f"memberships[{i}].organisation", m[0]) for i, m in enumerate(outline["memberships"])]
    refs += [(f"members[{i}].member", m[0]) for i, m in enumerate(outline["members"])]
    refs += [(f"cooperation[{i}].partner", c[0]) for i, c in enumerate(outline["cooperation"])]
    for i, partners in enumerate(outline["initiatives"]):
        refs += [(f"initiatives[{i}].partners", p) for p in partners]
    for i, (forum, related) in enumerate(outline["positions"]):
        if forum:
            refs.append((f"positions[{i}].forum", forum))
        refs += [(f"positions[{i}].related", r) for r in related]
    return refs


def make_outline(record: Mapping[str, Any]) -> dict[str, Any]:
    """What look-ups, filters, the reference checks and the list table need of a profile,
    worked out once from its record (and stored with it, so that a large data set of a user's
    own can be listed without decoding every record). Kept small: every run reads them all."""
    # Only checking and ``as_of`` make outlines: their sourcing rules load only then.
    from .coverage import known_mask
    from .names import lookup_keys
    from .sources import fact_tally

    strategies = adopted_strategies(record)
    cert = record["cert"]
    outline = {
        "id": record["id"],
        "name": record["name"],
        "kind": record["kind"],
        "region": record["region"],
        "subregion": record["subregion"],
        "official_name": record["official_name"],
        "aliases": record["aliases"],
        "iso": [record["iso2"], record["iso3"]],
        "reviewed": record["reviewed"],
        "strategy_years": sorted(d["year"] for d in strategies if d["year"] is not None),
        "strategies": len(strategies),
        "cert": [cert["status"], cert["name"], cert["acronym"], cert["year"]],
        # [organisation, status, year, until] of each membership in its own file, and
        # [member, status, year, until] of each member an organisation's file lists.
        "memberships": _memberships(record, "memberships", "organisation"),
        "members": _memberships(record, "members", "member"),
        # The ids its cooperation, initiatives and positions name, in the file's order; each
        # cooperation as [partner, kind, year, month], so that a tie recorded again in the
        # partner's file is found (``checking.reference_problems``).
        "cooperation": [
            [c["partner"], c["kind"], c["year"], c["month"]] for c in record["cooperation"]
        ],
        "initiatives": [i["partners"] for i in record["initiatives"]],
        "positions": [[p["forum"], p["related"]] for p in record["positions"]],
        # The years of its positions on international law, oldest first (None: undated).
        "law_positions": law_position_years(record),
        "laws": law_states(record),
        "gci": gci_tier(record),
        "latest": latest_document(record),
        # [facts, with a source, with an official source], for ``stats``.
        "facts": fact_tally(record),
        # Its names, aliases and codes folded for look-ups (``names``).
        "keys": lookup_keys(value for _, value in lookup_names(record)),
    }
    # Which coverage fields the record answers (``coverage.known_mask``), worked out on the
    # profile the outline describes.
    outline["known"] = known_mask(Profile(record, outline=outline))
    return outline


def law_position_years(record: Mapping[str, Any]) -> list[int | None]:
    """The year of each of its positions on how international law applies in cyberspace,
    each year once, oldest first, then None if any is undated."""
    years = [p["year"] for p in record["positions"] if p["topic"] == "international-law"]
    dated = sorted({year for year in years if year is not None})
    return [*dated, None] if None in years else dated


#: What ``Profile.law_state`` says of an area of law.
LawState = Literal["adopted", "absent", "draft"]


def law_states(record: Mapping[str, Any]) -> dict[str, LawState]:
    """For each area of law something is recorded on: adopted, absent or draft. An adopted
    law wins over a recorded absence (the absence was found earlier) and over drafts."""
    states: dict[str, LawState] = {}
    for absence in record["absences"]:
        if absence["subject"] in LAW_AREAS:
            states[absence["subject"]] = "absent"
    for document in record["documents"]:
        status = document["status"]
        for area in document["area"]:
            if status not in NOT_ADOPTED:
                states[area] = "adopted"
            elif status in IN_PROGRESS and area not in states:
                states[area] = "draft"
    return states


def gci_tier(record: Mapping[str, Any]) -> int | None:
    """The tier of the newest ITU GCI edition with one."""
    tiers = [(i["edition"], i["tier"]) for i in record["indices"] if i["index"] == "itu-gci"]
    tiers = [t for t in tiers if t[1] is not None]
    return max(tiers)[1] if tiers else None


def latest_document(record: Mapping[str, Any]) -> list[Any] | None:
    """[year, month, title] of the most recently dated document, or None. A date without a
    month could be as late as December, so it counts as the end of its year."""
    dated = [d for d in record["documents"] if d["year"] is not None]
    if not dated:
        return None
    newest = max(dated, key=lambda d: (d["year"], d["month"] or 13))
    return [newest["year"], newest["month"], newest["title"]]


def partner_ids(outline: Mapping[str, Any]) -> set[str]:
    """Ids of the profiles its cooperation and initiatives name."""
    return {
        *(c[0] for c in outline["cooperation"]),
        *(p for ps in outline["initiatives"] for p in ps),
    }


def _memberships(record: Mapping[str, Any], key: str, who: str) -> list[list[Any]]:
    return [[m[who], m["status"], m["year"], m["until"]] for m in record[key]]
