"""A JSON array, indented: the default for scripts (``| jq``)."""

from __future__ import annotations

import json
from collections.abc import Sequence


def render(records: Sequence[object]) -> str:
    return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"
