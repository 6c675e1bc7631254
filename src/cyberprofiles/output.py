"""Printing a result in the format asked for: the one output path of every command.

Machine formats are UTF-8 whatever the locale (so ``jq`` and CSV readers get what they expect).
The view for people goes to a terminal through Rich, in colour unless ``NO_COLOR`` is set, with
clickable source links (OSC 8), and through a pager (``$CYBERPROFILES_PAGER``, ``$PAGER``, else
``less``) when it is longer than the screen, unless ``--no-pager``; anywhere else it is plain text
without trailing spaces. Characters the output's encoding lacks are shown as escapes. A reader
that goes away (``| head``) ends the output quietly; a full disk or a closed stdout is an error
(exit code 4), not a crash.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
from typing import IO, Any

from .errors import WriteError
from .formats import FORMATS, Options, Result
from .layout import Line

#: Width of the view for people when the output is not a terminal and COLUMNS is not set.
PIPE_WIDTH = 100
#: The narrowest layout offered: narrower terminals get this width and wrap it themselves.
MIN_WIDTH = 30
PAGER_ENV = "CYBERPROFILES_PAGER"

#: Style names of ``layout`` segments and how they look.
STYLES = {
    "title": "bold underline",
    "heading": "bold",
    "header": "bold",
    "label": "bold",
    "bold": "bold",
    "italic": "italic",
    "rule": "dim",
    "dim": "dim",
    "good": "green",
    "cite": "cyan",
    "url": "cyan",
    "bar": "cyan",
    "highlight": "bold yellow",
}
#: What the box, bar, not-equal and ellipsis characters print as where the encoding lacks them.
_ASCII = (("─", "-"), ("█", "#"), ("≠", "!"), ("…", "..."))
#: No-break spaces keep words together while lines are laid out; printed, they are spaces.
_NBSP = "\u00a0"


def _printed(text: str, ascii_only: bool) -> str:
    """``text`` as printed: no-break spaces as spaces and, for an encoding without them, the
    characters of ``_ASCII`` in ASCII. ``str.replace`` rather than ``str.translate``, which
    looks every character up in a table: 50 times slower on a listing of 10,000 rows."""
    text = text.replace(_NBSP, " ")
    if ascii_only:
        for char, stand_in in _ASCII:
            text = text.replace(char, stand_in)
    return text


class Closed(Exception):
    """The reader of stdout went away (a closed pipe): stop writing, quietly."""


def stdout() -> Any:
    """The binary stdout, or a WriteError when there is none (``>&-``)."""
    stream = sys.stdout
    if stream is None:
        raise WriteError("standard output is closed; nothing can be printed")
    buffer = getattr(stream, "buffer", None)
    return buffer if buffer is not None else _TextAsBytes(stream)


class _TextAsBytes:
    """A text stream that accepts bytes (for test runners that replace stdout)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        return self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.stream.flush()


def is_terminal() -> bool:
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except (ValueError, OSError):
        return False


def terminal_size(fallback: tuple[int, int]) -> os.terminal_size:
    """The terminal's size as ``shutil.get_terminal_size`` gives it (COLUMNS and LINES first,
    then stdout's terminal, else ``fallback``), without loading shutil."""

    def number(name: str) -> int:
        value = os.environ.get(name, "")
        return int(value) if value.isdigit() else 0

    columns, lines = number("COLUMNS"), number("LINES")
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size(fallback)
        columns = columns if columns > 0 else size.columns or fallback[0]
        lines = lines if lines > 0 else size.lines or fallback[1]
    return os.terminal_size((columns, lines))


def terminal_width() -> int:
    """The width to lay out people's view for: the terminal's, else COLUMNS, else 100."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        size = int(columns)
    elif is_terminal():
        size = terminal_size((PIPE_WIDTH, 24)).columns
    else:
        size = PIPE_WIDTH
    return max(size, MIN_WIDTH)


def _encoding() -> str:
    """The encoding people's view is written in: the terminal's (or locale's)."""
    name = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "utf-8"


def write_bytes(data: bytes, out: IO[bytes] | None = None) -> None:
    """Write to stdout, turning the failures of writing into ``Closed`` or ``WriteError``."""
    target = out if out is not None else stdout()
    try:
        target.write(data)
    except BrokenPipeError:
        raise Closed() from None
    except OSError as exc:
        raise _write_error(exc) from None


def flush() -> None:
    try:
        stdout().flush()
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        raise Closed() from None
    except OSError as exc:
        raise _write_error(exc) from None
    except ValueError:  # already closed
        pass


def _write_error(exc: OSError) -> WriteError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        reason = "no space left on the device"
    return WriteError(f"cannot write the output: {reason}")


def emit(
    result: Result,
    fmt: str,
    *,
    csv_safe: bool = False,
    pager: bool = True,
) -> None:
    """Print ``result`` in the format ``fmt`` (one of ``formats.FORMATS``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    options = Options(size=terminal_width(), csv_safe=csv_safe)
    if fmt == "table":
        _people(result.view(options.size), options.size, pager)
        return
    from importlib import import_module  # the one format module asked for, on demand

    module: Any = import_module(f".formats.{fmt}", __package__)
    out = stdout()
    for chunk in module.chunks(result, options):
        write_bytes(chunk.encode("utf-8", "surrogateescape"), out)
    flush()


def emit_text(text: str) -> None:
    """Print text made by the tool (DOT, Mermaid, a schema) as UTF-8."""
    write_bytes(text.encode("utf-8", "surrogateescape"))
    flush()


def _people(lines: list[Line], size: int, pager: bool) -> None:
    encoding = _encoding()
    ascii_only = not _can_encode(encoding, "".join(char for char, _ in _ASCII))
    if not is_terminal() and not os.environ.get("FORCE_COLOR"):
        text = "".join("".join(s.text for s in line).rstrip() + "\n" for line in lines)
        text = _printed(text, ascii_only)
        write_bytes(text.encode(encoding, "backslashreplace"))
        flush()
        return
    height = terminal_size((size, 24)).lines
    command = _pager_command() if pager and len(lines) > height - 1 else None
    rendered = _styled(lines, size, encoding, ascii_only, links=command is None)
    if command is not None and _page(command, rendered):
        return
    write_bytes(rendered.encode(encoding, "backslashreplace"))
    flush()


def _can_encode(encoding: str, sample: str) -> bool:
    try:
        sample.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _styled(lines: list[Line], size: int, encoding: str, ascii_only: bool, links: bool) -> str:
    """The lines with terminal styles. Rich decides what the terminal gets (NO_COLOR,
    FORCE_COLOR, TERM) and renders each style to its escape codes; lines are joined here, which
    for thousands of lines is many times faster than printing them one by one."""
    # Rich's styles load only for a terminal (some 8 ms); pipes get plain text without them.
    from rich.color import ColorSystem
    from rich.style import Style

    name, no_color = terminal_colours(size)
    systems = {
        "standard": ColorSystem.STANDARD,
        "256": ColorSystem.EIGHT_BIT,
        "truecolor": ColorSystem.TRUECOLOR,
        "windows": ColorSystem.WINDOWS,
    }
    system = systems.get(name or "")
    if system is None:
        links = False
    styles: dict[tuple[str, str | None], Style] = {}
    out: list[str] = []
    for line in lines:
        pieces = [(_printed(s.text, ascii_only), s.style, s.link) for s in line]
        while pieces and not pieces[-1][0].strip():  # no trailing spaces
            pieces.pop()
        if pieces:
            text, style_name, link = pieces[-1]
            pieces[-1] = (text.rstrip(), style_name, link)
        for text, style_name, link in pieces:
            key = (style_name, link if links else None)
            style = styles.get(key)
            if style is None:
                style = Style.parse(STYLES.get(style_name, "")) if style_name else Style()
                if no_color:
                    style = style.without_color
                if key[1]:
                    style += Style(link=key[1])
                styles[key] = style
            out.append(style.render(text, color_system=system) if system else text)
        out.append("\n")
    return "".join(out)


#: Colour systems by the end of TERM, as Rich's Console reads them.
_TERM_COLOURS = {"kitty": "256", "256color": "256", "16color": "standard"}


def terminal_colours(size: int = 80) -> tuple[str | None, bool]:
    """The colour system a terminal gets ("standard", "256", "truecolor", or None for a dumb
    terminal) and whether NO_COLOR asks for none, decided as Rich's Console decides them for a
    terminal (TERM, COLORTERM, NO_COLOR), without loading the Console and what it brings
    (dataclasses, inspect: some 15 ms of every terminal view). On Windows, whose consoles need
    asking, Rich's Console decides."""
    if sys.platform == "win32":  # pragma: no cover - the console's own features decide
        from rich.console import Console

        console = Console(file=io.StringIO(), force_terminal=True, width=max(size, 1))
        return console.color_system, console.no_color
    no_color = os.environ.get("NO_COLOR", "") != ""
    term = os.environ.get("TERM", "")
    if term.lower() in ("dumb", "unknown"):
        return None, no_color
    if os.environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return "truecolor", no_color
    colours = term.strip().lower().rpartition("-")[2]
    return _TERM_COLOURS.get(colours, "standard"), no_color


def _pager_command() -> str | None:
    """The pager to use, or None: ``CYBERPROFILES_PAGER``, then ``PAGER``, then ``less``; an
    empty value or ``cat`` means none."""
    for variable in (PAGER_ENV, "PAGER"):
        value = os.environ.get(variable)
        if value is not None:
            value = value.strip()
            return None if value in ("", "cat") else value
    import shutil  # only to page: it loads the compression modules (7 ms of start-up)

    return "less" if shutil.which("less") else None


def _page(command: str, text: str) -> bool:
    """Show ``text`` through the pager; False if it could not be started."""
    import shlex  # only when paging
    import signal
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # quit if one screen, keep colours, leave the screen as is
    try:
        process = subprocess.Popen(
            shlex.split(command),
            stdin=subprocess.PIPE,
            env=env,
            encoding=_encoding(),
            errors="backslashreplace",
        )
    except (OSError, ValueError):
        return False
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the pager
    try:
        assert process.stdin is not None
        process.stdin.write(text)
        process.stdin.close()
    except (BrokenPipeError, OSError):
        pass
    finally:
        process.wait()
        signal.signal(signal.SIGINT, previous)
    return True
