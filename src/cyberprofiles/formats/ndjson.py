"""Newline-delimited JSON: one compact object per line, for streaming tools."""

from __future__ import annotations

import json
from collections.abc import Sequence


def render(records: Sequence[object]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)
