"""Plain aligned text, for people reading output that is not going to a terminal (a pipe, a
file): the same columns as the terminal table, without colour or Rich (which is not loaded)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

GAP = "   "


def width(value: str) -> int:
    """Terminal cells ``value`` takes: wide East Asian characters take two."""
    if value.isascii():
        return len(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)


def widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    return [max([width(h), *(width(r[i]) for r in rows)]) for i, h in enumerate(headers)]


def pad(value: str, size: int, right: bool) -> str:
    gap = " " * (size - width(value))
    return gap + value if right else value + gap


def fit(
    sizes: list[int], limit: int, shrinkable: Sequence[int], floor: int = 8
) -> list[int] | None:
    """Column widths that fit in ``limit``, narrowing the widest of the ``shrinkable`` columns one
    cell at a time (never below ``floor``); None when even that is too wide."""
    sizes = list(sizes)
    excess = sum(sizes) + len(GAP) * (len(sizes) - 1) - limit
    while excess > 0:
        widest = max(shrinkable, key=lambda i: sizes[i])
        if sizes[widest] <= floor:
            return None
        sizes[widest] -= 1
        excess -= 1
    return sizes


def clip(value: str, size: int) -> str:
    """``value`` cut to ``size`` cells, with an ellipsis when cut."""
    if width(value) <= size:
        return value
    out = ""
    for char in value:
        if width(out + char) > size - 1:
            break
        out += char
    return out + "…"


def padded(cells: Sequence[str], sizes: Sequence[int], right: Sequence[bool]) -> list[str]:
    """Each cell padded to its column's size."""
    return [pad(c, sizes[i], right[i]) for i, c in enumerate(cells)]


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[bool],
    sizes: Sequence[int] | None = None,
) -> str:
    """A header, a rule and the rows, columns padded to ``sizes`` (by default, to their widest
    cell; cells must already fit)."""
    if sizes is None:
        sizes = widths(headers, rows)
    lines = [GAP.join(padded(headers, sizes, right)).rstrip()]
    lines.append("─" * (sum(sizes) + len(GAP) * (len(sizes) - 1)))
    lines += [GAP.join(padded(cells, sizes, right)).rstrip() for cells in rows]
    return "\n".join(lines) + "\n"


LIST_HEADERS = ("Name", "Region", "First", "Latest", "CERT", "Partners")
LIST_RIGHT = (False, False, True, True, False, True)
#: Columns of the list table that may be narrowed to fit a terminal: Name, Region, CERT.
LIST_SHRINK = (0, 1, 4)


def list_rows(entries: Sequence[object]) -> list[tuple[str, ...]]:
    """The cells of the list table, one tuple per catalog entry, control characters escaped."""
    from ..terminal import escape_controls

    rows = []
    for entry in entries:
        row = entry.row  # type: ignore[attr-defined]
        status = row["cert_status"]
        cert = status if not row["cert_acronym"] else f"{status}: {row['cert_acronym']}"
        rows.append(
            (
                escape_controls(row["name"]),
                escape_controls(row["subregion"] or row["region"] or row["kind"]),
                str(row["first_strategy_year"] or "-"),
                str(row["latest_strategy_year"] or "-"),
                escape_controls(cert),
                str(row["partner_count"]),
            )
        )
    return rows


def list_text(entries: Sequence[object]) -> str:
    return table(LIST_HEADERS, list_rows(entries), LIST_RIGHT)


def search_text(hits: Sequence[object]) -> str:
    """Ranked hits: rank, name, score and matched fields, then the best snippet, indented."""
    from ..terminal import escape_controls

    out = []
    for rank, hit in enumerate(hits, 1):
        matched = hit.fields  # type: ignore[attr-defined]
        fields = ", ".join(path for path, _ in matched[:3])
        more = f", +{len(matched) - 3} more" if len(matched) > 3 else ""
        name = escape_controls(hit.name)  # type: ignore[attr-defined]
        out.append(f"{rank:>3}  {name}  score {hit.score}  in {fields}{more}")  # type: ignore[attr-defined]
        out.append("     " + escape_controls(hit.best.snippet))  # type: ignore[attr-defined]
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
