"""Refresh the example output in README.md (between the examples markers) from real commands.

    python scripts/readme_examples.py

Runs each command with bash in a 100-column, colourless terminal setting, using the installed
``cyberprofiles``; the pictures come from ``scripts/screenshots.py``.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- examples:start -->", "<!-- examples:end -->"

SECTIONS: list[tuple[str, str | None, list[str]]] = [
    (
        "show",
        "![cyberprofiles show serbia](docs/images/show.svg)",
        ['cyberprofiles show "El Salvador"'],
    ),
    (
        "list",
        None,
        [
            "cyberprofiles list --member nato --strategy-since 2024 --cert",
            "cyberprofiles list --region 'central america' --fields id,first_strategy_year,"
            "cert_status,cert_acronym --format csv",
            "cyberprofiles list --member counter-ransomware-initiative --no-cert",
        ],
    ),
    (
        "search",
        "![cyberprofiles search](docs/images/search.svg)",
        ["cyberprofiles search '\"cyber range\"' --limit 3"],
    ),
    ("compare", "![cyberprofiles compare](docs/images/compare.svg)", []),
    (
        "partners",
        None,
        ["cyberprofiles partners serbia --format csv | cut -d, -f1-5 | head -8"],
    ),
    (
        "timeline",
        "![cyberprofiles timeline --first](docs/images/timeline.svg)",
        ["cyberprofiles timeline --first --by region --strategy-since 2020"],
    ),
    (
        "stats",
        None,
        ["cyberprofiles stats", "cyberprofiles stats --as-of 2010"],
    ),
    (
        "panel",
        None,
        [
            "cyberprofiles panel --from 2015 --to 2024 --member nato 2>/dev/null"
            " | grep -E '^(id|estonia)' | cut -d, -f1,6-12,18",
        ],
    ),
]


def run(command: str) -> str:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("CYBERPROFILES_DATA", None)
    done = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout + done.stderr


def render() -> str:
    parts = []
    for title, picture, commands in SECTIONS:
        parts.append(f"### {title}\n")
        if picture:
            parts.append(picture + "\n")
        for command in commands:
            lines = [line.rstrip() for line in run(command).splitlines()]
            parts.append("```console\n$ " + command + "\n" + "\n".join(lines) + "\n```\n")
    return "\n".join(parts)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    block = f"{START}\n{render()}{END}"
    README.write_text(
        re.sub(f"{START}.*?{END}", lambda _: block, text, flags=re.S), encoding="utf-8"
    )
    print(f"updated {README}")


if __name__ == "__main__":
    main()
