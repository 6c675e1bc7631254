"""The cooperation network: who works with whom, in which way, since when."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .dataset import Dataset
from .models import Profile


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
        return asdict(self)


def edges_of(profile: Profile) -> list[Edge]:
    """Every tie recorded in ``profile``'s own file: memberships, cooperation, initiatives."""
    found = [
        Edge(profile.id, m.organisation, "membership", m.year, m.status, m.source)
        for m in profile.memberships
    ]
    for c in profile.cooperation:
        detail = c.title or c.summary
        if c.direction != "mutual":
            detail = f"{c.direction}: {detail}"
        found.append(Edge(profile.id, c.partner, c.kind, c.year, detail, c.source))
    for i in profile.initiatives:
        for partner in i.partners:
            found.append(Edge(profile.id, partner, i.kind, i.year, i.name, i.source))
    return found


def network(dataset: Dataset) -> list[Edge]:
    """Every edge in the dataset, by actor then partner then year."""
    edges = [e for p in dataset for e in edges_of(p)]
    return sorted(edges, key=lambda e: (e.actor, e.partner, e.year or 0, e.kind))


def partners(dataset: Dataset, name: str) -> tuple[Profile, list[Edge]]:
    """The profile ``name`` resolves to, and every edge touching it in either direction."""
    profile = dataset.resolve(name)
    edges = [e for e in network(dataset) if profile.id in (e.actor, e.partner)]
    return profile, edges


def to_dot(edges: list[Edge], dataset: Dataset) -> str:
    """Graphviz DOT: nodes labelled with names, edges with kind and year."""
    lines = ["digraph cooperation {", "  rankdir=LR;", "  node [shape=box];"]
    for node in sorted({e.actor for e in edges} | {e.partner for e in edges}):
        lines.append(f"  {_dot_id(node)} [label={_dot_string(_label(dataset, node))}];")
    for e in edges:
        label = e.kind if e.year is None else f"{e.kind} {e.year}"
        lines.append(f"  {_dot_id(e.actor)} -> {_dot_id(e.partner)} [label={_dot_string(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_mermaid(edges: list[Edge], dataset: Dataset) -> str:
    """A Mermaid flowchart, for Markdown renderers that draw it."""
    lines = ["flowchart LR"]
    for node in sorted({e.actor for e in edges} | {e.partner for e in edges}):
        lines.append(f'  {_mermaid_id(node)}["{_mermaid_text(_label(dataset, node))}"]')
    for e in edges:
        label = e.kind if e.year is None else f"{e.kind} {e.year}"
        lines.append(
            f'  {_mermaid_id(e.actor)} -->|"{_mermaid_text(label)}"| {_mermaid_id(e.partner)}'
        )
    return "\n".join(lines) + "\n"


def _label(dataset: Dataset, profile_id: str) -> str:
    found = dataset.profiles.get(profile_id)
    return found.name if found else profile_id


def _dot_id(profile_id: str) -> str:
    return '"' + profile_id + '"'


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _mermaid_id(profile_id: str) -> str:
    return "n_" + profile_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    return "".join(c if c.isalnum() or c in " .,()-/'" else f"#{ord(c)};" for c in text)
