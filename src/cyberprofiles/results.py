"""What each command produces: a result that knows its JSON document, its rows and columns,
and the view people read (``formats.Result``). The command line only picks one and prints it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from . import views
from .layout import Line, Segment
from .network import EDGE_FIELDS, Network
from .profile import Records
from .terminal import one_line

if TYPE_CHECKING:
    from .compare import Comparison
    from .dataset import Dataset
    from .errors import Problem
    from .network import Edge
    from .profile import Profile
    from .releases import Release
    from .search import SearchHit
    from .stats import YearBar
    from .worldmap import MapData


def _summary_fields() -> dict[str, Any]:
    """The fields of a profile's one-row summary, by name: (header, value)."""

    def cert(i: int) -> Any:
        return lambda p, _: p.outline["cert"][i]

    return {
        "id": lambda p, _: p.id,
        "name": lambda p, _: p.name,
        "official_name": lambda p, _: p.outline["official_name"],
        "kind": lambda p, _: p.kind,
        "iso2": lambda p, _: p.outline["iso"][0],
        "iso3": lambda p, _: p.outline["iso"][1],
        "region": lambda p, _: p.region,
        "subregion": lambda p, _: p.subregion,
        "first_strategy_year": lambda p, _: p.first_strategy_year,
        "latest_strategy_year": lambda p, _: p.latest_strategy_year,
        "strategies": lambda p, _: p.strategy_count,
        "cert_status": cert(0),
        "cert_name": cert(1),
        "cert_acronym": cert(2),
        "cert_year": cert(3),
        "memberships": lambda p, data: ";".join(
            sorted({m[0] for m in data.memberships_of(p.id) if m[1] == "member"})
        ),
        "partners": lambda p, data: ";".join(sorted(data.partners_of(p.id))),
        "partner_count": lambda p, data: len(data.partners_of(p.id)),
        "gci_tier": lambda p, _: p.gci_tier,
        "law_position_years": lambda p, _: _years(p.outline["law_positions"]),
        "latest_change_date": lambda p, _: _change_date(p.latest_change),
        "latest_change": lambda p, _: p.latest_change[2] if p.latest_change else None,
        "reviewed": lambda p, _: p.outline["reviewed"],
    }


def _years(years: list[int | None]) -> str | None:
    """Years as one cell, e.g. ``2021;2024;undated``; None when there are none."""
    return ";".join("undated" if y is None else str(y) for y in years) or None


def _change_date(latest: tuple[int, int | None, str] | None) -> str | None:
    if latest is None:
        return None
    year, month, _ = latest
    return f"{year}-{month:02d}" if month else str(year)


#: The columns of the one-row summary of a profile (``list`` as CSV, and ``--fields``).
SUMMARY_FIELDS = _summary_fields()
SUMMARY_COLUMNS = tuple(SUMMARY_FIELDS)


def summary_row(profile: Profile, dataset: Dataset) -> dict[str, Any]:
    return {name: value(profile, dataset) for name, value in SUMMARY_FIELDS.items()}


class Profiles:
    """Profiles: in JSON their full records, as rows their one-line summaries; people see the
    list table, or (``pages=True``, for ``show``) each profile in full."""

    def __init__(
        self,
        profiles: Sequence[Profile],
        dataset: Dataset,
        *,
        pages: bool = False,
        fields: Sequence[str] | None = None,
    ) -> None:
        self.profiles = profiles
        self.dataset = dataset
        self.pages = pages
        #: The summary fields chosen (``--fields``); None for all.
        self.fields = fields
        self.columns = tuple(fields) if fields else SUMMARY_COLUMNS

    def document(self) -> Sequence[Any]:
        if self.fields:
            return list(self.rows())
        return Records(self.profiles)

    def rows(self) -> Iterable[dict[str, Any]]:
        for p in self.profiles:
            yield {name: SUMMARY_FIELDS[name](p, self.dataset) for name in self.columns}

    def view(self, size: int) -> list[Line]:
        if self.pages:
            pages = [
                views.profile_view(p, self.dataset, size, self.dataset.origin(p.id))
                for p in self.profiles
            ]
            out: list[Line] = []
            for n, page in enumerate(pages):
                if n:
                    out += [[], [Segment("─" * size, "rule")], []]
                out += page
            return out
        if self.fields:
            return views.fields_view(list(self.rows()), self.columns, size)
        return views.list_view(self.profiles, self.dataset, size)


class SearchResults:
    """Ranked hits; rows are one per matching field."""

    columns = ("rank", "id", "name", "score", "field", "snippet")

    def __init__(self, hits: Sequence[SearchHit]) -> None:
        self.hits = hits

    def document(self) -> list[Any]:
        return [h.to_dict() for h in self.hits]

    def rows(self) -> Iterable[dict[str, Any]]:
        for rank, h in enumerate(self.hits, 1):
            for m in h.matches:
                yield {
                    "rank": rank,
                    "id": h.id,
                    "name": h.name,
                    "score": h.score,
                    "field": m.field,
                    "snippet": m.snippet,
                }

    def view(self, size: int) -> list[Line]:
        return views.search_view(self.hits, size)


class ComparisonResult:
    """Profiles side by side; rows are one per field, a column per profile (values as text)."""

    def __init__(self, comparison: Comparison, names: Mapping[str, str]) -> None:
        self.comparison = comparison
        self.names = names
        self.columns = ("field", "label", "differs", *(p.id for p in comparison.profiles))

    def document(self) -> dict[str, object]:
        return self.comparison.to_dict()

    def rows(self) -> Iterable[dict[str, Any]]:
        ids = [p.id for p in self.comparison.profiles]
        for row in self.comparison.rows:
            cells = {
                pid: "; ".join(views.compare_items(v, self.names))
                for pid, v in zip(ids, row.values, strict=True)
            }
            yield {"field": row.field, "label": row.label, "differs": row.differs, **cells}

    def view(self, size: int) -> list[Line]:
        return views.compare_view(self.comparison, self.names, size)


class Edges:
    """Ties between profiles, one per row."""

    columns = EDGE_FIELDS

    def __init__(
        self, edges: Sequence[Edge], names: Mapping[str, str], focus: str | None = None
    ) -> None:
        self.edges = edges
        self.names = names
        self.focus = focus

    def document(self) -> list[Any]:
        return [e.to_dict() for e in self.edges]

    def rows(self) -> Iterable[dict[str, Any]]:
        return self.document()

    def plain_rows(self) -> Iterable[Sequence[Any]]:
        """The rows in column order; every cell is text, a year or None, which CSV writes as it
        is. A whole network gives its rows without making an edge of each."""
        if isinstance(self.edges, Network):
            return self.edges.rows()
        return (e.row() for e in self.edges)

    def view(self, size: int) -> list[Line]:
        return views.edges_view(self.edges, self.names, size, self.focus)


class Timeline:
    """Strategy adoptions per year; rows have a count per group (zero included)."""

    def __init__(
        self, bars: Sequence[YearBar], names: Mapping[str, str], by: str | None = None
    ) -> None:
        self.bars = bars
        self.names = names
        self.by = by
        self.groups = sorted({g for b in bars for g in b.groups})
        self.columns = ("year", "count", *self.groups, "actors")

    def document(self) -> list[Any]:
        return [b.to_dict() for b in self.bars]

    def rows(self) -> Iterable[dict[str, Any]]:
        for b in self.bars:
            yield {
                "year": b.year,
                "count": len(b.actors),
                **{g: b.groups.get(g, 0) for g in self.groups},
                "actors": ";".join(b.actors),
            }

    def view(self, size: int) -> list[Line]:
        return views.timeline_view(self.bars, self.names, size, self.by)


class Stats:
    """The dataset at a glance. Rows are tidy: one figure per row (``section``, ``name``,
    ``value``, and ``of``/``share`` where the figure is a part of a whole)."""

    columns = ("section", "name", "value", "of", "share")

    def __init__(
        self, summary: Mapping[str, Any], coverage: Sequence[Mapping[str, Any]], show: bool
    ) -> None:
        self.summary = summary
        self.coverage = coverage
        self.show_coverage = show

    def document(self) -> dict[str, object]:
        return {**self.summary, "coverage": list(self.coverage)}

    def rows(self) -> Iterable[dict[str, Any]]:
        s = self.summary
        if s.get("as_of"):
            yield {"section": "as_of", "name": "year", "value": s["as_of"]}
        yield {"section": "profiles", "name": "profiles", "value": s["profiles"]}
        for key in ("by_kind", "by_region"):
            for name, n in s[key].items():
                yield {"section": key, "name": name, "value": n, "of": s["profiles"]}
        for key in ("states_with_strategy", "states_with_established_cert"):
            part = s[key]
            yield {
                "section": "states",
                "name": key,
                "value": part["count"],
                "of": part["of"],
                "share": part["share"],
            }
        for hub in s["most_connected"]:
            yield {"section": "most_connected", "name": hub["id"], "value": hub["partners"]}
        for key in ("facts_with_source", "facts_with_official_source"):
            yield {"section": "sources", "name": key, "value": s[key], "of": s["facts"]}
        for key in ("oldest_review", "newest_review"):
            yield {"section": "reviewed", "name": key, "value": s[key]}
        for row in self.coverage:
            yield {
                "section": "coverage",
                "name": row["field"],
                "value": row["known"],
                "of": row["of"],
                "share": row["share"],
            }

    def view(self, size: int) -> list[Line]:
        return views.stats_view(self.summary, self.coverage if self.show_coverage else None, size)


class Problems:
    """Problems found in data files, one per row."""

    columns = ("file", "line", "column", "field", "message")

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = problems

    def document(self) -> list[Any]:
        return [p.to_dict() for p in self.problems]

    def rows(self) -> Iterable[dict[str, Any]]:
        return self.document()

    def view(self, size: int) -> list[Line]:
        return [[Segment(one_line(str(p)))] for p in self.problems]


class Text:
    """A text to print as it is (``schema``, the partners network as DOT or Mermaid)."""

    columns = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def document(self) -> str:
        return self.text

    def rows(self) -> Iterable[dict[str, Any]]:
        yield {"text": self.text}

    def view(self, size: int) -> list[Line]:
        return [[Segment(line)] for line in self.text.split("\n")]


class Panel:
    """A country-year panel (``panel``): one row per actor and year."""

    def __init__(self, rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
        self._rows = rows
        self.columns = tuple(columns)

    def document(self) -> list[Any]:
        return [dict(r) for r in self._rows]

    def rows(self) -> Iterable[Mapping[str, Any]]:
        return self._rows

    def view(self, size: int) -> list[Line]:
        return views.fields_view(self._rows, self.columns, size)


class WorldMap:
    """A map's data: each profile's value; people see the legend with counts (the picture
    itself is SVG or HTML)."""

    columns = ("id", "name", "iso3", "value", "label")

    def __init__(self, data: MapData) -> None:
        self.data = data

    def document(self) -> list[Any]:
        return self.data.rows()

    def rows(self) -> Iterable[Mapping[str, Any]]:
        return self.data.rows()

    def view(self, size: int) -> list[Line]:
        return views.map_legend_view(self.data, size)


class Changes:
    """What each dataset version added and corrected."""

    columns = ("version", "date", "package", "change", "text")

    def __init__(self, found: Sequence[Release]) -> None:
        self.found = found

    def document(self) -> list[Any]:
        return [r.to_dict() for r in self.found]

    def rows(self) -> Iterable[Mapping[str, Any]]:
        for r in self.found:
            for change in ("added", "corrected"):
                for text in getattr(r, change):
                    yield {
                        "version": r.version,
                        "date": r.date,
                        "package": r.package,
                        "change": change,
                        "text": text,
                    }

    def view(self, size: int) -> list[Line]:
        return views.changes_view(self.found, size)
