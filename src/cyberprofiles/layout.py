"""Laying out text for people: paragraphs, aligned tables and their narrow-width fallbacks, as
lines of styled segments that ``output`` prints plain (pipes, ``NO_COLOR``) or styled.

The rules, for every width from 40 columns up: a word is never split, a URL never broken, a
name never cut short. Text wraps at spaces; a word longer than the line (a long URL) keeps a line
of its own and runs past the edge, where a terminal shows it whole and it can still be copied.
A table that does not fit first narrows its wrapping columns (never below their longest word),
then leaves out the columns marked optional, and at last stacks each row as labelled lines.
Long text that belongs to a row (a summary, a note) goes under it at the full width.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .terminal import escape_controls, one_line, width

#: Space between table columns.
GAP = "  "
_WORDS = re.compile(r"[^ \t]+")
#: Printable ASCII words with single spaces between them: text ``wrap`` leaves as it is when
#: it fits.
_SIMPLE = re.compile(r"[!-~]+(?: [!-~]+)*")
#: A word that opens with brackets or quotes around a URL, e.g. ``(https://...).``
_OPENED_URL = re.compile(r"([(\[{<«\"'“‘]+)(https?://.+)")


class Segment:
    """A piece of a line: text, a style name (``output`` maps it to colours) and a link."""

    __slots__ = ("link", "style", "text")

    def __init__(self, text: str, style: str = "", link: str | None = None) -> None:
        self.text = text
        self.style = style
        self.link = link

    def __repr__(self) -> str:
        return f"Segment({self.text!r}, {self.style!r})"


Line = list[Segment]


def plain(line: Line) -> str:
    """A line as text, without trailing spaces."""
    return "".join(s.text for s in line).rstrip()


def wrap(text: str, size: int) -> list[str]:
    """``text`` (data: control characters are escaped) wrapped at spaces into lines of at most
    ``size`` cells; a longer word keeps a line to itself. Blank lines are kept."""
    size = max(size, 1)
    out: list[str] = []
    for paragraph in escape_controls(text).split("\n"):
        # Spaces and tabs only: a no-break space (U+00A0) holds a label and its number together.
        words = _WORDS.findall(paragraph)
        if not words:
            out.append("")
            continue
        current = ""
        for word in words:
            opened = _OPENED_URL.fullmatch(word) if width(word) > size else None
            if opened:  # the bracket stays with the text, the URL takes a line of its own
                bracket, word = opened.groups()
                if current and width(current) + 1 + width(bracket) <= size:
                    out.append(current + " " + bracket)
                else:
                    out += [current, bracket] if current else [bracket]
                current = word
                continue
            if not current:
                current = word
            elif width(current) + 1 + width(word) <= size:
                current += " " + word
            else:
                out.append(current)
                current = word
        out.append(current)
    while out and not out[-1]:
        out.pop()
    return out


def fold(text: str, size: int) -> str:
    """``text`` with each line wider than ``size`` cells wrapped at its spaces (``wrap``: never
    inside a word, a path or a URL), its continuations indented two more than it."""
    lines: list[str] = []
    for line in text.split("\n"):
        if width(line) <= size:
            lines.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        pieces = wrap(line.strip(" "), size - len(indent) - 2)
        lines += [indent + "  " * (n > 0) + piece for n, piece in enumerate(pieces)]
    return "\n".join(lines)


def longest_word(text: str) -> int:
    return max((width(w) for w in _WORDS.findall(text)), default=0)


def paragraph(text: str, size: int, style: str = "", indent: int = 0) -> list[Line]:
    """``text`` wrapped to ``size`` cells, each line indented."""
    pad = " " * indent
    return [
        [Segment(pad), Segment(piece, style)] if piece else []
        for piece in wrap(text, size - indent)
    ]


def heading(text: str, size: int) -> list[Line]:
    """A heading, wrapped to ``size`` cells when it is longer (a name is never cut)."""
    return paragraph(one_line(text), size, "heading")


class Cell:
    """A table cell: text, a style, a link. Text from data is one line (a newline in a name is
    shown as ``\\n``, so that it cannot pass for another row); ``lines`` gives a cell one line
    per item of a list."""

    __slots__ = ("link", "style", "text")

    def __init__(
        self,
        text: object = "",
        style: str = "",
        link: str | None = None,
        *,
        lines: Sequence[str] | None = None,
    ) -> None:
        if lines is not None:
            self.text = "\n".join(one_line(item) for item in lines)
        else:
            self.text = "" if text is None else one_line(str(text))
        self.style = style
        self.link = link

    def lines(self, size: int | None = None) -> list[str]:
        whole = self.unwrapped(size)
        if whole is not None:
            return [whole]
        if size is None:
            return self.text.split("\n")
        return wrap(self.text, size) or [""]

    def unwrapped(self, size: int | None = None) -> str | None:
        """The text, if ``lines(size)`` gives it as one line as it is: it has no newline, and
        either is not wrapped (``size`` None), is empty, or is printable ASCII words that fit
        (what ``wrap`` leaves unchanged); else None."""
        text = self.text
        if "\n" in text:
            return None
        if size is None or not text or (len(text) <= size and _SIMPLE.fullmatch(text)):
            return text
        return None

    def natural(self) -> int:
        return max((width(x) for x in self.text.split("\n")), default=0)

    def minimum(self) -> int:
        return longest_word(self.text)


class Column:
    """A table column: its header, whether it is right-aligned, whether its text may wrap, and
    whether it may be left out when the table does not fit."""

    __slots__ = ("gives", "header", "optional", "right", "wraps")

    def __init__(
        self,
        header: str,
        *,
        right: bool = False,
        wraps: bool = False,
        optional: bool = False,
        gives: int = 1,
    ) -> None:
        self.header = header
        self.right = right
        self.wraps = wraps
        #: Left out, last first, when the table cannot fit otherwise.
        self.optional = optional
        #: Of the wrapping columns, those that give more are narrowed first (a name gives 0:
        #: it wraps only when nothing else can).
        self.gives = gives


class Row:
    """A row of cells, and text to print under it (its summary, its note)."""

    __slots__ = ("cells", "details")

    def __init__(self, cells: Sequence[Cell], details: Sequence[tuple[str, str]] = ()) -> None:
        self.cells = list(cells)
        #: (text, style) paragraphs printed under the row, indented.
        self.details = list(details)


class _Measures:
    """Each column's natural width (its widest cell) and its floor (the narrowest it can be:
    its longest word if it wraps, else its natural width), worked out once per table; the
    floors only when a table must wrap to fit, since finding every cell's longest word is the
    dearer half."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Row]) -> None:
        self.columns = columns
        self.rows = rows
        self.naturals: list[int] = []
        for i, column in enumerate(columns):
            natural = width(column.header)
            for row in rows:
                cell = row.cells[i]
                text = cell.text
                if text:
                    natural = max(natural, width(text) if "\n" not in text else cell.natural())
            self.naturals.append(natural)
        self._floors: list[int] | None = None

    @property
    def floors(self) -> list[int]:
        if self._floors is None:
            self._floors = []
            for i, column in enumerate(self.columns):
                if not column.wraps:
                    self._floors.append(self.naturals[i])
                    continue
                floor = longest_word(column.header)
                for row in self.rows:
                    if row.cells[i].text:
                        floor = max(floor, row.cells[i].minimum())
                self._floors.append(floor)
        return self._floors


def _fit(
    columns: Sequence[Column], keep: Sequence[int], measures: _Measures, size: int, wraps: bool
) -> list[int] | None:
    """Widths for the columns ``keep`` that fit in ``size``: natural widths, then (if
    ``wraps``) wrapping columns narrowed, the widest first, never below their longest word.
    None when they cannot fit."""
    sizes = [measures.naturals[i] for i in keep]
    floors = [measures.floors[i] if wraps else measures.naturals[i] for i in keep]
    chosen = [columns[i] for i in keep]
    excess = sum(sizes) + len(GAP) * (len(sizes) - 1) - size
    while excess > 0:
        shrinkable = [n for n, c in enumerate(chosen) if wraps and c.wraps and sizes[n] > floors[n]]
        if not shrinkable:
            return None
        most = max(chosen[n].gives for n in shrinkable)
        shrinkable = [n for n in shrinkable if chosen[n].gives == most]
        widest = max(shrinkable, key=lambda n: sizes[n])
        others = [sizes[n] for n in shrinkable if n != widest]
        target = max(floors[widest], max(others, default=0), sizes[widest] - excess)
        if target >= sizes[widest]:
            target = sizes[widest] - 1
        excess -= sizes[widest] - target
        sizes[widest] = target
    return sizes


def table(
    columns: Sequence[Column],
    rows: Sequence[Row],
    size: int,
    *,
    title: str | None = None,
    detail_indent: int = 2,
    wrap_first: bool = True,
) -> list[Line]:
    """A table laid out for ``size`` columns (see the module's rules). With
    ``wrap_first=False`` optional columns are left out before any cell wraps: one line per
    row matters more there than every column."""
    # A column with nothing in it (no row has an area, say) is left out.
    keep = [i for i in range(len(columns)) if any(r.cells[i].text for r in rows)] or [0]
    out: list[Line] = heading(title, size) if title else []
    measures = _Measures(columns, rows)
    attempts = [False, True] if not wrap_first else [True]
    for wraps in attempts:
        trial = list(keep)
        while True:
            sizes = _fit(columns, trial, measures, size, wraps)
            if sizes is not None:
                chosen = [columns[i] for i in trial]
                if not wraps:
                    chosen = [Column(c.header, right=c.right) for c in chosen]
                picked = [Row([r.cells[i] for i in trial], r.details) for r in rows]
                return out + _grid(chosen, picked, sizes, size, detail_indent)
            optional = [i for i in trial if columns[i].optional]
            if not optional:
                break
            trial.remove(optional[-1])
        keep = trial if not wraps else keep
    final = [i for i in keep if not columns[i].optional] or keep
    picked = [Row([r.cells[i] for i in final], r.details) for r in rows]
    return out + stacked([columns[i] for i in final], picked, size)


def _grid(
    columns: Sequence[Column], rows: Sequence[Row], sizes: Sequence[int], size: int, indent: int
) -> list[Line]:
    lines: list[Line] = []
    titles = [wrap(c.header, sizes[i]) if c.wraps else [c.header] for i, c in enumerate(columns)]
    for n in range(max(len(t) for t in titles)):
        header: Line = []
        for i, column in enumerate(columns):
            if i:
                header.append(Segment(GAP))
            text = titles[i][n] if n < len(titles[i]) else ""
            header.append(Segment(_pad(text, sizes[i], column.right), "header"))
        lines.append(header)
    lines.append([Segment("─" * (sum(sizes) + len(GAP) * (len(sizes) - 1)), "rule")])
    limits = [sizes[i] if c.wraps else None for i, c in enumerate(columns)]
    for row in rows:
        direct = _one_line_row(columns, row, sizes, limits)
        if direct is not None:
            lines.append(direct)
            for text, style in row.details:
                lines += paragraph(text, size, style, indent)
            continue
        cells = [cell.lines(limits[i]) for i, cell in enumerate(row.cells)]
        for n in range(max(len(c) for c in cells)):
            line: Line = []
            for i, column in enumerate(columns):
                if i:
                    line.append(Segment(GAP))
                text = cells[i][n] if n < len(cells[i]) else ""
                cell = row.cells[i]
                piece = _pad(text, sizes[i], column.right)
                link = cell.link if text else None
                last = line[-1] if line else None
                if last is not None and not last.style and not cell.style and not link:
                    last.text += piece  # one segment for a run of unstyled cells
                else:
                    line.append(Segment(piece, cell.style, link))
            lines.append(line)
        for text, style in row.details:
            lines += paragraph(text, size, style, indent)
    return lines


def _one_line_row(
    columns: Sequence[Column], row: Row, sizes: Sequence[int], limits: Sequence[int | None]
) -> Line | None:
    """A row whose every cell is one line that needs no wrapping (most rows of most tables),
    laid out directly; None for any other row. Unstyled cells and the gaps between them make
    one segment, which prints the same as several."""
    pieces: list[str] = []  # the unstyled text since the last styled cell
    line: Line = []
    for i, cell in enumerate(row.cells):
        text = cell.unwrapped(limits[i])
        if text is None:
            return None
        if i:
            pieces.append(GAP)
        gap = " " * (sizes[i] - width(text))
        piece = gap + text if columns[i].right else text + gap
        link = cell.link if text else None
        if cell.style or link:
            if pieces:
                line.append(Segment("".join(pieces)))
                pieces = []
            line.append(Segment(piece, cell.style, link))
        else:
            pieces.append(piece)
    if pieces:
        line.append(Segment("".join(pieces)))
    return line


def stacked(columns: Sequence[Column], rows: Sequence[Row], size: int) -> list[Line]:
    """Each row as lines: its first cell, then ``Header: value`` for the others, then its
    details; for widths where no table fits."""
    lines: list[Line] = []
    for n, row in enumerate(rows):
        if n:
            lines.append([])
        first = row.cells[0]
        for piece in first.lines(size):
            lines.append([Segment(piece, "bold", first.link)])
        for column, cell in zip(columns[1:], row.cells[1:], strict=True):
            if not cell.text:
                continue
            label = f"  {column.header}: " if column.header else "  "
            pieces = wrap(cell.text.replace("\n", ", "), size - width(label))
            for k, piece in enumerate(pieces):
                lead = label if k == 0 else " " * width(label)
                lines.append([Segment(lead, "label"), Segment(piece, cell.style, cell.link)])
        for text, style in row.details:
            lines += paragraph(text, size, style, 4)
    return lines


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def pairs(items: Iterable[tuple[str, str]], size: int, style: str = "") -> list[Line]:
    """``label  value`` lines, labels aligned, values wrapped beside them (or under them when
    the width leaves too little room)."""
    items = [(label, value) for label, value in items if value]
    if not items:
        return []
    label_size = max(width(label) for label, _ in items) + 2
    lines: list[Line] = []
    for label, value in items:
        room = size - label_size
        if room < 20:
            lines.append([Segment(label, "label")])
            lines += paragraph(value, size, style, 2)
            continue
        for k, piece in enumerate(wrap(value, room)):
            lead = _pad(label if k == 0 else "", label_size, False)
            lines.append([Segment(lead, "label" if k == 0 else ""), Segment(piece, style)])
    return lines


def spaced(blocks: Iterable[list[Line]]) -> list[Line]:
    """Blocks of lines with a blank line between them (empty blocks left out)."""
    out: list[Line] = []
    for block in blocks:
        if not block:
            continue
        if out:
            out.append([])
        out += block
    return out
