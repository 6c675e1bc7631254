"""What a person sees in a real terminal (a pseudo-terminal of the given size), at 120, 80, 60
and 40 columns, in colour and with NO_COLOR, and when the output is piped: no line wider than
the screen but for a URL kept whole, no word split, no name cut short, the right markers."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest

COMMAND = [sys.executable, "-m", "cyberprofiles"]
WIDTHS = (120, 80, 60, 40)
# CSI sequences (colours, styles) and OSC 8 hyperlinks, which a terminal does not show.
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")
_URL = re.compile(r"https?://\S+")


def in_terminal(
    args: list[str], width: int, env: dict[str, str] | None = None, status: int = 0
) -> str:
    """Run the command on a pseudo-terminal ``width`` columns wide; what it wrote, raw. With a
    ``status`` other than 0, stderr goes to the terminal too and the command must end so."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", "CYBERPROFILES_PAGER": "", **(env or {})}
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "CYBERPROFILES_DATA"):
        if name not in (env or {}):
            full_env.pop(name, None)
    process = subprocess.Popen(
        [*COMMAND, *args],
        stdin=follower,
        stdout=follower,
        stderr=follower if status else subprocess.PIPE,
        env=full_env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) == status, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def visible(raw: str) -> list[str]:
    return _ESCAPES.sub("", raw).split("\n")


def _width(line: str) -> int:
    from cyberprofiles.terminal import width

    return width(line)


def assert_fits(lines: list[str], width: int) -> None:
    for line in lines:
        if _width(line) > width:
            # Only a URL may run past the edge, whole, on a line of its own.
            rest = _URL.sub("", line).strip(" []0123456789")
            assert not rest, f"too wide at {width}: {line!r}"


def words_whole(lines: list[str], names: list[str]) -> None:
    tokens = {t.strip(",;:()*") for line in lines for t in line.split()}
    for name in names:
        for word in name.split():
            assert word.strip(",;:()") in tokens, f"{word!r} of {name!r} is split or cut"


def _names(*args: str) -> list[str]:
    out = subprocess.run(
        [*COMMAND, *args, "--json"], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    return [p["name"] for p in json.loads(out)]


@pytest.mark.parametrize("width", WIDTHS)
def test_list_keeps_every_name_whole(width: int) -> None:
    args = ["list", "--region", "americas"]
    lines = visible(in_terminal(args, width))
    assert_fits(lines, width)
    assert not any("…" in line for line in lines)
    words_whole(lines, _names(*args))
    assert any("Saint Vincent" in line for line in lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_show_breaks_no_word_and_no_url(width: int) -> None:
    raw = in_terminal(["show", "south korea", "serbia"], width)
    lines = visible(raw)
    assert_fits(lines, width)
    for profile in ("south-korea", "serbia"):
        record = json.loads(
            subprocess.run(
                [*COMMAND, "show", profile, "--json"], capture_output=True, text=True, timeout=120
            ).stdout
        )[0]
        urls = {d["source"] for d in record["documents"]} | set(record["sources"])
        shown = "\n".join(lines)
        for url in urls:
            assert url in shown, f"{url} broken at {width}"
    words_whole(lines, ["Strategy for the Development of Information Security"])
    assert not any(line != line.rstrip() for line in lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_of_five_marks_only_what_is_shared(width: int) -> None:
    names = ["serbia", "north macedonia", "bih", "croatia", "montenegro"]
    lines = visible(in_terminal(["compare", *names], width))
    assert_fits(lines, width)
    text = "\n".join(lines)
    assert "≠" in text
    memberships = _row(lines, "Memberships")
    # Candidates and partners do not share membership with members...
    assert "* European Union" not in memberships and "* NATO" not in memberships
    assert "* OSCE" in memberships and "* Council of" in memberships
    assert "* European Union" in _row(lines, "Partners")  # ...though all have a tie with it
    words_whole(lines, ["Development", "Cybersecurity", "Montenegro"])


def _row(lines: list[str], label: str) -> str:
    """The lines of one compared field: from its label to the next label."""
    start = next(i for i, line in enumerate(lines) if line.lstrip("≠ ").startswith(label))
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "")), len(lines)
    )
    return "\n".join(lines[start:end])


@pytest.mark.parametrize("width", WIDTHS)
def test_search_stats_partners_and_timeline_fit(width: int) -> None:
    for args in (
        ["search", "critical infrastructure", "--limit", "5"],
        ["stats", "--coverage"],
        ["partners", "serbia"],
        ["timeline", "--first", "--by", "region"],
        ["map", "gci"],
        ["changes"],
        ["panel", "--format", "table", "--kind", "organisation", "--from", "2020"],
    ):
        lines = visible(in_terminal(args, width))
        assert_fits(lines, width)
    stats = "\n".join(visible(in_terminal(["stats"], width)))
    assert re.search(r"Oceania: \d+", stats)  # a label stays with its number


def test_colour_and_links_only_where_wanted() -> None:
    coloured = in_terminal(["show", "serbia"], 100)
    assert "\x1b[" in coloured  # styles
    assert re.search(r"\x1b\]8;[^;]*;https://", coloured)  # and clickable links (OSC 8)
    plain = in_terminal(["show", "serbia"], 100, env={"NO_COLOR": "1"})
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", plain)  # no colour
    piped = subprocess.run(
        [*COMMAND, "show", "serbia"], capture_output=True, text=True, timeout=120
    ).stdout
    assert "\x1b" not in piped and all(line == line.rstrip() for line in piped.splitlines())


def test_long_output_goes_through_the_pager_and_not_when_asked() -> None:
    paged = in_terminal(["show", "serbia"], 100, env={"CYBERPROFILES_PAGER": "tr a-z A-Z"})
    assert "SERBIA" in paged
    unpaged = in_terminal(
        ["show", "serbia", "--no-pager"], 100, env={"CYBERPROFILES_PAGER": "tr a-z A-Z"}
    )
    assert "Serbia" in unpaged


COMMANDS = ("", "show", "list", "search", "compare", "partners", "timeline", "stats", "validate")
COMMANDS += ("schema", "new", "panel", "map", "export", "changes")


@pytest.mark.parametrize("width", WIDTHS)
def test_help_fits_and_keeps_values_and_examples_whole(width: int) -> None:
    for command in COMMANDS:
        lines = visible(in_terminal([*command.split(), "--help"], width))
        assert_fits(lines, width)
        text = "\n".join(lines)
        if command == "list":
            # Values a user types are never split at their hyphens.
            tokens = {t.strip(",.") for t in text.split()}
            assert {"partially-recognised-state", "observer-state", "not-applicable"} <= tokens
            # A folded example still reads, and pastes, as the command it was.
            joined = re.sub(r" \\\n\s+", " ", text)
            assert "cyberprofiles list --partner nato --format json | jq '.[].name'" in joined


def test_help_at_40_columns_puts_descriptions_under_options() -> None:
    lines = visible(in_terminal(["list", "--help"], 40))
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("--kind KIND"))
    assert lines[at].strip() == "--kind KIND"
    assert lines[at + 1].startswith("      state, observer-state,")
    wide = visible(in_terminal(["list", "--help"], 120))
    assert any(re.match(r"\s+--kind KIND\s+state, observer-state", line) for line in wide)


def test_messages_fold_to_a_narrow_terminal_and_stay_one_line_when_piped() -> None:
    lines = visible(in_terminal(["show", "nowhere"], 40, status=1))
    assert_fits(lines, 40)
    assert lines[0].startswith("cyberprofiles: no profile matches")
    assert "'cyberprofiles" in " ".join(lines).split()
    lines = visible(in_terminal(["list", "--kind", "foo"], 40, status=2))
    assert_fits(lines, 40)
    assert lines[0] == "Usage: cyberprofiles list"  # no space left before the break
    assert "'partially-recognised-state'," in " ".join(lines).split()
    piped = subprocess.run([*COMMAND, "show", "nowhere"], capture_output=True, text=True)
    assert piped.returncode == 1
    assert piped.stderr.count("\n") == 1 and "the dataset covers" in piped.stderr


def test_a_bracket_before_a_long_url_stays_with_the_text() -> None:
    from cyberprofiles.layout import wrap

    url = "https://example.org/" + "a" * 60
    lines = wrap(f"As a report says ({url}). Then more.", 40)
    assert lines == ["As a report says (", f"{url}).", "Then more."]
    assert wrap(f"({url})", 40) == ["(", f"{url})"]
    assert wrap("(https://short.example)", 40) == ["(https://short.example)"]
