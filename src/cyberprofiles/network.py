"""The cooperation network: who works with whom, in which way, since when.

A tie may be recorded in either partner's file: a membership in the member's file or in the
organisation's list of members, a donation by the donor or by the recipient. Each tie appears
once here, whichever side recorded it (both, even), and from the point of view asked for.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any, overload

from .terminal import one_line

if TYPE_CHECKING:
    from .dataset import Dataset
    from .profile import Profile

#: An edge's fields, in the order of ``Edge.row`` (and of CSV columns).
EDGE_FIELDS = ("actor", "partner", "kind", "relation", "year", "detail", "source", "recorded_by")
_ROW = attrgetter(*EDGE_FIELDS)

#: How a relation reads from the other side of a tie.
_REVERSED = {
    "given": "received",
    "received": "given",
    "mutual": "mutual",
}


class Edge:
    """One tie between two profiles. ``relation`` says what the actor is to the partner:
    for a membership, the actor's status in the organisation ("member", "candidate",
    "partner", ...) or, seen from the organisation, "has member" and the like; for other
    ties, "given", "received" or "mutual"."""

    __slots__ = (*EDGE_FIELDS, "entry")

    def __init__(
        self,
        actor: str,
        partner: str,
        kind: str,
        relation: str,
        year: int | None,
        detail: str,
        source: str,
        recorded_by: str,
        entry: Mapping[str, Any] | None = None,
    ) -> None:
        self.actor = actor
        self.partner = partner
        self.kind = kind
        self.relation = relation
        self.year = year
        self.detail = detail
        self.source = source
        self.recorded_by = recorded_by
        #: The recorded fact this edge comes from (a membership, a cooperation, an initiative).
        self.entry = entry if entry is not None else {}

    def row(self) -> tuple[Any, ...]:
        return _ROW(self)

    def to_dict(self) -> dict[str, object]:
        return dict(zip(EDGE_FIELDS, _ROW(self), strict=True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Edge) and self.row() == other.row()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Edge({self.actor!r} -{self.kind}/{self.relation}-> {self.partner!r})"

    def seen_from(self, profile_id: str) -> Edge:
        """The same tie with ``profile_id`` as the actor."""
        if self.actor == profile_id:
            return self
        return Edge(
            self.partner,
            self.actor,
            self.kind,
            _reversed(self.kind, self.relation),
            self.year,
            self.detail,
            self.source,
            self.recorded_by,
            self.entry,
        )

    def key(self) -> tuple[Any, ...]:
        """What makes two records the same tie: the pair, the kind, the year, and the relation
        (oriented from the lower id)."""
        return _row_key(self.row())


def edges_of(record: Mapping[str, Any]) -> list[Edge]:
    """Every tie recorded in a profile's own file, with the member as actor of a membership."""
    return [
        Edge(*row[:8], entry=record[row[8]][row[9]])  # type: ignore[misc]
        for row in tie_rows(record)
    ]


def tie_rows(record: Mapping[str, Any]) -> list[list[Any]]:
    """Every tie recorded in a profile's file as a row: the edge's fields (``EDGE_FIELDS``),
    then the list and position of the fact it comes from. Worked out when a file is checked and
    kept beside the record, so that the whole network can be drawn without decoding every
    record."""
    me = record["id"]
    rows: list[list[Any]] = []

    def add(actor: str, partner: str, kind: str, relation: str, detail: str, at: Any) -> None:
        fact = record[at[0]][at[1]]
        rows.append([actor, partner, kind, relation, fact["year"], detail, fact["source"], me, *at])

    for n, m in enumerate(record["memberships"]):
        add(me, m["organisation"], "membership", _status(m), m["note"], ("memberships", n))
    for n, m in enumerate(record["members"]):
        add(m["member"], me, "membership", _status(m), m["note"], ("members", n))
    for n, c in enumerate(record["cooperation"]):
        detail = c["title"] or c["summary"]
        add(me, c["partner"], c["kind"], c["direction"], detail, ("cooperation", n))
    for n, i in enumerate(record["initiatives"]):
        for partner in i["partners"]:
            add(me, partner, i["kind"], "given", i["name"], ("initiatives", n))
    return rows


def _status(membership: Mapping[str, Any]) -> str:
    if membership["until"] is not None:
        return f"{membership['status']} until {membership['until']}"
    return str(membership["status"])


def network(dataset: Dataset) -> Network:
    """Every tie in the dataset once, by actor, partner, year and kind. The ties are read from
    the rows kept beside each record (``tie_rows``), not from the records: an edge's ``entry``
    is read from its record only if asked for. A dataset read with a cache keeps its network
    there (``Dataset.remember``): the next run over the very same files takes it from there."""
    ties = _recalled(dataset)
    if ties is None:
        seen: dict[tuple[Any, ...], tuple[Profile, Sequence[Any]]] = {}
        for profile, rows in dataset.tie_rows():
            for row in rows:
                key = _row_key(row)
                if key not in seen:
                    seen[key] = (profile, row)
        ties = sorted(seen.values(), key=_network_order)
        dataset.remember(_NETWORK, marshal.dumps([(p.id, list(row)) for p, row in ties]))
    return Network(ties)


#: What the network is kept under (``Dataset.recall``).
_NETWORK = b"network"


def _recalled(dataset: Dataset) -> list[tuple[Profile, Sequence[Any]]] | None:
    """The network kept for this very dataset, as (profile recording it, row) pairs; None if
    none was kept or it cannot be read."""
    body = dataset.recall(_NETWORK)
    if body is None:
        return None
    profiles = dataset.profiles
    try:
        return [(profiles[pid], row) for pid, row in marshal.loads(body)]
    except (EOFError, ValueError, TypeError, KeyError):
        return None


def _network_order(tie: tuple[Profile, Sequence[Any]]) -> tuple[Any, ...]:
    row = tie[1]
    return (row[0], row[1], row[4] or 0, row[2])  # actor, partner, year, kind


class Network(Sequence[Edge]):
    """The ties of a whole dataset (``network``), in order. Each is kept as the row it was
    recorded as, and made an ``Edge`` only when read: written as CSV, 36,000 ties need only
    their rows."""

    __slots__ = ("_ties",)

    def __init__(self, ties: list[tuple[Profile, Sequence[Any]]]) -> None:
        self._ties = ties

    def __len__(self) -> int:
        return len(self._ties)

    @overload
    def __getitem__(self, index: int) -> Edge: ...

    @overload
    def __getitem__(self, index: slice) -> list[Edge]: ...

    def __getitem__(self, index: int | slice) -> Edge | list[Edge]:
        if isinstance(index, slice):
            return [_edge(*tie) for tie in self._ties[index]]
        return _edge(*self._ties[index])

    def __iter__(self) -> Iterator[Edge]:
        return (_edge(*tie) for tie in self._ties)

    def __repr__(self) -> str:
        return f"Network({len(self._ties)} ties)"

    def rows(self) -> Iterator[Sequence[Any]]:
        """Each tie's ``Edge.row``, without making the edge."""
        return (row[:8] for _, row in self._ties)


def _edge(profile: Profile, row: Sequence[Any]) -> Edge:
    return Edge(*row[:8], entry=_Entry(profile, row[8], row[9]))  # type: ignore[misc]


def _row_key(row: Sequence[Any]) -> tuple[Any, ...]:
    """``Edge.key`` of a tie row (``tie_rows``, ``Edge.row``), without making an edge."""
    actor, partner, kind, relation, year = row[:5]
    if actor <= partner:
        return (actor, partner, kind, relation, year)
    return (partner, actor, kind, _reversed(kind, relation), year)


def _reversed(kind: str, relation: str) -> str:
    """How a relation reads from the other side of a tie of ``kind``."""
    return f"has {relation}" if kind == "membership" else _REVERSED.get(relation, relation)


class _Entry(Mapping[str, Any]):
    """The recorded fact an edge comes from, read from its profile's record when first used."""

    __slots__ = ("_found", "_list", "_position", "_profile")

    def __init__(self, profile: Profile, list_name: str, position: int) -> None:
        self._profile = profile
        self._list = list_name
        self._position = position
        self._found: Mapping[str, Any] | None = None

    def _fact(self) -> Mapping[str, Any]:
        if self._found is None:
            self._found = self._profile.record[self._list][self._position]
        return self._found

    def __getitem__(self, key: str) -> Any:
        return self._fact()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fact())

    def __len__(self) -> int:
        return len(self._fact())


def partners(dataset: Dataset, name: str) -> list[Edge]:
    """Every tie of the profile ``name`` resolves to, once each, seen from that profile (it is
    each edge's actor), by kind, year and partner."""
    focus = dataset.resolve(name).id
    involved = [focus, *sorted(dataset.partners_of(focus))]
    seen: dict[tuple[Any, ...], Edge] = {}
    # Read from the tie rows kept beside the records: a record is decoded only if an edge's
    # ``entry`` is asked for (NATO's 2,900 partners among 10,000 profiles: a third of the time).
    for profile, rows in dataset.tie_rows(involved):
        for row in rows:
            if focus in (row[0], row[1]) and row[0] != row[1]:
                key = _row_key(row)
                if key not in seen:
                    seen[key] = _edge(profile, row).seen_from(focus)
    return sorted(seen.values(), key=lambda e: (e.kind, e.year or 0, e.partner))


def to_dot(edges: Sequence[Edge], names: Mapping[str, str]) -> str:
    """Graphviz DOT: nodes labelled with names, edges with the relation and year."""
    lines = ["digraph cooperation {", "  rankdir=LR;", "  node [shape=box];"]
    for node in sorted({e.actor for e in edges} | {e.partner for e in edges}):
        lines.append(f"  {_dot_string(node)} [label={_dot_string(names.get(node, node))}];")
    for e in edges:
        lines.append(
            f"  {_dot_string(e.actor)} -> {_dot_string(e.partner)} "
            f"[label={_dot_string(_label(e))}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _label(edge: Edge) -> str:
    what = edge.relation if edge.kind == "membership" else f"{edge.kind} ({edge.relation})"
    return what if edge.year is None else f"{what} {edge.year}"


def to_mermaid(edges: Sequence[Edge], names: Mapping[str, str]) -> str:
    """A Mermaid flowchart, for Markdown renderers that draw it."""
    lines = ["flowchart LR"]
    for node in sorted({e.actor for e in edges} | {e.partner for e in edges}):
        lines.append(f'  {_mermaid_id(node)}["{_mermaid_text(names.get(node, node))}"]')
    for e in edges:
        lines.append(
            f'  {_mermaid_id(e.actor)} -->|"{_mermaid_text(_label(e))}"| {_mermaid_id(e.partner)}'
        )
    return "\n".join(lines) + "\n"


def _dot_string(text: str) -> str:
    """A DOT string literal: quotes and backslashes escaped, controls shown as escapes."""
    return '"' + one_line(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _mermaid_id(profile_id: str) -> str:
    return "n_" + profile_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    return "".join(c if c.isalnum() or c in " .,()-/'" else f"#{ord(c)};" for c in text)
