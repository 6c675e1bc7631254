"""One layer of the dataset: the profiles read from one folder or file, before the layers are
laid over each other (``dataset``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import Problem
from .profile import Profile


class Layer:
    """The profiles of one folder or file."""

    def __init__(self) -> None:
        self.profiles: dict[str, Profile] = {}
        #: The file each profile came from (as text for a user's files: see ``data_files``).
        self.origins: dict[str, Path | str] = {}
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


def combination_of(purpose: bytes, identities: Sequence[bytes | None]) -> bytes | None:
    """A hash of exactly what some layers hold (their ``identity``), in order, for ``purpose``
    (the checks of ``load``, or of ``validate``); None when one layer's is unknown. The cache
    notes each combination found sound (``Store.verified``), so that it is not checked again."""
    if any(identity is None for identity in identities):
        return None
    from hashlib import blake2b  # only here: hashing is no part of reading the packaged index

    digest = blake2b(purpose, digest_size=32)
    for identity in identities:
        assert identity is not None
        digest.update(len(identity).to_bytes(4, "big") + identity)
    return digest.digest()


def unless_verified(
    store: Any, combination: bytes | None, check: Callable[[], list[Problem]]
) -> list[Problem]:
    """The problems ``check`` (checks across files) finds, or none without running it when
    ``combination`` passed it before; a combination found sound now is noted in ``store``. Pass
    None for ``combination`` to check in any case (files with problems of their own, no cache)."""
    if store is None or combination is None:
        return check()
    if store.verified(combination):
        return []
    found = check()
    if not found:
        store.put_verified(combination)
    return found
