"""Checking data files for every problem at once, for ``cyberprofiles validate``.

Loading stops a command at the first broken dataset; validation goes on and reports everything:
syntax and schema errors, duplicate ids, names, aliases and ISO codes that clash across files, and
references to profiles that do not exist. Files given by a user are checked in the context of the
packaged data, so a reference to ``nato`` from a user's file is fine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .dataset import declared_id, packaged_data_dir, read_profile, reference_problems, toml_files
from .errors import Problem
from .locate import key_lines, line_of
from .models import Profile
from .names import normalise


def validate(paths: Sequence[Path] = ()) -> tuple[list[Problem], int]:
    """Check ``paths`` (files or folders; the packaged data when empty).

    Returns every problem found and the number of files checked.
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

    own: dict[str, Profile] = {}
    origins: dict[str, Path] = {}
    invalid: set[str] = set()
    for path in checked:
        profile, found = read_profile(path)
        problems.extend(found)
        if profile is None:
            invalid.add(declared_id(path) or "")
            continue
        if profile.id in own:
            problems.append(
                Problem(
                    path, f"id {profile.id!r} is also used by {origins[profile.id]}", field="id"
                )
            )
            continue
        own[profile.id] = profile
        origins[profile.id] = path

    context = dict(own)
    if paths:  # a user's files stand on the packaged data, which they may refer to or replace
        base, _ = _load_quietly(packaged)
        context = {**base, **own}
    dangling = reference_problems(context, origins, known=invalid)
    problems.extend(p for p in dangling if p.path in origins.values())
    problems.extend(clash_problems(own.values(), origins, context.values()))
    return problems, len(checked)


def _load_quietly(folder: Path) -> tuple[dict[str, Profile], list[Problem]]:
    profiles: dict[str, Profile] = {}
    problems: list[Problem] = []
    for path in toml_files(folder):
        profile, found = read_profile(path)
        problems.extend(found)
        if profile is not None:
            profiles[profile.id] = profile
    return profiles, problems


def _names(profile: Profile) -> list[tuple[str, str]]:
    """(field, value) of every name or code a user could type for this profile."""
    found = [("id", profile.id), ("name", profile.name)]
    if profile.official_name:
        found.append(("official_name", profile.official_name))
    found += [(f"aliases[{i}]", a) for i, a in enumerate(profile.aliases)]
    found += [(f, c) for f, c in (("iso2", profile.iso2), ("iso3", profile.iso3)) if c]
    return found


def clash_problems(
    checked: Iterable[Profile], origins: dict[str, Path], everyone: Iterable[Profile]
) -> list[Problem]:
    """Names, aliases and ISO codes of the checked profiles that another profile also answers to.

    The resolver folds all of them into one space of keys, so a clash anywhere makes a look-up
    ambiguous.
    """
    owners: dict[str, set[str]] = {}
    for profile in everyone:
        for _, value in _names(profile):
            owners.setdefault(normalise(value), set()).add(profile.id)

    problems: list[Problem] = []
    for profile in checked:
        path = origins[profile.id]
        positions = None
        for field, value in _names(profile):
            others = sorted(owners.get(normalise(value), set()) - {profile.id})
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
