"""The cooperation network: who works with whom, in which way, since when."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalog import Catalog


#: An edge's fields, in the order of ``Edge.row`` (and of CSV columns).
EDGE_FIELDS = ("actor", "partner", "kind", "year", "detail", "source")


@dataclass(frozen=True)
class Edge:
    """One tie between two profiles, as recorded in the actor's file."""

    actor: str
    partner: str
    kind: str
    year: int | None
    detail: str
    source: str

    def to_dict(self) -> dict[str, object]:
        return dict(zip(EDGE_FIELDS, self.row(), strict=True))

    def row(self) -> tuple[str, str, str, int | None, str, str]:
        return (self.actor, self.partner, self.kind, self.year, self.detail, self.source)


def edges_of(record: Mapping[str, Any]) -> list[Edge]:
    """Every tie recorded in a profile's own file: memberships, cooperation, initiatives."""
    actor = record["id"]
    found = [
        Edge(actor, m["organisation"], "membership", m["year"], m["status"], m["source"])
        for m in record["memberships"]
    ]
    for c in record["cooperation"]:
        detail = c["title"] or c["summary"]
        if c["direction"] != "mutual":
            detail = f"{c['direction']}: {detail}"
        found.append(Edge(actor, c["partner"], c["kind"], c["year"], detail, c["source"]))
    for i in record["initiatives"]:
        for partner in i["partners"]:
            found.append(Edge(actor, partner, i["kind"], i["year"], i["name"], i["source"]))
    return found


def network(catalog: Catalog) -> list[Edge]:
    """Every edge in the dataset, by actor then partner then year."""
    return [Edge(*row) for row in catalog.shared["edges"]]  # worked out with the catalog


def edge_rows(records: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """Every edge of ``records`` as a plain tuple (``Edge.row``), in ``network``'s order."""
    edges = [e for record in records for e in edges_of(record)]
    edges.sort(key=lambda e: (e.actor, e.partner, e.year or 0, e.kind))
    return [e.row() for e in edges]


def partners(catalog: Catalog, name: str) -> tuple[str, list[Edge]]:
    """The id ``name`` resolves to, and every edge touching it in either direction."""
    focus = catalog.resolve(name).id
    return focus, [e for e in network(catalog) if focus in (e.actor, e.partner)]


def to_dot(edges: list[Edge], names: Mapping[str, str]) -> str:
    """Graphviz DOT: nodes labelled with names, edges with kind and year."""
    lines = ["digraph cooperation {", "  rankdir=LR;", "  node [shape=box];"]
    for node in sorted({e.actor for e in edges} | {e.partner for e in edges}):
        lines.append(f"  {_dot_id(node)} [label={_dot_string(names.get(node, node))}];")
    for e in edges:
        label = e.kind if e.year is None else f"{e.kind} {e.year}"
        lines.append(f"  {_dot_id(e.actor)} -> {_dot_id(e.partner)} [label={_dot_string(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_mermaid(edges: list[Edge], names: Mapping[str, str]) -> str:
    """A Mermaid flowchart, for Markdown renderers that draw it."""
    lines = ["flowchart LR"]
    for node in sorted({e.actor for e in edges} | {e.partner for e in edges}):
        lines.append(f'  {_mermaid_id(node)}["{_mermaid_text(names.get(node, node))}"]')
    for e in edges:
        label = e.kind if e.year is None else f"{e.kind} {e.year}"
        lines.append(
            f'  {_mermaid_id(e.actor)} -->|"{_mermaid_text(label)}"| {_mermaid_id(e.partner)}'
        )
    return "\n".join(lines) + "\n"


def _dot_id(profile_id: str) -> str:
    return '"' + profile_id + '"'


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _mermaid_id(profile_id: str) -> str:
    return "n_" + profile_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    return "".join(c if c.isalnum() or c in " .,()-/'" else f"#{ord(c)};" for c in text)
