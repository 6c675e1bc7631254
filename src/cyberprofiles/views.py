"""Rich views of profiles for people at a terminal.

Text from data files is data: every string from a profile is wrapped in ``rich.text.Text`` (never
parsed as markup) after its control characters are escaped, so ``[bold]`` or an escape sequence in a
summary prints literally.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.text import Text

from .formats import text as plain
from .terminal import escape_controls
from .vocabulary import is_adopted_strategy, period

if TYPE_CHECKING:
    from rich.table import Table

    from .models import Profile


def text(value: object, style: str = "") -> Text:
    """Data as inert Rich text: no markup, control characters escaped, ``None`` as empty."""
    return Text("" if value is None else escape_controls(str(value)), style=style)


def unknown(value: object) -> Text:
    return text(value) if value not in (None, "") else Text("unknown", style="dim italic")


def make_console(stderr: bool = False) -> Console:
    """A console that colours only a terminal and honours ``NO_COLOR`` (Rich reads it)."""
    return Console(stderr=stderr, highlight=False, emoji=False, markup=False)


class _Sources:
    """Numbers each distinct source URL so tables can cite them as ``[n]``."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def cite(self, url: str | None) -> Text:
        if not url:
            return Text("")
        if url not in self.urls:
            self.urls.append(url)
        return Text(f"[{self.urls.index(url) + 1}]", style="cyan")


def _table(title: str, *columns: str) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        expand=False,
    )
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


class Record:
    """Read-only attribute access to a profile's JSON record (``profile.documents[0].title``),
    so that ``show`` draws a profile from the cached record without importing Pydantic to
    decode the model. Views read only fields both share, or work derived values out themselves.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        try:
            return _wrapped(self._data[name])
        except KeyError:
            raise AttributeError(name) from None


def _wrapped(value: Any) -> Any:
    if isinstance(value, dict):
        return Record(value)
    if isinstance(value, list):
        return [_wrapped(v) for v in value]
    return value


def print_profile(
    console: Console,
    profile: Profile | Record,
    names: Mapping[str, str],
    origin: Path | None = None,
) -> None:
    """Print the full profile; the numbered sources come last, each URL whole on its line."""
    body, sources = profile_view(profile, names, origin)
    console.print(body)
    console.print(Text("Sources", style="bold"))
    for n, url in enumerate(sources, 1):
        line = Text(f"[{n}] ", style="cyan")
        line.append(text(url))
        console.print(line, soft_wrap=True)


def profile_view(
    profile: Profile | Record, names: Mapping[str, str], origin: Path | None = None
) -> tuple[RenderableType, list[str]]:
    """The full profile (identity, documents, CERT, memberships, cooperation...) and the source
    URLs its ``[n]`` marks refer to, in order."""
    sources = _Sources()
    parts: list[RenderableType] = [_identity(profile, origin, sources)]

    if profile.documents:
        table = _table("Strategies and laws", "Year", "Kind", "Title", "Period", "Status", "Src")
        for d in sorted(profile.documents, key=lambda d: (d.year is None, d.year or 0)):
            title = text(d.title)
            if d.note:
                title.append("\n")
                title.append(text(d.note, style="dim"))
            table.add_row(
                unknown(d.year),
                text(d.kind, "bold" if is_adopted_strategy(d.kind, d.status) else ""),
                title,
                text(period(d.valid_from, d.valid_until)),
                text(d.status),
                sources.cite(d.source),
            )
        parts.append(table)
    else:
        parts.append(Text("No strategy or law recorded.", style="dim"))

    parts.append(_certs(profile, sources))

    if profile.memberships or profile.treaties:
        table = _table(
            "Memberships and treaties", "Organisation / treaty", "Status", "Since", "Src"
        )
        for m in profile.memberships:
            label = names.get(m.organisation, m.organisation)
            status = m.status if m.until is None else f"{m.status} (until {m.until})"
            table.add_row(text(label), text(status), unknown(m.year), sources.cite(m.source))
        for t in profile.treaties:
            status = t.status if t.signed is None else f"{t.status} (signed {t.signed})"
            table.add_row(
                text(_TREATY_NAMES[t.treaty]), text(status), unknown(t.year), sources.cite(t.source)
            )
        parts.append(table)

    if profile.cooperation:
        table = _table("Cooperation", "Partner", "Year", "Kind", "What", "Src")
        for c in sorted(
            profile.cooperation, key=lambda c: (names.get(c.partner, c.partner), c.year or 0)
        ):
            partner = text(names.get(c.partner, c.partner))
            if c.partner_detail:
                partner.append("\n")
                partner.append(text(c.partner_detail, style="dim"))
            what = text(c.title, "bold") if c.title else Text()
            if c.title:
                what.append("\n")
            what.append(text(c.summary))
            if c.amount is not None:
                what.append(text(f" ({c.amount:,.0f} {c.currency or ''})".rstrip()))
            kind = c.kind if c.direction == "mutual" else f"{c.kind} ({c.direction})"
            table.add_row(partner, unknown(c.year), text(kind), what, sources.cite(c.source))
        parts.append(table)

    if profile.initiatives:
        table = _table("Initiatives", "Name", "Year", "Partners", "What", "Src")
        for i in profile.initiatives:
            name = text(i.name) if not i.acronym else text(f"{i.name} ({i.acronym})")
            partners = ", ".join(names.get(p, p) for p in i.partners)
            table.add_row(
                name, unknown(i.year), text(partners), text(i.summary), sources.cite(i.source)
            )
        parts.append(table)

    if profile.critical_infrastructure:
        table = _table("Critical infrastructure", "Framework", "Year", "What", "Src")
        for ci in profile.critical_infrastructure:
            table.add_row(
                text(ci.title), unknown(ci.year), text(ci.summary), sources.cite(ci.source)
            )
        parts.append(table)

    if profile.positions:
        table = _table("Positions", "Year", "Forum", "Position", "Src")
        for pos in profile.positions:
            forum = names.get(pos.forum, pos.forum) if pos.forum else ""
            table.add_row(
                unknown(pos.year), text(forum), text(pos.summary), sources.cite(pos.source)
            )
        parts.append(table)

    for url in profile.sources:
        sources.cite(url)
    return Group(*_spaced(parts), Text("")), sources.urls


_TREATY_NAMES = {"budapest-convention": "Budapest Convention on Cybercrime"}


def _identity(profile: Profile | Record, origin: Path | None, sources: _Sources) -> RenderableType:
    from rich.table import Table

    head = Text()
    head.append(text(profile.name, "bold underline"))
    if profile.official_name and profile.official_name != profile.name:
        head.append("  ")
        head.append(text(profile.official_name, "italic"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row(Text("Id"), text(profile.id))
    grid.add_row(Text("Kind"), text(profile.kind))
    if profile.iso2 or profile.iso3:
        grid.add_row(
            Text("ISO codes"), text(" / ".join(c for c in (profile.iso2, profile.iso3) if c))
        )
    if profile.region or profile.subregion:
        region = " / ".join(r for r in (profile.region, profile.subregion) if r)
        grid.add_row(Text("Region"), text(region))
    if profile.aliases:
        grid.add_row(Text("Also known as"), text(", ".join(profile.aliases)))
    grid.add_row(Text("Reviewed"), text(str(profile.reviewed)))  # a date, or its ISO string
    if origin is not None:
        grid.add_row(Text("Data file"), text(origin))
    parts: list[RenderableType] = [head, grid]
    if profile.summary:
        parts.append(text(profile.summary.strip()))
    return Group(*parts)


def _certs(profile: Profile | Record, sources: _Sources) -> RenderableType:
    table = _table("National CERT/CSIRT", "Status", "Name", "Host", "Since", "Src")
    for i, team in enumerate([profile.cert, *profile.other_csirts]):
        name = text(team.name or "")
        if team.acronym:
            name.append(text(f" ({team.acronym})"))
        if team.website:
            name.append("\n")
            name.append(text(team.website, "dim"))
        if team.summary:
            name.append("\n")
            name.append(text(team.summary, "dim"))
        status = text(team.status, "bold green" if team.status == "established" else "")
        if i > 0:
            status = text(f"other team: {team.status}")
        cited = sources.cite(team.source)
        if team.year_source and team.year_source != team.source:
            cited.append(" ")
            cited.append_text(sources.cite(team.year_source))
        table.add_row(status, name, unknown(team.host), unknown(team.year), cited)
    return table


def _spaced(parts: Iterable[RenderableType]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for part in parts:
        if out:
            out.append(Text(""))
        out.append(part)
    return out


def list_table(entries: Sequence[Any], width: int | None = None) -> RenderableType:
    """One line per profile: name, region, first and latest strategy year, CERT, partner count.

    The lines are laid out here, as pre-aligned text, which is many times faster than Rich's
    table engine measuring every cell; in a narrow terminal the CERT, region and name columns
    are cut with an ellipsis (as gh does), and only when even that cannot fit does a Rich table
    wrap the cells.
    """
    rows = plain.list_rows(entries)
    sizes = plain.widths(plain.LIST_HEADERS, rows)
    fitted = sizes if width is None else plain.fit(sizes, width, plain.LIST_SHRINK)
    if fitted is not None:
        if fitted != sizes:  # cut the cells that do not fit, with an ellipsis
            rows = [tuple(plain.clip(c, fitted[i]) for i, c in enumerate(r)) for r in rows]
        return _aligned(plain.LIST_HEADERS, rows, fitted, plain.LIST_RIGHT)
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for i, (header, is_right) in enumerate(zip(plain.LIST_HEADERS, plain.LIST_RIGHT, strict=True)):
        # Names stay whole; the other columns fold to make room.
        table.add_column(
            header, justify="right" if is_right else "left", overflow="fold", no_wrap=i == 0
        )
    for cells in rows:
        table.add_row(*(_cert_cell(c) if i == 4 else Text(c) for i, c in enumerate(cells)))
    return table


def _cert_cell(value: str) -> Text:
    return Text(value, "green" if value.startswith("established") else "")


def _aligned(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    sizes: Sequence[int],
    right: Sequence[bool],
) -> Text:
    """A simple table as one Text: bold header, a rule, then padded rows (cells are plain text,
    already free of control characters); an established CERT is green."""
    from rich.text import Span

    body = plain.table(headers, rows, right, sizes)[:-1]  # without the final newline
    header, rule, *lines = body.split("\n")
    spans = [Span(0, len(header), "bold")]
    position = len(header) + 1 + len(rule) + 1  # where the first row starts
    for cells, line in zip(rows, lines, strict=True):
        if cells[4].startswith("established"):
            first = plain.padded(cells[:5], sizes, right)  # up to the CERT cell
            start = position + sum(len(c) for c in first[:4]) + 4 * len(plain.GAP)
            spans.append(Span(start, start + len(first[4]), "green"))
        position += len(line) + 1
    return Text(body, spans=spans, no_wrap=True, overflow="ellipsis")


def highlighted(snippet: str, highlights: Sequence[tuple[int, int]]) -> Text:
    """A snippet with its matches in bold yellow; every piece escaped as data."""
    out = Text()
    cursor = 0
    for start, end in highlights:
        if start < cursor:
            continue
        out.append(text(snippet[cursor:start]))
        out.append(text(snippet[start:end], "bold yellow"))
        cursor = end
    out.append(text(snippet[cursor:]))
    return out


def search_view(hits: Sequence[Any]) -> RenderableType:
    """Ranked hits as a compact list: rank, name, score and matched fields, then the best
    snippet, indented, with its matches highlighted."""
    from rich.padding import Padding

    parts: list[RenderableType] = []
    for rank, hit in enumerate(hits, 1):
        head = Text(f"{rank:>3}  ", style="dim")
        head.append(text(hit.name, "bold"))
        head.append(f"  score {hit.score}", style="cyan")
        fields = [path for path, _ in hit.fields[:3]]
        more = f", +{len(hit.fields) - 3} more" if len(hit.fields) > 3 else ""
        head.append(text("  in " + ", ".join(fields) + more, "dim"))
        best = hit.best
        parts += [head, Padding(highlighted(best.snippet, best.highlights), (0, 0, 1, 5))]
    return Group(*parts)


def _cell(value: object) -> Text:
    if value is None or value == []:
        return Text("—", style="dim")
    if isinstance(value, dict):
        if "title" in value:
            year = value.get("year")
            return text(f"{value['title']} ({year if year is not None else 'year unknown'})")
        return text(", ".join(f"{v}" for v in value.values() if v is not None))
    if isinstance(value, list):
        return text("\n".join(_cell(v).plain for v in value))
    return text(value)


def compare_table(comparison: Any, names: Mapping[str, str]) -> RenderableType:
    """Profiles side by side; rows that differ in bold, shared memberships/partners marked *."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_lines=True)
    table.add_column("")
    for entry in comparison.entries:
        table.add_column(text(entry.name), overflow="fold")
    shared = set(comparison.shared_memberships) | set(comparison.shared_partners)
    for row in comparison.rows:
        label = text(("≠ " if row.differs else "  ") + row.label, "bold" if row.differs else "dim")
        cells = []
        for value in row.values:
            if row.field in ("memberships", "partners"):
                cell = Text()
                for n, pid in enumerate(value):
                    if n:
                        cell.append("\n")
                    mark = "* " if pid in shared else ""
                    cell.append(text(mark + names.get(pid, pid), "green" if mark else ""))
                cells.append(cell if value else Text("—", style="dim"))
            else:
                cells.append(_cell(value))
        table.add_row(label, *cells)
    note = Text(
        "Bold rows differ; * marks memberships and partners all of them share.", style="dim"
    )
    return Group(table, note)


def edges_table(
    edges: Sequence[Any], names: Mapping[str, str], focus: str | None = None
) -> RenderableType:
    """Edges grouped by kind; with ``focus``, the other side of each edge and its direction."""
    groups: dict[str, list[Any]] = {}
    for e in edges:
        groups.setdefault(e.kind, []).append(e)
    parts: list[RenderableType] = []
    for kind in sorted(groups):
        table = _table(kind.replace("-", " ").capitalize(), "Actor", "Partner", "Year", "Detail")
        if focus:
            table = _table(
                kind.replace("-", " ").capitalize(), "With", "Direction", "Year", "Detail"
            )
        for e in sorted(groups[kind], key=lambda e: (e.year or 0, e.actor, e.partner)):
            if focus:
                other = e.partner if e.actor == focus else e.actor
                direction = (
                    "recorded by this profile" if e.actor == focus else "recorded by the partner"
                )
                table.add_row(
                    text(names.get(other, other)),
                    text(direction, "dim"),
                    unknown(e.year),
                    text(e.detail),
                )
            else:
                table.add_row(
                    text(names.get(e.actor, e.actor)),
                    text(names.get(e.partner, e.partner)),
                    unknown(e.year),
                    text(e.detail),
                )
        parts.append(table)
    if not parts:
        parts.append(Text("No cooperation recorded.", style="dim"))
    return Group(*_spaced(parts))


def timeline_chart(
    bars: Sequence[Any], names: Mapping[str, str], by: str | None = None
) -> RenderableType:
    """A bar per year, with the count and who adopted a strategy that year."""
    from rich.table import Table

    if not bars:
        return Text("No dated strategies match.", style="dim")
    widest = max(len(b.actors) for b in bars)
    scale = min(1.0, 40 / widest)
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold")
    table.add_column(no_wrap=True)
    table.add_column(justify="right")
    table.add_column(overflow="fold")
    for bar in bars:
        length = max(1, round(len(bar.actors) * scale))
        who = ", ".join(names.get(a, a) for a in bar.actors)
        if by:
            who = "  ".join(f"{g}: {n}" for g, n in sorted(bar.groups.items()))
        table.add_row(
            Text(str(bar.year)),
            Text("█" * length, style="cyan"),
            Text(str(len(bar.actors))),
            text(who),
        )
    return table


def stats_view(
    summary: dict[str, Any], coverage: Sequence[dict[str, Any]] | None = None
) -> RenderableType:
    """The dataset at a glance."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row(Text("Profiles"), Text(str(summary["profiles"])))
    grid.add_row(
        Text("By kind"), text(", ".join(f"{k}: {n}" for k, n in summary["by_kind"].items()))
    )
    grid.add_row(
        Text("By region"), text(", ".join(f"{k}: {n}" for k, n in summary["by_region"].items()))
    )
    for key, label in (
        ("states_with_strategy", "States with a strategy"),
        ("states_with_established_cert", "States with a CERT"),
    ):
        s = summary[key]
        grid.add_row(Text(label), Text(f"{s['count']} of {s['of']} ({s['share']:.0%})"))
    hubs = ", ".join(f"{h['id']} ({h['partners']})" for h in summary["most_connected"])
    grid.add_row(Text("Most connected"), text(hubs))
    grid.add_row(
        Text("Facts with a source"), Text(f"{summary['facts_with_source']} of {summary['facts']}")
    )
    grid.add_row(
        Text("Reviewed"), text(f"{summary['oldest_review']} to {summary['newest_review']}")
    )
    parts: list[RenderableType] = [grid]
    if coverage is not None:
        table = _table("Coverage: profiles that know each field", "Field", "Known", "Of", "Share")
        for row in coverage:
            table.add_row(
                text(row["field"]),
                Text(str(row["known"])),
                Text(str(row["of"])),
                Text(f"{row['share']:.0%}"),
            )
        parts.append(table)
    return Group(*_spaced(parts))
