"""Output formats. Each machine format is a module with ``render(...) -> str``; ``table`` is Rich.

The machine formats import nothing heavy, so ``--format json`` never loads Rich.
"""

from __future__ import annotations

from typing import Literal

Format = Literal["table", "json", "ndjson", "csv"]
FORMATS: tuple[str, ...] = ("table", "json", "ndjson", "csv")
