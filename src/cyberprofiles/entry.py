"""The console script's entry point, tuned for a short-lived process.

Ctrl-C ends the command at once and quietly (exit status 130), even while it is still starting:
the default action of SIGINT is restored before anything else loads, so no half-imported module
can turn it into a traceback. Nothing the command writes needs tidying up: the only file it
changes is the cache, a SQLite database that survives being stopped at any point.

The cyclic garbage collector stays off for the whole command. A command allocates objects that
stay in use until the process ends (Typer and the command line, then the dataset: millions of
objects for 10,000 profiles of a user's own), and the collector would walk them again and again
for nothing: with it on, ``list --json`` over 10,000 profiles took 2.8 s instead of 1.6 s, with
the same peak memory (what a command discards is freed by reference counting; it makes few
cycles, and the process is short-lived). Only the console script does this: the library leaves
the collector to the program that imports it.

The most common invocations take the shortcut (``shortcut``), which prints the same without
loading Typer; everything else goes to the full command line (``cli``).
"""

from __future__ import annotations

import gc
import signal
import sys


def main() -> None:
    """Run the ``cyberprofiles`` command (see ``cli.main``)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    gc.disable()
    from .shortcut import run  # after the signal and the collector are set, as said above

    code = run(sys.argv[1:])
    if code is None:
        from .cli import main as run_cli

        code = run_cli()
    sys.exit(code)
