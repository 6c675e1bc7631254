"""The short way through for the commands people and scripts run most: ``show NAME...``,
``list``, ``search QUERY`` and ``stats``, with nothing else than ``--format``/``-f``,
``--json`` or ``--data PATH``.

The full command line costs about 40 ms of start-up before any work is done (importing Typer,
and building the command from its signature), more than ``show`` itself takes
(``benchmarks/run.py`` measures it). These invocations need none of it: the shortcut reads
the arguments, then calls the same code as the full command line (``commands``, ``messages``),
so both print the same bytes; the tests hold them to that. Anything else goes the full way: any
other option, ``--help``, a name or query the data cannot answer (the full command line then
reports it, after any warnings about the data), shell completion.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import NamedTuple

from .formats import FORMATS

#: The commands the shortcut runs, and how many words (names, a query) each takes.
_WORDS = {"show": (1, None), "list": (0, 0), "search": (1, 1), "stats": (0, 0)}


class Invocation(NamedTuple):
    """What the arguments ask for: the command, its words, the format, the ``--data`` paths."""

    command: str
    words: list[str]
    fmt: str
    data: list[str]


def parse(args: Sequence[str]) -> Invocation | None:
    """What ``args`` ask for when they can go the short way; else None."""
    if not args or args[0] not in _WORDS:
        return None
    command, rest = args[0], list(args[1:])
    fmt, as_json, words, data = "table", False, [], []
    while rest:
        arg = rest.pop(0)
        if arg == "--json":
            as_json = True
        elif arg == "--data" and rest and rest[0].strip() and not rest[0].startswith("-"):
            data.append(rest.pop(0))
        elif arg.startswith("--data=") and arg.partition("=")[2].strip():
            data.append(arg.partition("=")[2])
        elif arg in ("--format", "-f") and rest and rest[0] in FORMATS:
            fmt = rest.pop(0)
        elif arg.startswith("--format=") and arg.partition("=")[2] in FORMATS:
            fmt = arg.partition("=")[2]
        elif arg.startswith("-"):
            return None
        else:
            words.append(arg)
    least, most = _WORDS[command]
    if len(words) < least or (most is not None and len(words) > most):
        return None
    return Invocation(command, words, "json" if as_json else fmt, data)


def run(args: Sequence[str]) -> int | None:
    """Run ``args`` the short way and return the exit code; None when they need the full
    command line (nothing has been written then)."""
    if any(k.endswith("_COMPLETE") for k in os.environ):
        return None
    asked = parse(args)
    if asked is None:
        return None
    command, words, fmt = asked.command, asked.words, asked.fmt

    from pathlib import Path  # only once the arguments are known to fit

    from .dataset import load

    try:
        dataset = load(extra=[Path(p) for p in asked.data])
        profiles = [dataset.resolve(word) for word in words] if command == "show" else []
    except Exception:  # whatever it is, the full command line reports it
        return None

    from . import commands  # after the data, which decides whether the shortcut is taken
    from .messages import conclude
    from .query import Filters

    def run_command() -> int:
        commands.warn(dataset)
        if command == "show":
            commands.show(dataset, profiles, fmt, True, False)
        elif command == "list":
            commands.list_profiles(dataset, Filters(), "name", None, fmt, True, False)
        elif command == "stats":
            commands.stats(dataset, Filters(), False, fmt, True, False)
        else:
            commands.search_profiles(dataset, words[0], Filters(), None, fmt, True, False)
        return 0

    return conclude(run_command)
