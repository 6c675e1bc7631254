"""Errors the library raises, each with the exit code the command line reports for it.

Exit codes (documented in the README):
0 success, 1 a name not found or ambiguous (or ``validate`` found problems), 2 usage error,
3 invalid dataset, 4 a file could not be written, 130 interrupted.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_INVALID_DATA = 3
EXIT_WRITE_FAILED = 4
EXIT_INTERRUPTED = 130


class CyberprofilesError(Exception):
    """Base of every error meant for a user: its message says what went wrong and what to do."""

    exit_code = EXIT_USAGE


class UsageError(CyberprofilesError):
    """A command-line value that cannot be used, e.g. an empty query."""

    exit_code = EXIT_USAGE


class NotFoundError(CyberprofilesError):
    """A name matched no profile."""

    exit_code = EXIT_NOT_FOUND

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        message = f"no profile matches {name!r}"
        if suggestions:
            message += f"; did you mean: {', '.join(suggestions)}?"
        else:
            message += "; run 'cyberprofiles list' to see every profile"
        super().__init__(message)


class AmbiguousNameError(CyberprofilesError):
    """A name matched more than one profile."""

    exit_code = EXIT_NOT_FOUND

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name = name
        self.candidates = candidates
        super().__init__(
            f"{name!r} matches several profiles: {', '.join(candidates)}; use one of these ids"
        )


class WriteError(CyberprofilesError):
    """A file the user asked for could not be written."""

    exit_code = EXIT_WRITE_FAILED


class Problem:
    """One thing wrong with a data file, located as precisely as the file allows.

    A plain class rather than a frozen dataclass: this module loads with every command, and
    generating a dataclass's methods costs about a millisecond of start-up each.
    """

    __slots__ = ("column", "field", "line", "message", "path")

    def __init__(
        self,
        path: Path,
        message: str,
        line: int | None = None,
        column: int | None = None,
        field: str = "",
    ) -> None:
        self.path = path
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
        where = str(self.path)
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
            "file": str(self.path),
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class DataError(CyberprofilesError):
    """The dataset (packaged or the user's own files) has one or more problems."""

    exit_code = EXIT_INVALID_DATA

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
