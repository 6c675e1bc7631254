"""Output formats: one module per format, each with ``chunks(result, options)`` giving its text in
pieces, behind the ``Result`` interface; ``output.emit`` picks the module for a format name.

A result (``results``) knows its JSON document, its rows and columns, and how people see it. The
formats mean the same in every command: ``json`` the document (an array of records, or for
``compare`` and ``stats`` one object), ``ndjson`` the same records one per line (an object is one
line), ``csv`` and ``markdown`` the rows under the columns, ``table`` the view for people.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Protocol, get_args

#: Format names, in the order help lists them.
Format = Literal["table", "json", "ndjson", "csv", "markdown"]
FORMATS: tuple[str, ...] = get_args(Format)


class Options:
    """How to write: the width people read at (``table``), and the CSV formula guard."""

    __slots__ = ("csv_safe", "size")

    def __init__(self, size: int = 100, csv_safe: bool = False) -> None:
        self.size = size
        self.csv_safe = csv_safe


class Result(Protocol):
    """What every command's result offers the formats."""

    @property
    def columns(self) -> Sequence[str]:
        """Column names of ``rows``, in order."""

    def document(self) -> Any:
        """The JSON document."""

    def rows(self) -> Iterable[Mapping[str, Any]]:
        """Flat rows (scalars only) for CSV and Markdown."""

    def view(self, size: int) -> list[Any]:
        """The lines people read, laid out for ``size`` columns (see ``layout``)."""


def records(result: Result) -> Sequence[Any]:
    """The records NDJSON writes one per line: the document's items, or the document itself."""
    document = result.document()
    return document if is_array(document) else [document]


def is_array(document: Any) -> bool:
    """Whether a document is a JSON array (a list, or a sequence that reads its items lazily)."""
    return isinstance(document, Sequence) and not isinstance(document, (str, bytes))
