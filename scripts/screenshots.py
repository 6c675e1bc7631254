"""Regenerate the terminal pictures in the README: docs/images/*.svg.

    python scripts/screenshots.py

Each picture is the real output of a real command: the CLI runs in-process with its console
swapped for a recording one of fixed width, which Rich then exports to SVG.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from rich.console import Console

from cyberprofiles import cli, views

OUT = Path(__file__).resolve().parent.parent / "docs" / "images"
SHOTS = {
    "show.svg": ["show", "serbia"],
    "compare.svg": ["compare", "serbia", "north macedonia", "bosnia and herzegovina"],
    "timeline.svg": ["timeline", "--first"],
    "search.svg": ["search", "capacity building", "--limit", "4"],
}


def record(args: list[str], width: int = 110) -> Console:
    console = Console(
        record=True, width=width, force_terminal=True, color_system="truecolor", file=io.StringIO()
    )
    original = views.make_console
    views.make_console = lambda stderr=False: console if not stderr else original(stderr=True)
    os.environ["FORCE_COLOR"] = "1"  # render as for a terminal, not as plain piped text
    try:
        with contextlib.suppress(SystemExit):
            cli.app(args=args, standalone_mode=False)
    finally:
        views.make_console = original
        del os.environ["FORCE_COLOR"]
    return console


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, args in SHOTS.items():
        console = record(args)
        (OUT / name).write_text(
            console.export_svg(title="cyberprofiles " + " ".join(args)), encoding="utf-8"
        )
        print(OUT / name)


if __name__ == "__main__":
    main()
