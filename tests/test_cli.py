"""The command line as users and scripts meet it: formats, exit codes, streams, safety."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import MINI

MINI_ARGS = ["--data", str(MINI)]


def test_show_json_is_an_array_of_full_records(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("show", "ruritania", "XB", "--json", *MINI_ARGS)
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == ["ruritania", "freedonia"]
    assert records[0]["cert"]["acronym"] == "RU-CERT"
    assert records[0]["documents"][1]["year"] == 2015
    assert result.stderr == ""


def test_show_table_has_the_sections_a_reader_needs(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("show", "Kingdom of Ruritania", *MINI_ARGS, env={"COLUMNS": "200"})
    assert result.exit_code == 0
    out = result.stdout
    for expected in (
        "Ruritania",
        "Strategies and laws",
        "National Cybersecurity Strategy 2021-2025",
        "RU-CERT",
        "Northern Alliance",
        "Freedonia",
        "Training laboratory",
        "https://example.org/ru-cert",
        "Data file",  # a profile from a user's folder says where it came from
    ):
        assert expected in out, expected


def test_list_ndjson_and_csv_parse(cli) -> None:  # type: ignore[no-untyped-def]
    args = ["list", "--partner", "northern alliance", *MINI_ARGS]
    nd = cli(*args, "--format", "ndjson")
    assert [json.loads(line)["id"] for line in nd.stdout.splitlines()] == [
        "grand-fenwick",
        "ruritania",
    ]
    rows = list(csv.DictReader(io.StringIO(cli(*args, "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == ["grand-fenwick", "ruritania"]
    assert rows[1]["first_strategy_year"] == "2015"
    assert rows[0]["cert_status"] == "none"


def test_list_table_shows_the_summary_columns(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("list", "--member", "NDA", *MINI_ARGS)
    assert result.exit_code == 0
    assert "Ruritania" in result.stdout
    assert "2015" in result.stdout and "2021" in result.stdout
    assert "RU-CERT" in result.stdout
    assert "Grand Fenwick" not in result.stdout  # a partner, not a member


def test_empty_result_is_an_empty_json_array(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("list", "--strategy-year", "1991", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_unknown_name_exits_1_with_suggestions_and_no_stdout(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("show", "Fredonia", *MINI_ARGS)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "did you mean: freedonia" in result.stderr


def test_ambiguous_name_lists_candidates(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("show", "free", *MINI_ARGS)
    assert result.exit_code == 1
    assert "freedonia" in result.stderr and "grand-fenwick" in result.stderr
    assert result.stdout == ""


def test_usage_errors_exit_2(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("list", "--format", "xml").exit_code == 2
    assert cli("list", "--strategy-since", "soon").exit_code == 2
    assert cli("show").exit_code == 2


def test_invalid_data_exits_3_naming_file_and_line(cli, mini_copy: Path) -> None:  # type: ignore[no-untyped-def]
    path = mini_copy / "freedonia.toml"
    path.write_text(path.read_text().replace("year = 2019", "year = 20019"))
    result = cli("show", "freedonia", "--data", str(mini_copy))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert f"{path}:" in result.stderr and "documents[0].year" in result.stderr


def test_markup_and_escape_sequences_in_data_print_literally(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    summary = "[bold red]loud[/bold red] [link=https://evil.example]x[/link] \x1b[31mred\x1b[0m [x]"
    (tmp_path / "oddland.toml").write_text(
        'id = "oddland"\nname = "Oddland"\nkind = "state"\niso2 = "XO"\niso3 = "XOO"\n'
        f"summary = {json.dumps(summary)}\nreviewed = 2026-01-01\n",
        encoding="utf-8",
    )
    table = cli("show", "oddland", "--data", str(tmp_path))
    assert "[bold red]loud[/bold red]" in table.stdout
    assert "[link=https://evil.example]x[/link]" in table.stdout
    assert "\\x1b[31mred" in table.stdout
    assert "\x1b" not in table.stdout
    as_json = cli("show", "oddland", "--json", "--data", str(tmp_path))
    assert json.loads(as_json.stdout)[0]["summary"] == summary


def test_help_leads_with_examples(cli) -> None:  # type: ignore[no-untyped-def]
    for command in ("show", "list"):
        out = cli(command, "--help").stdout
        assert out.index("Examples:") < out.index("Options")
    assert "cyberprofiles show serbia" in cli("--help").stdout


def test_version_names_package_and_dataset(cli) -> None:  # type: ignore[no-untyped-def]
    import cyberprofiles

    out = cli("--version").stdout
    assert f"cyberprofiles {cyberprofiles.__version__}" in out
    assert "last reviewed" in out


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    script = (
        f"{sys.executable} -m cyberprofiles list --format ndjson 2>{tmp_path / 'err'} | head -1"
    )
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120)
    assert json.loads(done.stdout)["id"]
    assert (tmp_path / "err").read_text() == ""


def test_colour_only_when_wanted(command) -> None:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    plain = command("list", "--kind", "organisation", env=env)
    assert plain.returncode == 0 and "\x1b[" not in plain.stdout
    forced = command("list", "--kind", "organisation", env={**env, "FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    no_colour = command(
        "list", "--kind", "organisation", env={**env, "FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert "\x1b[3" not in no_colour.stdout  # no colour codes (bold may remain)


def test_installed_entry_point_keeps_every_command_in_help(command) -> None:  # type: ignore[no-untyped-def]
    top = command("--help")
    assert top.returncode == 0
    for name in ("show", "list", "search", "compare", "partners", "timeline", "stats", "validate"):
        assert f"  {name}" in top.stdout, name
    sub = command("search", "--help")
    assert sub.returncode == 0 and sub.stdout.index("Examples:") < sub.stdout.index("Options")
    typo = command("shwo", "serbia")
    assert typo.returncode == 2 and "show" in typo.stderr


ANSI = __import__("re").compile(r"\x1b\[[0-9;]*m")


def test_terminal_renderings_of_list_and_search(cli) -> None:  # type: ignore[no-untyped-def]
    wide = {"FORCE_COLOR": "1", "COLUMNS": "200"}
    table = cli("list", "--member", "NDA", *MINI_ARGS, env=wide).stdout
    assert "\x1b[" in table  # rendered by Rich for a terminal
    plain = ANSI.sub("", table)
    assert "Ruritania" in plain and "RU-CERT" in plain and "2015" in plain
    narrow = ANSI.sub(
        "", cli("list", "--member", "NDA", *MINI_ARGS, env={**wide, "COLUMNS": "40"}).stdout
    )
    assert "Ruritan" in narrow and "│" not in narrow  # wrapped into a Rich table, still readable
    hits = cli("search", "freedonian laboratory", *MINI_ARGS, env=wide).stdout
    assert "\x1b[1;33mlaboratory" in hits  # the match highlighted
    assert "Ruritania" in ANSI.sub("", hits)


def test_piped_list_and_search_are_plain_aligned_text(cli) -> None:  # type: ignore[no-untyped-def]
    lines = cli("list", "--partner", "NDA", *MINI_ARGS).stdout.splitlines()
    assert lines[0].split() == ["Name", "Region", "First", "Latest", "CERT", "Partners"]
    assert set(lines[1]) == {"─"}
    assert [line.split()[0] for line in lines[2:]] == ["Grand", "Ruritania"]
    assert lines[2].index("2018") == lines[3].index("2015")  # columns line up
    assert "\x1b" not in "".join(lines)


FULL_WAY = "import sys; from cyberprofiles.cli import main; sys.exit(main())"


def test_the_shortcut_prints_what_the_full_command_line_prints(tmp_path: Path) -> None:
    """``show``, ``list``, ``search`` and ``stats`` run without Typer when they can; piped
    or on a terminal, for success or for errors, the user sees the same bytes either way."""
    from cyberprofiles.shortcut import Invocation, parse

    replaced = tmp_path / "mine"
    replaced.mkdir()
    serbia = (Path(__file__).parents[1] / "data" / "serbia.toml").read_text(encoding="utf-8")
    (replaced / "serbia.toml").write_text(serbia.replace("Serbia", "Serbia (mine)", 1))
    cases = [
        ["show", "serbia", "--format", "json"],
        ["show", "rs", "BIH", "-f", "csv"],
        ["show", "japan", "--json", "--format", "markdown"],
        ["show", "brazil"],
        ["show", "atlantis"],  # no such profile: the full command line reports it
        ["show", ""],
        ["list"],
        ["list", "--format=ndjson"],
        ["search", "critical infrastructure"],
        ["search", "exercise", "--json"],
        ["search", '"no such phrase anywhere"'],
        ["show", "freedonia", "--data", str(MINI), "--json"],
        ["list", f"--data={MINI}", "-f", "csv"],
        ["show", "serbia", "--data", str(replaced)],  # the user's file over the packaged one
        ["show", "atlantis", "--data", str(replaced)],
        ["list", "--data", str(tmp_path / "nowhere")],
        ["stats"],
        ["stats", "--json", "--data", str(MINI)],
    ]
    assert parse(cases[0]) == Invocation("show", ["serbia"], "json", [])
    assert parse(cases[2]) == Invocation("show", ["japan"], "json", [])
    assert parse(cases[12]) == Invocation("list", [], "csv", [str(MINI)])
    assert parse(["list", "--kind", "state"]) is None
    assert parse(["search", "a", "b"]) is None and parse(["show"]) is None
    assert parse(["list", "--data", ""]) is None
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.pop("CYBERPROFILES_DATA", None)
    gone = {**env, "CYBERPROFILES_DATA": str(tmp_path / "gone")}  # a warning on stderr
    runs = [(args, env) for args in cases]
    runs += [(["show", "serbia", "--json"], gone), (["show", "atlantis"], gone)]
    for args, with_env in runs:
        short = subprocess.run(
            [sys.executable, "-m", "cyberprofiles", *args], capture_output=True, env=with_env
        )
        full = subprocess.run(
            [sys.executable, "-c", FULL_WAY, *args], capture_output=True, env=with_env
        )
        assert (short.returncode, short.stdout, short.stderr) == (
            full.returncode,
            full.stdout,
            full.stderr,
        ), args
    assert b"does not exist" in short.stderr and b"atlantis" in short.stderr
    tty = {**env, "FORCE_COLOR": "1", "COLUMNS": "80", "CYBERPROFILES_PAGER": "cat"}
    for args in (["list"], ["show", "serbia"], ["search", "critical infrastructure"], ["stats"]):
        assert _on_terminal(["-m", "cyberprofiles", *args], tty) == _on_terminal(
            ["-c", FULL_WAY, *args], tty
        ), args


def _on_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """What a command writes on a pseudo-terminal."""
    import pty
    import re

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execve(sys.executable, [sys.executable, *args], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return re.sub(rb"\x1b]8;id=\d+;", b"\x1b]8;;", out)  # link ids differ from run to run


def test_notes_on_positions_and_cooperation_are_shown(cli) -> None:  # type: ignore[no-untyped-def]
    """Where a position's year or a tie's date comes from another source, ``show`` says so
    below the entry, apart from its summary."""
    shown = cli("show", "poland", "canada", env={"COLUMNS": "200"}).stdout
    assert "Note: The year is the one given by the CCDCOE cyber law toolkit" in shown
    assert "Note: The year and month are the ones given in the ministers' joint statement" in shown


def test_terminal_colours_are_decided_as_rich_decides_them(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The terminal view reads TERM, COLORTERM and NO_COLOR itself rather than loading Rich's
    Console; for every combination it must agree with the Console it stands in for."""
    import itertools

    from rich.console import Console

    from cyberprofiles.output import terminal_colours

    terms = [None, "", "xterm", "xterm-256color", "screen-16color", "xterm-kitty", "dumb", "DUMB"]
    terms += ["unknown", "vt100", " xterm-256color "]
    colorterms = [None, "", "truecolor", "24bit", " TrueColor ", "yes"]
    for term, colorterm, no_color in itertools.product(terms, colorterms, [None, "", "1"]):
        for name, value in (("TERM", term), ("COLORTERM", colorterm), ("NO_COLOR", no_color)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        console = Console(file=io.StringIO(), force_terminal=True)
        expected = (console.color_system, console.no_color)
        assert terminal_colours() == expected, (term, colorterm, no_color)
