"""CSV with a header row; an unknown value is an empty cell, true and false are ``true`` and
``false``, a list is its items joined by ``;``.

With ``safe=True`` (``--csv-safe``) a cell that a spreadsheet would run as a formula (one that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
apostrophe, the guard OWASP recommends; off by default, because it changes the data.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from typing import Any

from . import Options, Result

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any, safe: bool = False) -> str:
    """One value as CSV cell text."""
    if type(value) is str:  # most cells: tested first
        text = value
    elif value is None:
        return ""
    elif value is True or value is False:
        return "true" if value else "false"
    elif isinstance(value, (list, tuple)):
        return ";".join(cell(v) for v in value)
    else:
        text = str(value)
    if safe and text.startswith(_FORMULA) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def chunks(result: Result, options: Options) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = result.columns
    writer.writerow(columns)
    safe = options.csv_safe
    plain = getattr(result, "plain_rows", None)
    rows: Iterator[Any]
    if plain is not None and not safe:
        # Cells that are already text, whole numbers or None need no conversion: the csv module
        # writes them as ``cell`` would.
        rows = iter(plain())
    else:
        rows = ([cell(row.get(c), safe) for c in columns] for row in result.rows())
    while batch := list(itertools.islice(rows, 4096)):
        writer.writerows(batch)
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    if out.tell():  # the header of a result without rows
        yield out.getvalue()
