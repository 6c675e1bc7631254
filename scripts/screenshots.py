"""Regenerate the terminal pictures and the map in the README: docs/images/*.svg.

    python scripts/screenshots.py

Each picture is the real output of a real command: the command runs with colour forced and a
fixed width, and its output (ANSI styles) is drawn by Rich into SVG. The map is the command's own
SVG.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

OUT = Path(__file__).resolve().parent.parent / "docs" / "images"
WIDTH = 100
SHOTS = {
    "show.svg": ["show", "serbia"],
    "compare.svg": ["compare", "serbia", "north macedonia", "bosnia and herzegovina"],
    "timeline.svg": ["timeline", "--first", "--strategy-since", "2000"],
    "search.svg": ["search", "capacity building", "--limit", "4"],
}


def run(args: list[str], env: dict[str, str] | None = None) -> str:
    full = {**os.environ, "COLUMNS": str(WIDTH), "CYBERPROFILES_PAGER": "", **(env or {})}
    full.pop("CYBERPROFILES_DATA", None)
    full.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "cyberprofiles", *args],
        capture_output=True,
        text=True,
        env=full,
        check=True,
    )
    return done.stdout


def picture(args: list[str]) -> str:
    styled = run(args, {"FORCE_COLOR": "1"})
    console = Console(
        record=True, width=WIDTH, force_terminal=True, color_system="truecolor", file=io.StringIO()
    )
    console.print(Text.from_ansi(styled), soft_wrap=True, end="")
    return console.export_svg(title="cyberprofiles " + " ".join(args))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, args in SHOTS.items():
        (OUT / name).write_text(picture(args), encoding="utf-8")
        print(OUT / name)
    (OUT / "map.svg").write_text(
        run(["map", "first-strategy", "--format", "svg"]), encoding="utf-8"
    )
    print(OUT / "map.svg")


if __name__ == "__main__":
    main()
