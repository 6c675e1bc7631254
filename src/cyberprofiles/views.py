"""Rich views of profiles for people at a terminal.

Text from data files is data: every string from a profile is wrapped in ``rich.text.Text`` (never
parsed as markup) after its control characters are escaped, so ``[bold]`` or an escape sequence in a
summary prints literally.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from .dataset import Dataset
from .models import Profile
from .terminal import escape_controls


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


def profile_view(profile: Profile, dataset: Dataset, origin: Path | None = None) -> RenderableType:
    """The full profile: identity, documents, CERT, memberships, cooperation, sources."""
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
                text(d.kind, "bold" if d.is_strategy else ""),
                title,
                text(d.period),
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
            label = (
                dataset.profiles[m.organisation].name
                if m.organisation in dataset.profiles
                else m.organisation
            )
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
            profile.cooperation, key=lambda c: (_name(dataset, c.partner), c.year or 0)
        ):
            partner = text(_name(dataset, c.partner))
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
            partners = ", ".join(_name(dataset, p) for p in i.partners)
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
            forum = _name(dataset, pos.forum) if pos.forum else ""
            table.add_row(
                unknown(pos.year), text(forum), text(pos.summary), sources.cite(pos.source)
            )
        parts.append(table)

    for url in profile.sources:
        sources.cite(url)
    listing = Text("Sources\n", style="bold")
    for n, url in enumerate(sources.urls, 1):
        listing.append(f"[{n}] ", style="cyan")
        listing.append(text(url))
        listing.append("\n")
    parts.append(listing)
    return Group(*_spaced(parts))


_TREATY_NAMES = {"budapest-convention": "Budapest Convention on Cybercrime"}


def _name(dataset: Dataset, profile_id: str) -> str:
    found = dataset.profiles.get(profile_id)
    return found.name if found else profile_id


def _identity(profile: Profile, origin: Path | None, sources: _Sources) -> RenderableType:
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
    grid.add_row(Text("Reviewed"), text(profile.reviewed.isoformat()))
    if origin is not None:
        grid.add_row(Text("Data file"), text(origin))
    parts: list[RenderableType] = [head, grid]
    if profile.summary:
        parts.append(text(profile.summary.strip()))
    return Group(*parts)


def _certs(profile: Profile, sources: _Sources) -> RenderableType:
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
        table.add_row(
            status, name, unknown(team.host), unknown(team.year), sources.cite(team.source)
        )
    return table


def _spaced(parts: Iterable[RenderableType]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for part in parts:
        if out:
            out.append(Text(""))
        out.append(part)
    return out


def list_table(profiles: Sequence[Profile], dataset: Dataset) -> Table:
    """One line per profile: name, region, first and latest strategy year, CERT, partner count."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column, justify in (
        ("Name", "left"),
        ("Region", "left"),
        ("First", "right"),
        ("Latest", "right"),
        ("CERT", "left"),
        ("Partners", "right"),
    ):
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for p in profiles:
        cert = p.cert.status if not p.cert.acronym else f"{p.cert.status}: {p.cert.acronym}"
        table.add_row(
            text(p.name),
            text(p.subregion or p.region or p.kind),
            text(p.first_strategy_year or "-"),
            text(p.latest_strategy_year or "-"),
            text(cert, "green" if p.cert.status == "established" else ""),
            text(len(dataset.partners_of(p.id))),
        )
    return table
