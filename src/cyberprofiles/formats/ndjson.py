"""Newline-delimited JSON: the records of the JSON document, one compact object per line."""

from __future__ import annotations

from collections.abc import Iterator

from . import Options, Result, records
from .json import compact


def chunks(result: Result, options: Options) -> Iterator[str]:
    for record in compact(records(result)):
        yield record + "\n"
