"""Find the line of a key in TOML text, so that data errors can say ``file:line``.

``tomllib`` gives values but not positions; this scanner maps table headers and ``key =`` lines to
line numbers, which is all an error message needs. It understands the subset of TOML the profiles
use (tables, arrays of tables, dotted headers, multi-line strings) and falls back to the nearest
enclosing table when a key is missing.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r'^\s*([A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\')\s*=')

Path = tuple[str | int, ...]


def key_lines(text: str) -> dict[Path, int]:
    """Map every table path and key path in ``text`` to its 1-based line number."""
    positions: dict[Path, int] = {}
    counters: dict[tuple[str, ...], int] = {}
    table: Path = ()
    in_multiline = False
    # TOML ends lines at \n only: str.splitlines would also split at U+2028 and U+0085 inside a
    # string and shift every line number after it.
    for lineno, line in enumerate(text.split("\n"), 1):
        quotes = line.count('"""') + line.count("'''")
        if in_multiline:
            in_multiline = quotes % 2 == 0
            continue
        header = _HEADER.match(line)
        if header:
            names = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
            if header.group(1) == "[[":
                index = counters.get(names, -1) + 1
                counters[names] = index
                table = (*names, index)
            else:
                table = names
            positions.setdefault(table, lineno)
        else:
            key = _KEY.match(line)
            if key:
                positions.setdefault((*table, key.group(1).strip("\"'")), lineno)
        if quotes % 2 == 1:
            in_multiline = True
    return positions


def line_of(positions: dict[Path, int], loc: Path) -> int | None:
    """The line of ``loc`` (a Pydantic error location), or of its nearest enclosing table."""
    for end in range(len(loc), 0, -1):
        found = positions.get(tuple(loc[:end]))
        if found is not None:
            return found
    return None
