"""Checking data files for every problem at once, for ``cyberprofiles validate``.

Loading stops a command at the first broken dataset; validation goes on and reports everything:
syntax and schema errors, duplicate ids, names, aliases and ISO codes that clash across files, and
references to profiles that do not exist. Files given by a user are checked in the context of the
packaged data, so a reference to ``nato`` from a user's file is fine.

Checking a file on its own (syntax and schema) is the slow part, and its result depends only on
the file and this version of the package, so it is kept in the cache folder (see ``cache``), keyed
by each file's path, size, modification and change times and inode: a file checked before and not
touched since is not parsed again. The checks across files run every time, on an ``Outline`` of
each valid profile: what those checks need to know, and nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dataset import declared_id, packaged_data_dir, read_profile, reference_problems, toml_files
from .errors import Problem
from .locate import key_lines, line_of
from .names import normalise

if TYPE_CHECKING:
    from .models import Profile

#: Files kept in the cache of per-file results before it starts afresh.
CACHE_LIMIT = 100_000


@dataclass(frozen=True)
class Outline:
    """What the checks across files need to know of one valid profile."""

    id: str
    kind: str
    #: (field, value) of every name or code a user could type for this profile.
    names: tuple[tuple[str, str], ...]
    #: (field path, profile id) of every reference to another profile.
    refs: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, profile: Profile) -> Outline:
        names = tuple(profile.lookup_names())
        return cls(profile.id, profile.kind, names, tuple(profile.references()))

    def references(self) -> list[tuple[str, str]]:
        return list(self.refs)


@dataclass(frozen=True)
class FileCheck:
    """One file checked on its own: its outline if it is a valid profile, else its problems
    and the id it declares (if it can be read at all)."""

    outline: Outline | None
    problems: tuple[Problem, ...] = ()
    declared: str | None = None


def check_file(path: Path) -> FileCheck:
    """Parse and validate one file on its own."""
    profile, problems = read_profile(path)
    if profile is not None:
        return FileCheck(Outline.of(profile))
    return FileCheck(None, tuple(problems), declared_id(path))


def check_files(paths: Iterable[Path], cache: bool = True) -> dict[Path, FileCheck]:
    """``check_file`` for each path, reusing the cached result of files not touched since."""
    if not cache:
        return {path: check_file(path) for path in paths}
    from . import cache as store

    key = store.version_key()
    known: dict[str, tuple[Any, FileCheck]] = store.read(key, "validation") or {}
    results: dict[Path, FileCheck] = {}
    fresh: dict[str, tuple[Any, FileCheck]] = {}
    for path in paths:
        stamp = _stamp(path)  # before reading, so that a change while reading is seen next time
        hit = known.get(str(path))
        if stamp is not None and hit is not None and hit[0] == stamp:
            results[path] = hit[1]
            continue
        results[path] = check_file(path)
        if stamp is not None:
            fresh[str(path)] = (stamp, results[path])
    if fresh:
        kept = known if len(known) + len(fresh) <= CACHE_LIMIT else {}
        store.write(key, {**kept, **fresh}, "validation")
    return results


def _stamp(path: Path) -> tuple[int, int, int, int] | None:
    """What changes when a file does: size, modification and change times, inode."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def validate(paths: Sequence[Path] = (), cache: bool = True) -> tuple[list[Problem], int]:
    """Check ``paths`` (files or folders; the packaged data when empty).

    Returns every problem found and the number of files checked. ``cache=False`` checks every
    file again even if the cache knows it (the cache can also be turned off for good, see
    ``cache``).
    """
    packaged = packaged_data_dir()
    targets = list(paths) or [packaged]
    checked: list[Path] = []
    problems: list[Problem] = []
    for target in targets:
        if not target.exists() and not target.is_symlink():
            problems.append(Problem(target, "no such file or folder"))
            continue
        try:
            checked.extend(toml_files(target))
        except OSError as exc:
            problems.append(Problem(target, f"cannot be listed: {exc.strerror or exc}"))
    # A user's files stand on the packaged data, which they may refer to or replace.
    context_files = toml_files(packaged) if paths else []
    results = check_files([*checked, *context_files], cache=cache)

    own: dict[str, Outline] = {}
    origins: dict[str, Path] = {}
    invalid: set[str] = set()
    for path in checked:
        result = results[path]
        problems.extend(result.problems)
        if result.outline is None:
            invalid.add(result.declared or "")
            continue
        outline = result.outline
        if outline.id in own:
            problems.append(
                Problem(
                    path, f"id {outline.id!r} is also used by {origins[outline.id]}", field="id"
                )
            )
            continue
        own[outline.id] = outline
        origins[outline.id] = path

    base = {o.id: o for path in context_files if (o := results[path].outline) is not None}
    context = {**base, **own}
    dangling = reference_problems(context, origins, known=invalid)
    problems.extend(p for p in dangling if p.path in origins.values())
    problems.extend(clash_problems(own.values(), origins, context.values()))
    return problems, len(checked)


def clash_problems(
    checked: Iterable[Outline], origins: dict[str, Path], everyone: Iterable[Outline]
) -> list[Problem]:
    """Names, aliases and ISO codes of the checked profiles that another profile also answers to.

    The resolver folds all of them into one space of keys, so a clash anywhere makes a look-up
    ambiguous.
    """
    keys = {o.id: [(f, v, normalise(v)) for f, v in o.names] for o in everyone}
    owners: dict[str, set[str]] = {}
    for owner, names in keys.items():
        for _, _, key in names:
            owners.setdefault(key, set()).add(owner)

    problems: list[Problem] = []
    for outline in checked:
        path = origins[outline.id]
        positions = None
        for field, value, key in keys[outline.id]:
            others = sorted(owners[key] - {outline.id})
            if not others:
                continue
            if positions is None:
                positions = key_lines(path.read_text(encoding="utf-8"))
            problems.append(
                Problem(
                    path,
                    f"{value!r} also names {', '.join(others)}, so a look-up would be ambiguous",
                    line=line_of(positions, (field.split("[")[0],)),
                    field=field,
                )
            )
    return problems
