"""Hostile input, odd files, broken streams and signals: the command answers correctly or says
what went wrong with a documented exit code, never hangs, crashes or writes control sequences.
Run through the command itself (``python -m cyberprofiles``), as a user or a script would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ORG = 'id = "{id}"\nname = "{name}"\nkind = "organisation"\nreviewed = 2026-01-01\n'
COMMAND = [sys.executable, "-m", "cyberprofiles"]


def run(*args: str, env: dict[str, str] | None = None, **kwargs):  # type: ignore[no-untyped-def]
    full_env = {**os.environ, "CYBERPROFILES_PAGER": "", **(env or {})}
    full_env.pop("CYBERPROFILES_DATA", None)
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, env=full_env, timeout=120, **kwargs
    )


def _folder(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return folder


def _clean(result: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_the_data_never_makes_the_command_wait(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {})
    os.mkfifo(folder / "fifo.toml")
    for args in (["list", "--data", str(folder)], ["list", "--data", str(folder / "fifo.toml")]):
        result = run(*args)
        assert result.returncode == 3 and b"is a pipe" in result.stderr
        _clean(result)


def test_a_device_is_not_read_without_end(tmp_path: Path) -> None:
    result = run("list", "--data", "/dev/zero")
    assert result.returncode == 3 and b"not a regular file" in result.stderr
    _clean(result)


def test_an_editors_lock_file_is_not_a_profile(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"alpha.toml": ORG.format(id="alpha", name="Alpha Forum")})
    os.symlink("user@host.1234:1700000000", folder / ".#alpha.toml")  # how Emacs locks a file
    result = run("show", "alpha", "--json", "--data", str(folder))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["name"] == "Alpha Forum"


def test_a_file_name_that_is_not_utf8_is_named_with_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    weird = os.fsencode(folder) + b"/atl\xe9ntis.toml"
    with open(weird, "w", encoding="utf-8") as out:
        out.write(ORG.format(id="atlantis", name="Atlantis"))
    shown = run("show", "atlantis", "--data", str(folder))
    assert shown.returncode == 3 and b"atl\\xe9ntis.toml" in shown.stderr
    checked = run("validate", str(folder))
    assert checked.returncode == 1 and b"must be named atlantis.toml" in checked.stdout
    _clean(shown)
    _clean(checked)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"alpha.toml": "\ufeff" + ORG.format(id="alpha", name="Alpha")})
    assert run("validate", str(folder)).returncode == 0


def test_line_separators_in_a_string_do_not_shift_line_numbers(tmp_path: Path) -> None:
    text = ORG.format(id="alpha", name="Alpha\u2028Forum\u0085\u2029") + "colour = 1\n"
    folder = _folder(tmp_path, {"alpha.toml": text})
    result = run("validate", str(folder), "--json")
    [problem] = json.loads(result.stdout)
    assert problem["line"] == 5 and problem["field"] == "colour"


@pytest.mark.parametrize("amount", ["nan", "-inf", "inf"])
def test_an_amount_must_be_a_finite_number(tmp_path: Path, amount: str) -> None:
    text = ORG.format(id="alpha", name="Alpha") + (
        '[[cooperation]]\npartner = "nato"\nkind = "donation"\n'
        f'amount = {amount}\ncurrency = "EUR"\nsummary = "x"\nsource = "https://e.org"\n'
    )
    result = run("show", "alpha", "--json", "--data", str(_folder(tmp_path, {"alpha.toml": text})))
    assert result.returncode == 3 and b"finite number" in result.stderr
    assert result.stdout == b""


def test_compare_of_too_many_names_is_refused() -> None:
    result = run("compare", *["serbia"] * 26)
    assert result.returncode == 2 and b"2 to 12 names (got 26)" in result.stderr


def test_a_profile_whose_id_is_another_ones_code_is_reachable_by_its_id(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"can.toml": ORG.format(id="can", name="Andean Community")})
    result = run("show", "can", "--json", "--data", str(folder))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["name"] == "Andean Community"


def test_validate_sees_what_a_replacement_breaks_elsewhere(tmp_path: Path) -> None:
    text = 'id = "nato"\nname = "Not NATO"\nkind = "state"\nreviewed = 2026-01-01\n'
    folder = _folder(tmp_path, {"nato.toml": text})
    result = run("validate", str(folder))
    assert result.returncode == 1
    assert b"which is a state, not an organisation" in result.stdout
    assert b"replaced by" in result.stdout
    assert run("list", "--data", str(folder)).returncode == 3  # and load agrees


def test_a_full_disk_is_a_write_error_not_a_bug() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*COMMAND, "show", "serbia"], stdout=full, stderr=subprocess.PIPE, timeout=120
        )
    assert result.returncode == 4
    assert b"no space left" in result.stderr
    _clean(result)


def test_a_closed_stdout_is_a_write_error_not_a_bug() -> None:
    result = subprocess.run(
        [*COMMAND, "list", "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 4 and b"standard output is closed" in result.stderr
    _clean(result)


@pytest.mark.parametrize(
    "args",
    [["show", "serbia"], ["list", "--format", "ndjson"], ["partners", "--format", "csv"]],
)
def test_a_reader_that_goes_away_ends_the_command_quietly_and_successfully(args: list[str]) -> None:
    process = subprocess.Popen(
        [*COMMAND, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "CYBERPROFILES_PAGER": ""},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()  # what `| head -c100` does
    error = process.stderr.read()
    assert process.wait(timeout=120) == 0
    assert error == b""


def test_ctrl_c_while_starting_ends_quietly() -> None:
    for delay in (0.06, 0.1, 0.2):  # Python's own start-up (before any of ours) is not ours
        process = subprocess.Popen(
            [*COMMAND, "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, error = process.communicate(timeout=120)
        assert process.returncode in (0, -signal.SIGINT, 130)
        assert b"Traceback" not in error and b"KeyboardInterrupt" not in error


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "czechia", "cote d'ivoire"],
        ["compare", "czechia", "turkiye"],
        ["search", "cote"],
        ["timeline"],
        ["stats", "--coverage"],
    ],
)
def test_a_legacy_locale_gets_readable_output(args: list[str]) -> None:
    result = run(*args, env={"PYTHONIOENCODING": "iso-8859-1", "LC_ALL": "C"})
    assert result.returncode == 0, result.stderr
    _clean(result)
    result.stdout.decode("iso-8859-1")  # what the terminal will show: no broken bytes
    for drawn in ("\u2588", "\u2500", "\u2026", "\u2260"):  # bars, rules, ellipses: as ASCII
        assert drawn.encode("unicode_escape") not in result.stdout, drawn
    assert b"\xa0" not in result.stdout  # no-break spaces print as spaces


CONTROL = "Evil\x1b]0;pwned\x07Land \u202e\u200b\u009b31m"


def test_control_and_invisible_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    text = ORG.format(id="evil", name=json.dumps(CONTROL)[1:-1]) + (
        f'[[members]]\nmember = "serbia"\nsource = "https://e.org"\nnote = {json.dumps(CONTROL)}\n'
    )
    folder = _folder(tmp_path, {"evil.toml": text})
    forbidden = [b"\x1b", b"\x07", "\u202e".encode(), "\u200b".encode(), "\u009b".encode()]
    for args in (
        ["show", "evil"],
        ["list", "--kind", "organisation"],
        ["partners", "evil", "--format", "dot"],
        ["partners", "evil", "--format", "mermaid"],
        ["show", "evil", "--json"],
        ["show", "evil", "--format", "ndjson"],
        ["list", "--format", "ndjson"],
        ["list", "--format", "markdown"],
    ):
        result = run(*args, "--data", str(folder))
        assert result.returncode == 0, (args, result.stderr)
        for byte in forbidden:
            assert byte not in result.stdout, (args, byte)
    data = json.loads(run("show", "evil", "--json", "--data", str(folder)).stdout)
    assert data[0]["name"] == CONTROL  # JSON escapes them: the value itself is intact


def test_records_written_unread_are_the_json_that_decoding_them_would_give(
    tmp_path: Path,
) -> None:
    """``list --format ndjson`` (and ``--json`` over many profiles) writes each record's checked
    JSON text as it is: it must be, byte for byte, what decoding and encoding it again gives,
    floats in exponent form and characters a terminal would obey included."""
    from cyberprofiles.formats.json import dumps

    ties = "".join(
        f'[[cooperation]]\npartner = "serbia"\nkind = "donation"\namount = {amount}\n'
        f'currency = "EUR"\nsummary = {json.dumps(CONTROL)}\nsource = "https://e.org"\n'
        for amount in ("1e-05", "2.5e16", "3000000.0", "0.1")
    )
    folder = _folder(tmp_path, {"evil.toml": ORG.format(id="evil", name="Evil") + ties})
    for env in ({}, {"CYBERPROFILES_NO_CACHE": "1"}):  # from the cache, and checked afresh
        result = run("list", "--format", "ndjson", "--data", str(folder), env=env)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.decode("utf-8").splitlines()
        assert lines and all(line == dumps(json.loads(line)) for line in lines)
        evil = [json.loads(line) for line in lines if '"id":"evil"' in line]
        assert [c["amount"] for c in evil[0]["cooperation"]] == [1e-05, 2.5e16, 3e6, 0.1]
        assert "\u202e" not in result.stdout.decode("utf-8")


def test_a_newline_in_a_name_cannot_forge_a_row(tmp_path: Path) -> None:
    text = ORG.format(id="twoline", name="Two\\nArgentina")
    result = run(
        "list", "--kind", "organisation", "--data", str(_folder(tmp_path, {"twoline.toml": text}))
    )
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert any("Two\\x0aArgentina" in line for line in lines)
    assert not any(line.startswith("Argentina") for line in lines)


def test_csv_can_guard_against_spreadsheet_formulas(tmp_path: Path) -> None:
    text = ORG.format(id="formula", name="=HYPERLINK(1)")
    folder = _folder(tmp_path, {"formula.toml": text})
    plain = run("list", "--kind", "organisation", "--format", "csv", "--data", str(folder))
    guarded = run(
        "list", "--kind", "organisation", "--csv-safe", "-f", "csv", "--data", str(folder)
    )
    assert b",=HYPERLINK(1)," in plain.stdout
    assert b",'=HYPERLINK(1)," in guarded.stdout


def test_an_empty_data_path_is_a_usage_error() -> None:
    result = run("list", "--data", "")
    assert result.returncode == 2 and b"--data needs a folder" in result.stderr
    assert run("list", "--data", "  ").returncode == 2


def test_a_very_long_field_is_searched_and_shown_without_delay(tmp_path: Path) -> None:
    words = ("cyber range exercise infrastructure " * 60_000).strip()  # about 2 MB
    text = ORG.format(id="long", name="Long") + f'summary = "{words}"\n'
    folder = _folder(tmp_path, {"long.toml": text})
    found = run("search", "cyber range", "--json", "--data", str(folder))
    assert found.returncode == 0 and "long" in {h["id"] for h in json.loads(found.stdout)}
    assert run("show", "long", "--data", str(folder)).returncode == 0
