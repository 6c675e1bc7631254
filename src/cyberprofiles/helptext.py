"""Help laid out for the terminal at hand, down to 40 columns.

Click lays help out for at least 50 columns, cuts words at their hyphens (a value such as
``partially-recognised-state`` must be typed whole) and inside long words, and leaves example
commands and the list of exit codes as written, however narrow the terminal. The formatter here
keeps Click's layout but wraps for the terminal's width at spaces only; puts each option's
description under it when there is no room beside it; and folds a long example command with a
trailing backslash, so that what is shown can still be pasted into a shell. Commands and the app
take it through ``cls=``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence

import typer
from typer._click.formatting import HelpFormatter, measure_table
from typer.core import TyperCommand, TyperGroup

from . import layout
from .terminal import width as term_len

#: Help is never laid out narrower than this (the views' narrowest width, less a margin).
NARROWEST = 28
#: Below this many columns for an option's description, it goes under the option instead.
BESIDE_AT_LEAST = 24
#: Shell words: runs of unquoted text and quoted strings (a quoted space does not split).
_SHELL_WORD = re.compile(r"""(?:[^\s'"]+|'[^']*'|"[^"]*")+""")


class Formatter(HelpFormatter):
    """Click's help formatter, wrapping for the terminal's width at spaces only."""

    def __init__(
        self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None
    ) -> None:
        if width is None:
            columns = shutil.get_terminal_size().columns  # COLUMNS, the terminal, else 80
            width = max(min(columns, max_width or 80) - 2, NARROWEST)
        super().__init__(indent_increment, width, max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        start = len(self.buffer)
        super().write_usage(prog, args, prefix)
        usage = "".join(self.buffer[start:])  # without the space Click leaves before a break
        self.buffer[start:] = [re.sub(r" +\n", "\n", usage)]

    def write_text(self, text: str) -> None:
        self.write(wrap(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first = min(measure_table(rows)[0], col_max) + col_spacing
        indent = " " * self.current_indent
        beside = self.width - first - 2 >= BESIDE_AT_LEAST
        for term, text in rows:
            if not text:
                self.write(f"{indent}{term}\n")
                continue
            if not beside:  # the description under the option
                self.write(f"{indent}{term}\n{wrap(text, self.width, indent + ' ' * 4)}\n")
                continue
            lines = wrap(text, self.width - first - 2).splitlines() or [""]
            gap = first - term_len(term)
            if gap >= col_spacing:
                self.write(f"{indent}{term}{' ' * gap}{lines[0]}\n")
            else:  # a long option: its description starts on the next line
                self.write(f"{indent}{term}\n{indent}{' ' * first}{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * first}{line}\n")


class HelpContext(typer.Context):
    formatter_class = Formatter


class HelpCommand(TyperCommand):
    context_class = HelpContext


class HelpGroup(TyperGroup):
    context_class = HelpContext


def wrap(text: str, width: int, indent: str = "") -> str:
    """``text`` wrapped to ``width`` at spaces only, each line after ``indent``. Paragraphs
    (separated by a blank line) keep their own indentation; a paragraph whose first line is
    ``\\b`` is Click's verbatim block: its lines stay as written unless too wide (``_fold``)."""
    paragraphs: list[list[str]] = [[]]
    for line in text.expandtabs().splitlines():
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    out: list[str] = []
    room = width - len(indent)
    for lines in filter(None, paragraphs):
        if out:
            out.append("")
        if lines[0].strip() == "\b":
            commands = len(lines) > 1 and lines[1].strip() == "Examples:"
            for line in lines[1:]:
                folded = _fold(line, room, commands) if term_len(line) > room else [line]
                out += [indent + part for part in folded]
            continue
        own = " " * (len(lines[0]) - len(lines[0].lstrip()))
        joined = " ".join(line.strip() for line in lines)
        out += [indent + own + piece for piece in layout.wrap(joined, room - len(own))]
    return "\n".join(out)


def _fold(line: str, width: int, command: bool) -> list[str]:
    """One long line of a verbatim block, folded: an example ``command`` at spaces outside
    quotes, with a trailing backslash; anything else (``70  a bug ...``) under its text, past
    its first word."""
    body = line.lstrip()
    indent = line[: len(line) - len(body)]
    if not command:
        first = re.match(r"\S+\s+", body)
        head = indent + (first.group() if first else "")
        pieces = layout.wrap(body[len(head) - len(indent) :], width - len(head))
        return [(head if n == 0 else " " * len(head)) + piece for n, piece in enumerate(pieces)]
    words = _SHELL_WORD.findall(body)
    folded: list[str] = []
    current = indent + words[0]
    for word in words[1:]:
        if term_len(current) + 1 + term_len(word) + 2 <= width:
            current += " " + word
        else:
            folded.append(current + " \\")
            current = indent + "    " + word
    return [*folded, current]
