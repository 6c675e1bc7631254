"""Newline-delimited JSON: one compact object per line, for streaming tools."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence


def chunks(records: Sequence[object]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def render(records: Sequence[object]) -> str:
    return "".join(chunks(records))
