"""JSON: the result's document, indented; the default for scripts (``| jq``).

Large documents are written one compact record per line (still one JSON array), because
indenting uses Python's slower encoder. Characters a terminal would obey (C1 controls) or that
would hide text (direction overrides, the line separators) are written as ``\\u`` escapes: the
same JSON value, safe to print.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from . import Options, Result, is_array

#: Above this many records, write one compact record per line instead of indenting.
INDENT_UP_TO = 1000
_UNSAFE = re.compile("[\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def _safe(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(value: Any, indent: int | None = None) -> str:
    """``value`` as JSON text: UTF-8 kept readable, unsafe characters escaped, no NaN."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(
        value, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False
    )
    return text if text.isascii() else _safe(text)


def chunks(result: Result, options: Options) -> Iterator[str]:
    """The JSON text of the result's document, in pieces to write one after another."""
    document = result.document()
    if not is_array(document) or len(document) <= INDENT_UP_TO:
        yield dumps(list(document) if is_array(document) else document, indent=2) + "\n"
        return
    yield "["
    for i, record in enumerate(compact(document)):
        yield ("\n" if i == 0 else ",\n") + record
    yield "\n]\n"


def compact(records: Iterable[Any]) -> Iterator[str]:
    """Each of ``records`` as compact JSON text, as ``dumps`` writes it; records that come as
    JSON text already (``profile.Records``) are passed through, made safe, not decoded again."""
    texts = getattr(records, "texts", None)
    if texts is None:
        yield from (dumps(record) for record in records)
        return
    for text in texts():
        yield text if text.isascii() else _safe(text)
