"""Building the index of the packaged data (see ``index``), when the package is built."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .checking import check_bytes, misnamed, reference_problems
from .errors import DataError, Problem
from .files import data_files, read_bytes
from .index import FORMAT, PROFILES_FILE, RECORDS_FILE, SEARCH_FILE, TIES_FILE, folder_digest


def build(folder: Path) -> dict[str, bytes]:
    """The index of ``folder``: its files (``index.FILES``) by name, as bytes; raises DataError
    listing every problem if any file or reference is wrong."""
    files, problems = data_files(folder)
    outlines: dict[str, Any] = {}
    origins: dict[str, Path | str] = {}
    profiles = []
    search: dict[str, Any] = {}
    ties: dict[str, Any] = {}
    records: list[bytes] = []
    size = 0
    for path in files:
        raw = read_bytes(path)
        if isinstance(raw, Problem):
            problems.append(raw)
            continue
        checked = check_bytes(path, raw)
        problems += checked.problems
        if not checked.ok:
            continue
        outline = checked.outline
        assert outline is not None and checked.record is not None
        assert checked.search is not None and checked.ties is not None
        wrong_name = misnamed(path, outline["id"])
        if wrong_name is not None:
            problems.append(wrong_name)
            continue
        if outline["id"] in outlines:
            problems.append(Problem(path, f"id {outline['id']!r} is also used by another file"))
            continue
        outlines[outline["id"]] = outline
        origins[outline["id"]] = path
        # The records stay out of the outlines' file, one JSON text per line, located by byte
        # offsets: decoding one is left to the profiles a command uses. Decoding them with the
        # outlines, even as strings, would cost every command some 10 ms.
        record = checked.record.encode("utf-8")
        name = os.path.basename(path)
        profiles.append({"file": name, "outline": outline, "at": [size, size + len(record)]})
        records.append(record)
        size += len(record) + 1
        search[outline["id"]] = checked.search  # packed text: see ``searchtext.pack``
        ties[outline["id"]] = json.loads(checked.ties)
    problems += reference_problems(outlines, origins)
    if problems:
        raise DataError(problems)
    index = {"format": FORMAT, "files": folder_digest(files), "profiles": profiles}
    return {
        PROFILES_FILE: _json(index),
        RECORDS_FILE: b"".join(record + b"\n" for record in records),
        SEARCH_FILE: _json(search),
        TIES_FILE: _json(ties),
    }


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
