"""The cooperation network: who works with whom, in which way, since when.

A tie may be recorded in either partner's file: a membership in the member's file or in the
organisation's list of members, a donation by the donor or by the recipient. Each tie appears
once here, whichever side recorded it (both, even), and from the point of view asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from .profile import Records
from .terminal import one_line

if TYPE_CHECKING:
    from .dataset import Dataset

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
        if self.kind == "membership":
            relation = f"has {self.relation}"
        else:
            relation = _REVERSED.get(self.relation, self.relation)
        return Edge(
            self.partner,
            self.actor,
            self.kind,
            relation,
            self.year,
            self.detail,
            self.source,
            self.recorded_by,
            self.entry,
        )

    def key(self) -> tuple[Any, ...]:
        """What makes two records the same tie: the pair, the kind, the year, and the relation
        (oriented from the lower id)."""
        if self.actor <= self.partner:
            return (self.actor, self.partner, self.kind, self.relation, self.year)
        other = self.seen_from(self.partner)
        return (other.actor, other.partner, other.kind, other.relation, other.year)


def edges_of(record: Mapping[str, Any]) -> list[Edge]:
    """Every tie recorded in a profile's own file, with the member as actor of a membership."""
    me = record["id"]
    found = [
        Edge(
            me,
            m["organisation"],
            "membership",
            _status(m),
            m["year"],
            m["note"],
            m["source"],
            me,
            m,
        )
        for m in record["memberships"]
    ]
    found += [
        Edge(m["member"], me, "membership", _status(m), m["year"], m["note"], m["source"], me, m)
        for m in record["members"]
    ]
    for c in record["cooperation"]:
        detail = c["title"] or c["summary"]
        found.append(
            Edge(me, c["partner"], c["kind"], c["direction"], c["year"], detail, c["source"], me, c)
        )
    for i in record["initiatives"]:
        for partner in i["partners"]:
            found.append(
                Edge(me, partner, i["kind"], "given", i["year"], i["name"], i["source"], me, i)
            )
    return found


def _status(membership: Mapping[str, Any]) -> str:
    if membership["until"] is not None:
        return f"{membership['status']} until {membership['until']}"
    return str(membership["status"])


def network(dataset: Dataset) -> list[Edge]:
    """Every tie in the dataset once, by actor, partner, year and kind. Records are read a
    batch at a time and not kept (``Records``): only the ties stay in memory."""
    seen: dict[tuple[Any, ...], Edge] = {}
    for record in Records(list(dataset)):
        for edge in edges_of(record):
            seen.setdefault(edge.key(), edge)
    return sorted(seen.values(), key=lambda e: (e.actor, e.partner, e.year or 0, e.kind))


def partners(dataset: Dataset, name: str) -> list[Edge]:
    """Every tie of the profile ``name`` resolves to, once each, seen from that profile (it is
    each edge's actor), by kind, year and partner."""
    focus = dataset.resolve(name).id
    involved = [focus, *sorted(dataset.partners_of(focus))]
    seen: dict[tuple[Any, ...], Edge] = {}
    for pid in involved:
        for edge in edges_of(dataset[pid].record):
            if focus in (edge.actor, edge.partner) and edge.actor != edge.partner:
                seen.setdefault(edge.key(), edge.seen_from(focus))
    return sorted(seen.values(), key=lambda e: (e.kind, e.year or 0, e.partner))


def to_dot(edges: list[Edge], names: Mapping[str, str]) -> str:
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


def to_mermaid(edges: list[Edge], names: Mapping[str, str]) -> str:
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
