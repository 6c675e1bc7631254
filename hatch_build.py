"""Build hook: check the packaged data and ship its index in the wheel.

Every profile in ``data/`` is validated here, by the same code ``cyberprofiles validate`` runs;
a problem stops the build with the file, line and message. The index it writes
(``cyberprofiles/_index/``) is what the installed package reads, so that it needs neither
Pydantic nor a cache for its own data (see ``src/cyberprofiles/index.py``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class IndexHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads data/ directly, checked file by file
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from cyberprofiles.build import build
            from cyberprofiles.errors import DataError
        finally:
            sys.path.pop(0)
        try:
            index = build(root / "data")
        except DataError as error:
            raise SystemExit(f"the packaged data has problems:\n{error}") from None
        folder = Path(tempfile.mkdtemp(prefix="cyberprofiles-index-"))
        for name, content in index.items():
            (folder / name).write_bytes(content)
            build_data["force_include"][str(folder / name)] = f"cyberprofiles/_index/{name}"
