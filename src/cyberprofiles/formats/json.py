"""A JSON array: the default for scripts (``| jq``).

Small results are indented for reading. Large ones are written one compact record per line,
streamed, because indenting uses Python's slow encoder and would hold the whole text in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

#: Above this many records, write one compact record per line instead of indenting.
INDENT_UP_TO = 1000


def chunks(records: Sequence[object]) -> Iterator[str]:
    """The JSON text of ``records``, in pieces to write one after another."""
    if len(records) <= INDENT_UP_TO:
        yield json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"
        return
    yield "["
    for i, record in enumerate(records):
        yield ("\n" if i == 0 else ",\n") + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def render(records: Sequence[object]) -> str:
    return "".join(chunks(records))
