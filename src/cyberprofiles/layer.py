"""One layer of the dataset: the profiles read from one folder or file, before the layers are
laid over each other (``dataset``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import Problem
from .profile import Profile


class Layer:
    """The profiles of one folder or file."""

    def __init__(self) -> None:
        self.profiles: dict[str, Profile] = {}
        self.origins: dict[str, Path] = {}
        self.search: dict[str, Any] = {}
        self.ties: dict[str, Any] = {}
        self.problems: list[Problem] = []
        #: Ids declared by files that failed their check (references to them are not reported).
        self.declared: set[str] = set()
        #: Whether the layer's profiles were checked together already (the packaged index).
        self.checked_together = False
        #: A hash of exactly what the layer holds (its files' content keys, or the packaged
        #: index's hash of its files), when every file's is known; else None.
        self.identity: bytes | None = None
