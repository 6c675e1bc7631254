"""What the command writes on stderr (messages, errors) and how a run ends (flushing stdout,
the exit code). Shared by the command line (``cli``) and its shortcut (``shortcut``), and free
of Typer so that the shortcut need not load it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from .errors import CyberprofilesError, ExitCode
from .output import Closed, flush

DEBUG_ENV = "CYBERPROFILES_DEBUG"


def note(message: str) -> None:
    """Write a message on stderr, its control characters escaped; on a terminal, folded to its
    width (never inside a word); elsewhere as it is, one line per message for scripts."""
    from .layout import fold  # loaded only when there is something to say
    from .terminal import escape_controls

    text = escape_controls(message)
    columns = stderr_columns()
    sys.stderr.write((fold(text, columns) if columns else text) + "\n")


def stderr_columns() -> int | None:
    """The width of the terminal stderr writes to (COLUMNS first), or None when it is not one."""
    try:
        if not sys.stderr.isatty():
            return None
        columns = os.environ.get("COLUMNS", "")
        return int(columns) if columns.isdigit() else os.get_terminal_size(sys.stderr.fileno())[0]
    except (OSError, ValueError, AttributeError):
        return None


def report(error: CyberprofilesError) -> int:
    """Say what went wrong (a data error lists every problem); return the exit code."""
    lines = str(error).splitlines() or [type(error).__name__]
    if len(lines) > 1:
        lines = ["the data has problems:", *lines]
    note("cyberprofiles: " + "\n  ".join(lines))
    return int(error.exit_code)


def internal_error(error: Exception) -> int:
    """Report a bug without a traceback (unless CYBERPROFILES_DEBUG is set); return the code."""
    if os.environ.get(DEBUG_ENV):
        import traceback  # only for a bug report

        traceback.print_exc()
    note(
        f"cyberprofiles: internal error: {type(error).__name__}: {error}\n"
        "  this is a bug; please report it with the command you ran "
        f"(set {DEBUG_ENV}=1 to see the traceback)"
    )
    return int(ExitCode.INTERNAL)


def conclude(command: Callable[[], int]) -> int:
    """Run ``command`` (it returns its exit code) as every entry point ends one: a reader that
    went away ends it quietly, a known failure is reported, anything else is an internal
    error; then stdout is flushed (``finish``)."""
    try:
        code = command()
    except Closed:
        code = 0
    except CyberprofilesError as error:
        code = report(error)
    except Exception as error:
        code = internal_error(error)
    return finish(code)


def finish(code: int) -> int:
    """Flush stdout; if the reader has gone (``| head``), drop the rest quietly; if stdout
    cannot be written (a full disk), say so."""
    try:
        flush()
    except Closed:
        silence_stdout()
    except CyberprofilesError as error:
        silence_stdout()
        failed = report(error)
        return failed if code == 0 else code
    return code


def silence_stdout() -> None:
    """Point stdout at nothing, so that Python's own flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass
