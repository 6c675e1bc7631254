"""CSV with a header row; empty cells for unknown values."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence


def render(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return out.getvalue()
