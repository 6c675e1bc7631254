"""A Markdown (GitHub-flavoured) table of the result's rows, for pasting into a report."""

from __future__ import annotations

from collections.abc import Iterator

from ..terminal import one_line
from . import Options, Result
from .csv import cell


def _escape(text: str) -> str:
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|")


def chunks(result: Result, options: Options) -> Iterator[str]:
    columns = result.columns
    yield "| " + " | ".join(_escape(c) for c in columns) + " |\n"
    yield "|" + "|".join(" --- " for _ in columns) + "|\n"
    for row in result.rows():
        yield "| " + " | ".join(_escape(cell(row.get(c))) for c in columns) + " |\n"
