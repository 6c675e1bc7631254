"""Checking data files: one file on its own (TOML syntax, then the schema), and a set of
profiles together (duplicate ids, names that clash, references to profiles that do not exist,
ties recorded twice).

Checking a file turns its bytes into a ``Checked``: the validated record as JSON text, the
record's outline (``profile.make_outline``) and its folded search text, or the problems found.
It is the only place the Pydantic models run; its results are what the package index holds and
what the cache of a user's files keeps.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import Problem
from .files import read_bytes
from .locate import key_lines, line_of
from .names import normalise
from .network import tie_rows
from .profile import Profile, lookup_names, make_outline, record_json, references
from .searchtext import pack, scorable
from .terminal import one_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

import rtoml  # ten times faster than tomllib, and gives the same values for valid TOML

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_BOM = "\ufeff"


class Checked:
    """One file checked on its own: a valid profile's outline, record (JSON text), search text
    and tie rows (``network.tie_rows``, JSON text), or the problems found and the id the file
    declares (if it can be read at all)."""

    __slots__ = ("declared", "outline", "problems", "record", "search", "ties")

    def __init__(
        self,
        outline: dict[str, Any] | None = None,
        record: Any = None,
        search: Any = None,
        problems: Sequence[Problem] = (),
        declared: str | None = None,
        ties: Any = None,
    ) -> None:
        self.outline = outline
        self.record = record
        self.search = search
        self.ties = ties
        self.problems = list(problems)
        self.declared = declared

    @property
    def ok(self) -> bool:
        return self.outline is not None and not self.problems

    def head(self) -> str:
        """The outline, problems and declared id as JSON text: what every run reads back from
        the cache (the record, search text and ties are kept apart, read only when needed)."""
        return json.dumps(
            {
                "outline": self.outline,
                "problems": [p.to_dict() for p in self.problems],
                "declared": self.declared,
            },
            ensure_ascii=False,
        )

    def parts(self) -> tuple[str, str | None, str | None, str | None]:
        """(head, record, search, ties): the four texts the cache keeps."""
        return self.head(), self.record, self.search, self.ties

    @classmethod
    def from_parts(
        cls, head: str, record: Any, search: Any, ties: Any, path: Path | str
    ) -> Checked:
        """A result read back from its parts; ``record``, ``search`` and ``ties`` may be texts
        or functions that read them when first needed."""
        return cls.from_head(json.loads(head), record, search, ties, path)

    @classmethod
    def from_head(cls, data: Any, record: Any, search: Any, ties: Any, path: Path | str) -> Checked:
        """As ``from_parts``, with the head already decoded."""
        problems = [Problem.from_dict(p, path) for p in data["problems"]]
        return cls(data["outline"], record, search, problems, data["declared"], ties)


def check_bytes(path: Path | str, raw: bytes) -> Checked:
    """Parse and validate one file's content (``path`` names it in problems)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Checked(problems=[Problem(path, f"is not UTF-8 text (byte {exc.start})", line)])
    text = text.removeprefix(_BOM)  # written by some editors; TOML itself does not allow it
    if not text.strip():
        return Checked(
            problems=[Problem(path, "is empty; a profile needs at least id, name, kind, reviewed")]
        )
    try:
        document = _parse(text)
    except tomllib.TOMLDecodeError as exc:
        return Checked(problems=[_syntax_problem(path, exc)])
    except RecursionError:
        return Checked(problems=[Problem(path, "is nested too deeply to be a profile")])
    declared = document.get("id") if isinstance(document.get("id"), str) else None

    # Pydantic loads only when a file must be checked (not for content checked before): it
    # costs some 100 ms of start-up.
    from pydantic import ValidationError
    from pydantic_core import to_json

    from .models import Profile

    try:
        model = Profile.model_validate(document)
    except ValidationError as exc:
        return Checked(problems=_schema_problems(path, text, exc), declared=declared)
    except RecursionError:
        return Checked(problems=[Problem(path, "is nested too deeply to be a profile")])
    record = model.model_dump(mode="json")
    return Checked(
        make_outline(record),
        record_text(record, to_json),
        pack(scorable(record)),
        declared=declared,
        ties=to_json(tie_rows(record)).decode("utf-8"),
    )


def record_text(record: Any, to_json: Any) -> str:
    """The record as JSON text exactly as ``record_json`` writes it, so that ``list --json`` over
    many profiles can write it out without decoding it again. Pydantic's encoder
    (``to_json``, three times faster) writes the same text for every value but a float in
    exponent form (``1e-05``), so a record holding a float is written by ``json`` itself."""
    stack = [record]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        elif kind is float:
            return record_json(record)
    return str(to_json(record).decode("utf-8"))


def misnamed(path: Path | str, profile_id: str) -> Problem | None:
    """The problem of a ``.toml`` file not named after the id of its profile, if it is not."""
    if os.path.basename(path) == f"{profile_id}.toml":  # the usual case, told at once
        return None
    path = Path(path)
    if path.suffix != ".toml" or path.stem == profile_id:
        return None
    raw = read_bytes(path)
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else ""
    return Problem(
        path,
        f"the file of the profile {profile_id!r} must be named {profile_id}.toml (or change "
        "its id)",
        line=line_of(key_lines(text), ("id",)),
        field="id",
    )


def _parse(text: str) -> dict[str, Any]:
    """The TOML document; on a syntax error, tomllib's error (its messages say where)."""
    try:
        return rtoml.loads(text)
    except Exception:  # rtoml's errors differ; let tomllib explain (or accept, as with 1e400)
        return tomllib.loads(text)


def _syntax_problem(path: Path | str, exc: Exception) -> Problem:
    message = str(exc)
    found = _TOML_POSITION.search(message)
    line = column = None
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        message = _TOML_POSITION.sub("", message).strip()
    return Problem(path, f"TOML syntax error: {message}", line=line, column=column)


def _schema_problems(path: Path | str, text: str, exc: Any) -> list[Problem]:
    positions = key_lines(text)
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        problems.append(
            Problem(path, _explain(error), line=line_of(positions, loc), field=_dotted(loc))
        )
    return problems


#: The expected form of fields whose pattern a user might miss, said in words.
_EXPECTED = {
    "iso2": "two capital letters, the ISO 3166-1 alpha-2 code (e.g. 'RS')",
    "iso3": "three capital letters, the ISO 3166-1 alpha-3 code (e.g. 'SRB')",
    "currency": "three capital letters, an ISO 4217 code (e.g. 'EUR')",
}


def _explain(error: Any) -> str:
    kind = error["type"]
    field = next((str(p) for p in reversed(error["loc"]) if isinstance(p, str)), "")
    if kind == "string_pattern_mismatch" and field in _EXPECTED:
        return f"must be {_EXPECTED[field]} (got {_short(error.get('input'))})"
    if kind == "extra_forbidden":
        return "unknown key (check its spelling against 'cyberprofiles schema')"
    if kind == "missing":
        return "required key is missing"
    if kind == "finite_number":
        return "must be a finite number (got nan or inf)"
    message = error["msg"]
    if kind in ("less_than_equal", "greater_than_equal") and isinstance(error.get("input"), int):
        return f"{message} (got {error['input']})"
    if kind.endswith("_type") or kind == "literal_error":
        return f"{message} (got {_short(error.get('input'))})"
    return str(message).removeprefix("Value error, ")


def _short(value: object, limit: int = 60) -> str:
    shown = one_line(repr(value))
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# Checks across files, on outlines.


def reference_problems(
    outlines: Mapping[str, Mapping[str, Any]],
    origins: Mapping[str, Path | str],
    only: Iterable[str] | None = None,
    known: Iterable[str] = (),
    replaced: Mapping[str, Path | str] | None = None,
) -> list[Problem]:
    """References to a missing profile, memberships of something not an organisation, and
    ties recorded on both sides, for the profiles ``only`` (default: all).

    ``known`` holds ids declared by files that failed validation: references to them are not
    reported again as dangling. ``replaced`` names the file that replaced a profile of an
    earlier layer, so that a problem it causes says where it comes from.
    """
    skip = set(known)
    replaced = replaced or {}
    problems = []
    for pid in outlines if only is None else only:
        outline = outlines[pid]
        path = origins[pid]
        for where, target in references(outline):
            other = outlines.get(target)
            if other is None:
                if target in skip:
                    continue
                message = (
                    f"refers to {target!r}, which is no profile's id; add {target}.toml or fix "
                    "the id"
                )
            elif where.startswith("memberships") and other["kind"] != "organisation":
                message = f"refers to {target!r}, which is a {other['kind']}, not an organisation"
            elif where.startswith("members") and _recorded_by_member(outline, other):
                message = (
                    f"{target}.toml also records this membership of {pid!r}; keep it in one "
                    "file only"
                )
            else:
                continue
            problems.append(_located(path, message + _replacement(target, replaced), where))
        for i, (partner, kind, year, month) in enumerate(outline["cooperation"]):
            other = outlines.get(partner)
            if other is None or not _records_tie(other, pid, kind, year, month):
                continue
            when = "undated" if year is None else year
            message = (
                f"{partner}.toml also records this tie ({kind}, {when}); keep it in one file only"
            )
            where = f"cooperation[{i}].partner"
            problems.append(_located(path, message + _replacement(partner, replaced), where))
    return problems


def _replacement(target: str, replaced: Mapping[str, Path | str]) -> str:
    """Where a problem about ``target`` comes from when a later layer replaced its profile."""
    if target not in replaced:
        return ""
    return f" (the profile {target!r} is replaced by {replaced[target]})"


def _records_tie(
    outline: Mapping[str, Any], partner: str, kind: str, year: int | None, month: int | None
) -> bool:
    """Whether ``outline``'s file records a tie with ``partner`` of the same kind in the same
    year (and month, where both give one): the same act recorded from the other side."""
    return any(
        other == partner and k == kind and y == year and (m is None or month is None or m == month)
        for other, k, y, m in outline["cooperation"]
    )


def _recorded_by_member(organisation: Mapping[str, Any], member: Mapping[str, Any]) -> bool:
    return any(org == organisation["id"] for org, *_ in member["memberships"])


def _located(path: Path | str, message: str, where: str) -> Problem:
    loc = tuple(int(x) if x.isdigit() else x for x in re.split(r"[\[\].]+", where) if x)
    return Problem(path, message, line=line_of(_positions(path), loc), field=where)


def _positions(path: Path | str) -> dict[tuple[str | int, ...], int]:
    raw = read_bytes(path)
    if isinstance(raw, Problem):
        return {}
    return key_lines(raw.decode("utf-8", errors="replace"))


def clash_problems(
    outlines: Mapping[str, Mapping[str, Any]],
    origins: Mapping[str, Path | str],
    only: Iterable[str] | None = None,
) -> list[Problem]:
    """Names, aliases and ISO codes of the profiles ``only`` (default: all) that another
    profile also answers to. The resolver folds them all into one space of keys, so a clash
    anywhere makes a look-up ambiguous. (An id that is also another profile's name or code is
    allowed: an exact id always wins.)"""
    owners: dict[str, set[str]] = {}
    for pid, outline in outlines.items():
        for field, value in lookup_names(outline):
            if field != "id":
                owners.setdefault(normalise(value), set()).add(pid)
    problems: list[Problem] = []
    for pid in outlines if only is None else only:
        for field, value in lookup_names(outlines[pid]):
            if field == "id":
                continue
            others = sorted(owners.get(normalise(value), set()) - {pid})
            if others:
                problems.append(
                    _located(
                        origins[pid],
                        f"{value!r} also names {', '.join(others)}, so a look-up would be "
                        "ambiguous",
                        field,
                    )
                )
    return problems


def read_profile(path: Path) -> tuple[Profile | None, list[Problem]]:
    """Read and check one file on its own: its profile, or None and every problem found."""
    raw = read_bytes(path)
    if isinstance(raw, Problem):
        return None, [raw]
    checked = check_bytes(path, raw)
    if checked.outline is None or checked.record is None:
        return None, checked.problems
    return Profile(outline=checked.outline, text=checked.record), checked.problems
