"""Checking data files for every problem at once, for ``cyberprofiles validate``.

Loading stops at a broken dataset; validation goes on and reports everything: syntax and schema
errors, files not named after their id, duplicate ids, names and codes that clash across
profiles, references to profiles that do not exist, and the problems a file causes elsewhere (a
profile that replaces a packaged one must still be what the others take it for). The files are
checked exactly as ``load`` checks them, with the same cache, in the context of the packaged
data, which they may refer to or replace.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .checking import clash_problems, misnamed, reference_problems
from .dataset import read_layer
from .errors import Problem
from .files import data_files, packaged_data_dir
from .layer import combination_of, unless_verified
from .reading import check_files, identity
from .store import Store


def validate(paths: Sequence[Path] = (), cache: bool = True) -> tuple[list[Problem], int]:
    """Check ``paths`` (files or folders; the packaged data when empty).

    Returns every problem found and the number of files checked. ``cache=False`` checks every
    file again rather than reusing the results kept for unchanged content.
    """
    store = Store(enabled=cache)
    try:
        return _validate(paths, store)
    finally:
        store.close()


def _validate(paths: Sequence[Path], store: Store) -> tuple[list[Problem], int]:
    packaged = packaged_data_dir()
    targets = list(paths) or [packaged]
    files: list[str] = []
    problems: list[Problem] = []
    for target in targets:
        found, trouble = data_files(target)
        files += found
        problems += trouble
    keys: dict[str, bytes] = {}
    results = check_files(files, store, keys)
    identities = [identity(files, keys)]

    own: dict[str, dict[str, Any]] = {}
    origins: dict[str, Path | str] = {}
    declared: set[str] = set()
    for path in files:
        checked = results[path]
        problems += checked.problems
        if checked.declared:
            declared.add(checked.declared)
        if not checked.ok or checked.outline is None:
            continue
        pid = checked.outline["id"]
        wrong_name = misnamed(path, pid)
        if wrong_name is not None:
            problems.append(wrong_name)
        if pid in own:
            problems.append(Problem(path, f"id {pid!r} is also used by {origins[pid]}", field="id"))
            continue
        own[pid] = checked.outline
        origins[pid] = path

    everyone = dict(own)
    replaced: dict[str, Path | str] = {}
    if paths:  # the user's files stand on the packaged data
        base = read_layer(packaged, store, packaged=True)
        identities.insert(0, base.identity)
        for pid, profile in base.profiles.items():
            if pid in own:
                replaced[pid] = origins[pid]
            else:
                everyone[pid] = dict(profile.outline)
                origins[pid] = base.origins[pid]

    def across() -> list[Problem]:
        return reference_problems(
            everyone, origins, known=declared - set(everyone), replaced=replaced
        ) + clash_problems(everyone, origins, only=list(own))

    combination = combination_of(b"validate", identities)
    problems += unless_verified(store, None if problems else combination, across)
    return problems, len(files)
