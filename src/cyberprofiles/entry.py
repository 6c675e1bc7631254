"""The console script's entry point, tuned for a short-lived process.

Ctrl-C ends the command at once and quietly (exit status 130), even while it is still starting:
the default action of SIGINT is restored before anything else loads, so no half-imported module
can turn it into a traceback. Nothing the command writes needs tidying up: the only file it
changes is the cache, a SQLite database that survives being stopped at any point.

Importing Typer and the command line allocates many thousands of objects that stay in use until
the process ends, so the cyclic garbage collector would walk them again and again for nothing. The
collector is paused while the command line loads, and what loaded is then frozen (``gc.freeze``).
"""

from __future__ import annotations

import gc
import signal
import sys


def main() -> None:
    """Run the ``cyberprofiles`` command (see ``cli.main``)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    gc.disable()
    try:
        from .cli import main as run
    finally:
        gc.freeze()
        gc.enable()
    sys.exit(run())
