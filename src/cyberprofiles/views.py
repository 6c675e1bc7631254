"""What people read: each result laid out as lines (``layout``) for a given width.

Text from data files is data: it is escaped for the terminal (``terminal``) when laid out, never
read as markup, and URLs are printed whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .formats.csv import cell
from .layout import (
    Cell,
    Column,
    Line,
    Row,
    Segment,
    heading,
    pairs,
    paragraph,
    spaced,
    table,
    wrap,
)
from .network import partners
from .terminal import one_line, width
from .vocabulary import INDEX_NAMES, TREATY_NAMES

if TYPE_CHECKING:
    from pathlib import Path

    from .compare import Comparison
    from .dataset import Dataset
    from .network import Edge
    from .profile import Profile
    from .releases import Release
    from .search import SearchHit
    from .stats import YearBar
    from .worldmap import MapData


class Sources:
    """Numbers each distinct source URL so that rows can cite it as ``[n]``."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def cite(self, *urls: str | None) -> Cell:
        marks = []
        for url in urls:
            if not url:
                continue
            if url not in self.urls:
                self.urls.append(url)
            mark = f"[{self.urls.index(url) + 1}]"
            if mark not in marks:
                marks.append(mark)
        return Cell(" ".join(marks), "cite")

    def lines(self, size: int) -> list[Line]:
        if not self.urls:
            return []
        out = heading("Sources", size)
        for n, url in enumerate(self.urls, 1):
            out.append([Segment(f"[{n}] ", "cite"), Segment(one_line(url), "url", url)])
        return out


def _year(value: object) -> Cell:
    return Cell(value) if value not in (None, "") else Cell("unknown", "dim")


def _unknown(value: object) -> Cell:
    return Cell(value) if value not in (None, "") else Cell("unknown", "dim")


#: Words of the vocabularies written as people write them.
_WORDS = {"mou": "MoU", "cert": "CERT"}


def _label(kind: str) -> str:
    """A vocabulary value as words: ``cert-cooperation`` reads "CERT cooperation"."""
    return " ".join(_WORDS.get(word, word) for word in kind.split("-"))


# show


def profile_view(
    profile: Profile, dataset: Dataset, size: int, origin: Path | None = None
) -> list[Line]:
    """The full profile: identity, summary, then one section per kind of fact, then the
    numbered sources each ``[n]`` refers to."""
    sources = Sources()
    names = dataset.names()
    ties = partners(dataset, profile.id)
    blocks = [
        _identity(profile, size, origin, sources),
        _documents(profile, size, sources),
        _absences(profile, size, sources),
        _agency(profile, size, sources),
        _certs(profile, size, sources),
        _memberships(profile, ties, names, size, sources),
        _members(ties, names, size, sources),
        _cooperation(profile, ties, names, size, sources),
        _initiatives(profile, names, size, sources),
        _critical_infrastructure(profile, size, sources),
        _positions(profile, names, size, sources),
        _indices(profile, size, sources),
    ]
    return spaced([*blocks, sources.lines(size)])


def _identity(profile: Profile, size: int, origin: Path | None, sources: Sources) -> list[Line]:
    head: Line = [Segment(one_line(profile.name), "title")]
    if profile.official_name and profile.official_name != profile.name:
        head += [Segment("  "), Segment(one_line(profile.official_name), "italic")]
    codes = " / ".join(c for c in (profile.iso2, profile.iso3) if c)
    region = " / ".join(r for r in (profile.region, profile.subregion) if r)
    grid = pairs(
        [
            ("Id", profile.id),
            ("Kind", _label(profile.kind)),
            ("ISO codes", codes),
            ("Region", region),
            ("Also known as", ", ".join(profile.aliases)),
            ("Reviewed", profile.reviewed.isoformat()),
            (
                "As at",
                f"the end of {profile.record['as_of']}: facts dated later are left out, "
                "statuses are those of that year"
                if profile.record.get("as_of")
                else "",
            ),
            ("Data file", str(origin) if origin else ""),
        ],
        size,
    )
    lines = [head, *grid]
    summary = profile.summary.strip()
    cited = sources.cite(*profile.sources).text
    if summary:
        lines.append([])
        lines += paragraph(f"{summary} {cited}".strip(), size)
    elif cited:
        lines += pairs([("Sources", cited)], size)
    return lines


def _documents(profile: Profile, size: int, sources: Sources) -> list[Line]:
    if not profile.documents:
        return [[Segment("No strategy or law recorded.", "dim")]]
    columns = [
        Column("Year", right=True),
        Column("Kind"),
        Column("Title", wraps=True),
        Column("Area", wraps=True, optional=True),
        Column("Period", optional=True),
        Column("Status"),
        Column("Src"),
    ]
    rows = []
    for d in sorted(profile.documents, key=lambda d: (d.year is None, d.year or 0)):
        details = []
        if d.summary:
            details.append((d.summary, "dim"))
        if d.note:
            details.append((f"Note: {d.note}", "dim"))
        rows.append(
            Row(
                [
                    _year(d.year),
                    Cell(d.kind, "bold" if d.is_strategy else ""),
                    Cell(d.title),
                    Cell(", ".join(_label(a) for a in d.area)),
                    Cell(d.period),
                    Cell(d.status, "good" if d.in_force else ""),
                    sources.cite(d.source),
                ],
                details,
            )
        )
    return table(columns, rows, size, title="Strategies and laws")


_SUBJECTS = {
    "strategy": "No national strategy",
    "cybercrime": "No cybercrime law",
    "cybersecurity": "No NIS/CII-type law",
    "data-protection": "No data-protection law",
}


def _absences(profile: Profile, size: int, sources: Sources) -> list[Line]:
    if not profile.absences:
        return []
    rows = [
        Row(
            [Cell(_SUBJECTS[a.subject]), Cell(a.as_of), sources.cite(a.source)],
            [(a.note, "dim")] if a.note else [],
        )
        for a in profile.absences
    ]
    columns = [Column("Finding", wraps=True), Column("As of"), Column("Src")]
    return table(columns, rows, size, title="Known absences")


def _agency(profile: Profile, size: int, sources: Sources) -> list[Line]:
    bodies = [profile.agency, *profile.other_agencies]
    if all(b.status == "not-applicable" for b in bodies):
        return []
    lines = heading("Lead cybersecurity agency", size)
    for n, body in enumerate(bodies):
        if n:
            lines.append([])
            lines.append([Segment("Other agency", "label")])
        if body.status == "unknown":
            lines.append([Segment("unknown", "dim")])
            continue
        name = body.name or ""
        if body.acronym:
            name = f"{name} ({body.acronym})" if name else body.acronym
        cited = sources.cite(body.source, body.year_source).text
        lines += pairs(
            [
                ("Name", name),
                ("Status", body.status if body.status != "established" else ""),
                ("Part of", body.parent or ""),
                ("Since", str(body.year) if body.year else ""),
                ("Mandate", body.mandate),
                ("Website", body.website or ""),
                ("Note", body.note),
                ("Source", cited),
            ],
            size,
        )
    return lines


def _certs(profile: Profile, size: int, sources: Sources) -> list[Line]:
    teams = [profile.cert, *profile.other_csirts]
    if profile.cert.status == "not-applicable" and not profile.other_csirts:
        return []
    rows = []
    for i, team in enumerate(teams):
        name = team.name or ""
        if team.acronym:
            name = f"{name} ({team.acronym})" if name else team.acronym
        details = []
        if team.host:
            details.append((f"Host: {team.host}", ""))
        if team.website:
            details.append((team.website, "url"))
        if team.summary:
            details.append((team.summary, "dim"))
        if team.note:
            details.append((f"Note: {team.note}", "dim"))
        status = team.status if i == 0 else f"other team: {team.status}"
        rows.append(
            Row(
                [
                    Cell(status, "good" if team.status == "established" else ""),
                    Cell(name),
                    _year(team.year) if team.status == "established" else Cell(team.year),
                    sources.cite(team.source, team.year_source),
                ],
                details,
            )
        )
    columns = [Column("Status"), Column("Name", wraps=True), Column("Since"), Column("Src")]
    return table(columns, rows, size, title="National CERT/CSIRT")


def _memberships(
    profile: Profile, ties: Sequence[Edge], names: Mapping[str, str], size: int, sources: Sources
) -> list[Line]:
    rows = []
    for e in ties:
        if e.kind != "membership" or e.relation.startswith("has "):
            continue
        note = e.entry.get("note", "")
        rows.append(
            Row(
                [
                    Cell(names.get(e.partner, e.partner)),
                    Cell(e.relation, "good" if e.relation == "member" else ""),
                    _year(e.year),
                    sources.cite(e.source),
                ],
                [(note, "dim")] if note else [],
            )
        )
    for t in profile.treaties:
        status = t.status if t.signed is None else f"{t.status} (signed {t.signed})"
        rows.append(
            Row(
                [Cell(TREATY_NAMES[t.treaty]), Cell(status), _year(t.year), sources.cite(t.source)],
                [(t.note, "dim")] if t.note else [],
            )
        )
    if not rows:
        return []
    columns = [
        Column("Organisation / treaty", wraps=True, gives=0),
        Column("Status", wraps=True),
        Column("Since"),
        Column("Src"),
    ]
    return table(columns, rows, size, title="Memberships and treaties")


def _members(
    ties: Sequence[Edge], names: Mapping[str, str], size: int, sources: Sources
) -> list[Line]:
    rows = []
    for e in sorted(ties, key=lambda e: names.get(e.partner, e.partner)):
        if e.kind != "membership" or not e.relation.startswith("has "):
            continue
        note = e.entry.get("note", "")
        rows.append(
            Row(
                [
                    Cell(names.get(e.partner, e.partner)),
                    Cell(e.relation.removeprefix("has ")),
                    _year(e.year),
                    sources.cite(e.source),
                ],
                [(note, "dim")] if note else [],
            )
        )
    if not rows:
        return []
    columns = [
        Column("Member", wraps=True, gives=0),
        Column("Status"),
        Column("Since"),
        Column("Src"),
    ]
    return table(columns, rows, size, title=f"Members ({len(rows)})")


def _cooperation(
    profile: Profile, ties: Sequence[Edge], names: Mapping[str, str], size: int, sources: Sources
) -> list[Line]:
    rows = []
    found = [e for e in ties if e.kind != "membership" and "partners" not in e.entry]
    found.sort(key=lambda e: (names.get(e.partner, e.partner), e.year or 0))
    for e in found:
        c = e.entry
        partner = names.get(e.partner, e.partner)
        body = c.get("partner_detail", "")
        text = c.get("title", "")
        summary = c.get("summary", "")
        if c.get("amount") is not None:
            summary += f" ({c['amount']:,.0f} {c.get('currency') or ''})".rstrip()
        if e.recorded_by != profile.id:
            summary += f" (recorded by {names.get(e.recorded_by, e.recorded_by)})"
        kind = _label(e.kind) if e.relation == "mutual" else f"{_label(e.kind)} ({e.relation})"
        details = [(text, "bold")] if text else []
        if body and e.recorded_by == profile.id:
            details.append((f"With: {body}", "dim"))
        details.append((summary.strip(), ""))
        if c.get("note"):
            details.append((f"Note: {c['note']}", "dim"))
        rows.append(
            Row(
                [Cell(partner), _year(e.year), Cell(kind), sources.cite(e.source)],
                details,
            )
        )
    if not rows:
        return []
    columns = [
        Column("Partner", wraps=True, gives=0),
        Column("Year"),
        Column("Kind", wraps=True),
        Column("Src"),
    ]
    return table(columns, rows, size, title="Cooperation")


def _initiatives(
    profile: Profile, names: Mapping[str, str], size: int, sources: Sources
) -> list[Line]:
    if not profile.initiatives:
        return []
    rows = []
    for i in profile.initiatives:
        label = i.name if not i.acronym else f"{i.name} ({i.acronym})"
        partners = ", ".join(names.get(p, p) for p in i.partners)
        details = [(f"With: {partners}", "dim")] if partners else []
        details.append((i.summary, ""))
        if i.note:
            details.append((f"Note: {i.note}", "dim"))
        rows.append(Row([Cell(label), _year(i.year), sources.cite(i.source)], details))
    columns = [Column("Name", wraps=True), Column("Year"), Column("Src")]
    return table(columns, rows, size, title="Initiatives")


def _critical_infrastructure(profile: Profile, size: int, sources: Sources) -> list[Line]:
    if not profile.critical_infrastructure:
        return []
    rows = [
        Row([Cell(ci.title), _year(ci.year), sources.cite(ci.source)], [(ci.summary, "")])
        for ci in profile.critical_infrastructure
    ]
    columns = [Column("Framework", wraps=True), Column("Year"), Column("Src")]
    return table(columns, rows, size, title="Critical infrastructure")


def _positions(
    profile: Profile, names: Mapping[str, str], size: int, sources: Sources
) -> list[Line]:
    if not profile.positions:
        return []
    rows = []
    for pos in sorted(profile.positions, key=lambda p: (p.year is None, p.year or 0)):
        details = [(pos.title, "bold")] if pos.title else []
        details.append((pos.summary, ""))
        if pos.note:
            details.append((f"Note: {pos.note}", "dim"))
        forum = names.get(pos.forum, pos.forum) if pos.forum else ""
        rows.append(
            Row(
                [
                    _year(pos.year),
                    Cell(_label(pos.topic)),
                    Cell(pos.form or ""),
                    Cell(forum),
                    sources.cite(pos.source),
                ],
                details,
            )
        )
    columns = [
        Column("Year"),
        Column("Topic", wraps=True),
        Column("Form", optional=True),
        Column("Forum", wraps=True, optional=True),
        Column("Src"),
    ]
    return table(columns, rows, size, title="Positions")


def _indices(profile: Profile, size: int, sources: Sources) -> list[Line]:
    if not profile.indices:
        return []
    rows = [
        Row(
            [
                Cell(INDEX_NAMES[i.index]),
                Cell(i.edition),
                Cell(i.tier),
                Cell("" if i.score is None else f"{i.score:g}"),
                sources.cite(i.source),
            ],
            [(i.note, "dim")] if i.note else [],
        )
        for i in profile.indices
    ]
    columns = [
        Column("Index", wraps=True),
        Column("Edition"),
        Column("Tier", right=True),
        Column("Score", right=True, optional=True),
        Column("Src"),
    ]
    return table(columns, rows, size, title="Indices")


# list


def cert_label(profile: Profile) -> str:
    status, _, acronym, _ = profile.outline["cert"]
    return f"{status}: {acronym}" if acronym else status


def list_view(profiles: Sequence[Profile], dataset: Dataset, size: int) -> list[Line]:
    """One row per profile: name, region, first and latest strategy year, CERT, partners."""
    columns = [
        Column("Name", wraps=True, gives=0),
        Column("Region", wraps=True, optional=True, gives=2),
        Column("First", right=True),
        Column("Latest", right=True, optional=True),
        Column("CERT", wraps=True),
        Column("Partners", right=True, optional=True),
    ]
    rows = [
        Row(
            [
                Cell(p.name),
                Cell(p.subregion or p.region or _label(p.kind)),
                Cell(p.first_strategy_year or "-"),
                Cell(p.latest_strategy_year or "-"),
                Cell(cert_label(p), "good" if p.cert_status == "established" else ""),
                Cell(len(dataset.partners_of(p.id))),
            ]
        )
        for p in profiles
    ]
    return table(columns, rows, size, wrap_first=False)


def fields_view(rows: Sequence[Mapping[str, Any]], fields: Sequence[str], size: int) -> list[Line]:
    """The summary fields chosen with ``list --fields``, one column each."""
    columns = [Column(name, wraps=True, gives=0 if n == 0 else 1) for n, name in enumerate(fields)]
    table_rows = [Row([Cell(cell(row.get(name))) for name in fields]) for row in rows]
    return table(columns, table_rows, size)


# search


def search_view(hits: Sequence[SearchHit], size: int) -> list[Line]:
    """Ranked hits: rank, name, score and matched fields, then the best snippet, indented,
    with the matches highlighted."""
    lines: list[Line] = []
    for rank, hit in enumerate(hits, 1):
        fields = [path for path, _ in hit.fields[:3]]
        more = f", +{len(hit.fields) - 3} more" if len(hit.fields) > 3 else ""
        head: Line = [
            Segment(f"{rank:>3}  ", "dim"),
            Segment(one_line(hit.name), "bold"),
            Segment(f"  score {hit.score}", "cite"),
        ]
        where = "  in " + ", ".join(fields) + more
        if line_fits(head, where, size):
            head.append(Segment(where, "dim"))
            lines.append(head)
        else:
            lines.append(head)
            lines += paragraph(where.strip(), size, "dim", 5)
        lines += _highlighted(hit.best.snippet, hit.best.highlights, size, 5)
        lines.append([])
    return lines[:-1] if lines else lines


def line_fits(line: Line, more: str, size: int) -> bool:
    return width("".join(s.text for s in line)) + width(more) <= size


def _highlighted(
    snippet: str, highlights: Sequence[tuple[int, int]], size: int, indent: int
) -> list[Line]:
    """A snippet wrapped under a hit, its matches highlighted (word by word)."""
    marked = [False] * len(snippet)
    for start, end in highlights:
        for i in range(start, min(end, len(snippet))):
            marked[i] = True
    lines: list[Line] = []
    position = 0
    for piece in wrap(snippet.replace("\n", " "), size - indent):
        line: Line = [Segment(" " * indent)]
        for word in piece.split(" "):
            found = snippet.find(word, position) if word else -1
            hot = found >= 0 and any(marked[found : found + len(word)])
            if found >= 0:
                position = found + len(word)
            if len(line) > 1:
                line.append(Segment(" "))
            line.append(Segment(word, "highlight" if hot else ""))
        lines.append(line)
    return lines


# compare


def compare_items(value: Any, names: Mapping[str, str]) -> list[str]:
    """A compared value as lines of text: one per item of a list, none for an unknown."""
    if value is None or value == []:
        return []
    if isinstance(value, list):
        return [one_line(compare_value(v, names)) for v in value]
    return [one_line(compare_value(value, names))]


def compare_value(value: Any, names: Mapping[str, str]) -> str:
    """A compared value (not a list) as text."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(compare_items(value, names))
    if isinstance(value, dict):
        if "title" in value:
            year = value.get("year")
            return f"{value['title']} ({year if year is not None else 'year unknown'})"
        if "organisation" in value:
            return f"{names.get(value['organisation'], value['organisation'])} ({value['status']})"
        return ", ".join(str(v) for v in value.values() if v is not None)
    if isinstance(value, str) and value in names:
        return names[value]
    return str(value)


def compare_view(comparison: Comparison, names: Mapping[str, str], size: int) -> list[Line]:
    """Profiles side by side, one row per field; at narrow widths, one block per field."""
    shared = {
        "memberships": set(comparison.shared_memberships),
        "partners": set(comparison.shared_partners),
    }
    marked = False
    rows = []
    for row in comparison.rows:
        cells = [Cell(("≠ " if row.differs else "  ") + row.label, "bold" if row.differs else "")]
        for value in row.values:
            if row.field in shared and value:
                items = []
                for pid in value:
                    mark = "* " if pid in shared[row.field] else ""
                    marked = marked or bool(mark)
                    items.append(mark + names.get(pid, pid))
                cells.append(Cell(lines=items))
            else:
                items = compare_items(value, names)
                cells.append(Cell(lines=items) if items else Cell("—", "dim"))
        rows.append(Row(cells))
    columns = [Column("", wraps=True, gives=0)] + [
        Column(p.name, wraps=True) for p in comparison.profiles
    ]
    lines = table(columns, rows, size)
    note = "≠ marks the rows where the profiles differ."
    if marked:
        note += " * marks memberships (full members only) and partners all of them share."
    return [*lines, [], *paragraph(note, size, "dim")]


# partners


def edges_view(
    edges: Sequence[Edge], names: Mapping[str, str], size: int, focus: str | None = None
) -> list[Line]:
    """Ties grouped by kind; seen from ``focus`` when given (the partner and the relation)."""
    groups: dict[str, list[Edge]] = {}
    for e in edges:
        groups.setdefault(e.kind, []).append(e)
    blocks = []
    for kind in sorted(groups):
        label = _label(kind)
        title = f"{label[:1].upper()}{label[1:]} ({len(groups[kind])})"
        if focus:
            columns = [
                Column("With", wraps=True, gives=0),
                Column("Relation", wraps=True),
                Column("Year"),
            ]
        else:
            columns = [
                Column("Actor", wraps=True, gives=0),
                Column("Partner", wraps=True, gives=0),
                Column("Relation", wraps=True),
                Column("Year"),
            ]
        rows = []
        for e in sorted(groups[kind], key=lambda e: (e.year or 0, e.actor, e.partner)):
            details = [(e.detail, "dim")] if e.detail and kind != "membership" else []
            relation = Cell(_label(e.relation) if kind != "membership" else e.relation)
            if focus:
                cells = [Cell(names.get(e.partner, e.partner)), relation, _year(e.year)]
            else:
                cells = [
                    Cell(names.get(e.actor, e.actor)),
                    Cell(names.get(e.partner, e.partner)),
                    relation,
                    _year(e.year),
                ]
            rows.append(Row(cells, details))
        blocks.append(table(columns, rows, size, title=title))
    if not blocks:
        return [[Segment("No ties recorded.", "dim")]]
    return spaced(blocks)


# timeline


def timeline_view(
    bars: Sequence[YearBar], names: Mapping[str, str], size: int, by: str | None = None
) -> list[Line]:
    """A bar per year (zero included), the count, and who adopted a strategy that year (or the
    count per group)."""
    if not bars:
        return [[Segment("No dated strategies match.", "dim")]]
    widest = max(len(b.actors) for b in bars) or 1
    room = max(10, min(40, size - 20))
    scale = min(1.0, room / widest)
    count_size = len(str(widest))
    lines: list[Line] = []
    for bar in bars:
        n = len(bar.actors)
        length = max(1, round(n * scale)) if n else 0
        lead = f"{bar.year}  "
        line: Line = [
            Segment(lead, "bold"),
            Segment("█" * length, "bar"),
            Segment(" " * (round(widest * scale) - length + 1)),
            Segment(f"{n:>{count_size}}"),
        ]
        lines.append(line)
        if by:
            who = "  ".join(f"{g}: {c}" for g, c in sorted(bar.groups.items()))
        else:
            who = ", ".join(names.get(a, a) for a in bar.actors)
        if who:
            lines += paragraph(who, size, "dim", len(lead))
    return lines


# stats


def stats_view(
    summary: Mapping[str, Any],
    coverage: Sequence[Mapping[str, Any]] | None,
    size: int,
) -> list[Line]:
    """The dataset at a glance, and per field how many profiles know it."""

    def share(key: str) -> str:
        s = summary[key]
        text = f"{s['count']} of {s['of']} ({s['share']:.0%})"
        if s.get("unknown"):
            text += f"; {s['unknown']} unknown (dates not recorded)"
        return text

    def counted(values: Mapping[str, int]) -> str:
        # Non-breaking spaces keep each label with its number when the line wraps.
        return ", ".join(f"{_label(k)}:\u00a0{n}" for k, n in values.items())

    hubs = ", ".join(f"{h['name']}\u00a0({h['partners']})" for h in summary["most_connected"])
    facts = summary["facts"]
    official = summary["facts_with_official_source"]
    lines = pairs(
        [
            ("As at the end of", str(summary["as_of"]) if summary.get("as_of") else ""),
            ("Profiles", str(summary["profiles"])),
            ("By kind", counted(summary["by_kind"])),
            ("By region", counted(summary["by_region"])),
            ("States with a strategy", share("states_with_strategy")),
            ("States with a CERT", share("states_with_established_cert")),
            ("Most connected", hubs),
            ("Facts with a source", f"{summary['facts_with_source']} of {facts}"),
            (
                "Official sources",
                f"{official} of {facts} ({official / facts:.0%})" if facts else "0",
            ),
            ("Reviewed", f"{summary['oldest_review']} to {summary['newest_review']}"),
        ],
        size,
    )
    if coverage is None:
        return lines
    columns = [
        Column("Field", wraps=True),
        Column("Known", right=True),
        Column("Of", right=True),
        Column("Share", right=True),
    ]
    rows = [
        Row([Cell(r["field"]), Cell(r["known"]), Cell(r["of"]), Cell(f"{r['share']:.0%}")])
        for r in coverage
    ]
    return spaced(
        [lines, table(columns, rows, size, title="Coverage: profiles that know each field")]
    )


# map, changes


def map_legend_view(data: MapData, size: int) -> list[Line]:
    """The map's legend with the number of profiles of each value (the picture is written with
    --output FILE.svg or FILE.html)."""
    counts: dict[str, int] = {}
    for value in data.values.values():
        counts[value] = counts.get(value, 0) + 1
    rows = [Row([Cell(c.label), Cell(counts.get(c.key, 0))]) for c in data.legend]
    columns = [Column("Value", wraps=True), Column("Profiles", right=True)]
    hint = "Write the map itself with --output map.html (or map.svg)."
    return [*table(columns, rows, size, title=data.title), [], *paragraph(hint, size, "dim")]


def changes_view(found: Sequence[Release], size: int) -> list[Line]:
    """Each dataset version, newest first, with what it added and corrected."""
    if not found:
        return [[Segment("No changes since then.", "dim")]]
    blocks = []
    for release in found:
        lines = heading(f"{release.version} ({release.date}, package {release.package})", size)
        for label, items in (("Added", release.added), ("Corrected", release.corrected)):
            if items:
                lines.append([Segment(label, "label")])
                for item in items:
                    lines += _bullet(item, size)
        blocks.append(lines)
    return spaced(blocks)


def _bullet(text: str, size: int) -> list[Line]:
    pieces = wrap(text, size - 4)
    return [[Segment("  - " if n == 0 else "    "), Segment(p)] for n, p in enumerate(pieces)]
