"""The view for people, as plain text: what a terminal shows, without colour (for pipes, files
and ``NO_COLOR``). Lines carry no trailing spaces."""

from __future__ import annotations

from collections.abc import Iterator

from ..layout import plain
from . import Options, Result


def chunks(result: Result, options: Options) -> Iterator[str]:
    lines = result.view(options.size)
    yield "".join(plain(line).replace("\u00a0", " ") + "\n" for line in lines)
