"""Errors the library raises, and the exit code the command line gives for each.

``ExitCode`` is the one list of exit codes; the README's table and ``cyberprofiles --help`` are
written from it.
"""

from __future__ import annotations

import enum
from pathlib import Path

from .terminal import display_path


class ExitCode(enum.IntEnum):
    """The command's exit codes, each with what it means."""

    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    INVALID_DATA = 3
    WRITE_FAILED = 4
    INTERNAL = 70
    INTERRUPTED = 130

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]


_MEANINGS = {
    ExitCode.OK: "success (an empty result is a success too)",
    ExitCode.NOT_FOUND: "a name matched no profile or several; or validate found problems",
    ExitCode.USAGE: "the command line is wrong: an unknown option, value or field",
    ExitCode.INVALID_DATA: "a data file is invalid: the message names the file and line",
    ExitCode.WRITE_FAILED: "output or a file could not be written (a full disk, a closed stdout)",
    ExitCode.INTERNAL: "a bug in cyberprofiles: please report it (CYBERPROFILES_DEBUG=1 shows "
    "the traceback)",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C)",
}


class CyberprofilesError(Exception):
    """Base of every error meant for a user: its message says what went wrong and what to do."""

    exit_code = ExitCode.USAGE


class UsageError(CyberprofilesError, ValueError):
    """A value that cannot be used, e.g. an empty query or an unknown field."""

    exit_code = ExitCode.USAGE


class NotFoundError(CyberprofilesError):
    """A name matched no profile."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, name: str, suggestions: list[str], what: str = "profile") -> None:
        self.name = name
        self.suggestions = suggestions
        message = f"no {what} matches {name!r}"
        if suggestions:
            message += f"; did you mean: {', '.join(suggestions)}?"
        elif what == "profile":
            message += (
                "; the dataset covers the 193 UN member states, four other states and "
                "territories (the Holy See, Palestine, Kosovo, Taiwan) and international "
                "organisations: run 'cyberprofiles list' to see them all"
            )
        super().__init__(message)


class AmbiguousNameError(CyberprofilesError):
    """A name matched more than one profile."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name = name
        self.candidates = candidates
        super().__init__(
            f"{name!r} matches several profiles: {', '.join(candidates)}; use one of these ids"
        )


class WriteError(CyberprofilesError):
    """Output or a file the user asked for could not be written."""

    exit_code = ExitCode.WRITE_FAILED


class Problem:
    """One thing wrong with a data file, located as precisely as the file allows."""

    __slots__ = ("column", "field", "line", "message", "path")

    def __init__(
        self,
        path: Path | str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        field: str = "",
    ) -> None:
        #: The file, always a ``Path`` (the reading layer passes paths as text).
        self.path = path if isinstance(path, Path) else Path(path)
        self.message = message
        self.line = line
        self.column = column
        self.field = field

    def _key(self) -> tuple[object, ...]:
        return (self.path, self.message, self.line, self.column, self.field)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Problem{self._key()!r}"

    def location(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        prefix = f"{self.location()}: "
        if self.field:
            prefix += f"{self.field}: "
        return prefix + self.message

    def to_dict(self) -> dict[str, object]:
        return {
            "file": display_path(self.path),
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object], path: Path | str) -> Problem:
        """A problem stored by ``to_dict`` (the file is given, not read back from the text)."""
        line, column = data.get("line"), data.get("column")
        return cls(
            path,
            str(data["message"]),
            line if isinstance(line, int) else None,
            column if isinstance(column, int) else None,
            str(data.get("field") or ""),
        )


class DataError(CyberprofilesError):
    """The dataset (packaged or the user's own files) has one or more problems."""

    exit_code = ExitCode.INVALID_DATA

    def __init__(self, problems: list[Problem] | None = None) -> None:
        self.problems = list(problems or [])
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems[:20]]
        if len(self.problems) > 20:
            lines.append(f"... and {len(self.problems) - 20} more problems")
        lines.append(
            "fix the files above, or run 'cyberprofiles validate' on them for every problem"
        )
        return "\n".join(lines)
