"""The index of the packaged data: every packaged profile checked once, when the package is built,
and shipped beside the TOML files it came from, so that reading the packaged data needs neither
Pydantic nor a cache.

``build.build`` checks a data folder (every file, then the checks across files) and returns the
index; the build hook (``hatch_build.py``) writes it into the wheel. At run time ``read`` returns
it only if the folder still holds exactly the files it was made from: the index records a hash
of them, compared with a hash of the folder's files on every run (a few milliseconds), so an
installed data file edited by hand is never answered from the index.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import Problem
from .files import read_bytes

try:  # hashlib would load OpenSSL (3 ms of every command's start-up) for the same hash
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

FORMAT = 10  # 9: search texts packed, law positions' years; 10: cooperation's kind and date
#: Where the index lives inside the installed package.
INDEX_DIR = Path(__file__).resolve().parent / "_index"
PROFILES_FILE = "profiles.json"
RECORDS_FILE = "records.jsonl"
SEARCH_FILE = "search.json"
TIES_FILE = "ties.json"


def folder_digest(files: Sequence[Path | str]) -> str | None:
    """A hash of the names and contents of ``files``; None when one cannot be read."""
    digest = blake2b(digest_size=20)
    for path in files:
        raw = read_bytes(path)
        if isinstance(raw, Problem):
            return None
        name = os.path.basename(path)
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(len(raw).to_bytes(8, "little") + raw)
    return digest.hexdigest()


def read(
    files: Sequence[Path | str],
) -> tuple[str, list[tuple[str, dict[str, Any], bytes]]] | None:
    """The hash of ``files`` and the packaged index's profiles as (file name, outline, the
    record's JSON text), if there is an index and it was made from exactly ``files``; else
    None."""
    try:
        with open(INDEX_DIR / PROFILES_FILE, "rb") as handle:
            index = json.loads(handle.read())
        with open(INDEX_DIR / RECORDS_FILE, "rb") as handle:
            records = handle.read()
    except (OSError, ValueError):
        return None
    if not isinstance(index, dict) or index.get("format") != FORMAT:
        return None
    digest = folder_digest(files)
    if digest is None or index.get("files") != digest:
        return None
    return digest, [
        (entry["file"], entry["outline"], records[entry["at"][0] : entry["at"][1]])
        for entry in index["profiles"]
    ]


class _SideFile:
    """One of the packaged files kept beside the records (search texts, tie rows), read on
    first use: only the commands that need it read it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._texts: dict[str, Any] | None = None

    def get(self, profile_id: str) -> Any:
        if self._texts is None:
            self._texts = read_side(self.name) or {}
        return self._texts.get(profile_id)


def search_texts(ids: Sequence[str]) -> dict[str, Callable[[], Any]]:
    """For each profile id, a function giving its packaged search text (or None)."""
    shared = _SideFile(SEARCH_FILE)
    return {pid: functools.partial(shared.get, pid) for pid in ids}


def tie_texts(ids: Sequence[str]) -> dict[str, Callable[[], Any]]:
    """For each profile id, a function giving its packaged tie rows (or None)."""
    shared = _SideFile(TIES_FILE)
    return {pid: functools.partial(shared.get, pid) for pid in ids}


def read_side(name: str) -> dict[str, Any] | None:
    """A packaged side file (``SEARCH_FILE``, ``TIES_FILE``): its values by profile id (only
    valid with ``read``'s profiles)."""
    try:
        with open(INDEX_DIR / name, "rb") as handle:
            found = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None
