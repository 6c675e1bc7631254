"""Bad input of every kind gets a one-line answer naming the file, a documented exit code, nothing
half-printed on stdout, and never a traceback or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cyberprofiles.dataset import load

GOOD = 'id = "x{n}"\nname = "Place {n}"\nkind = "organisation"\nreviewed = 2026-01-01\n'


def _bad_folder(tmp_path: Path, name: str, content: bytes) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(content)
    return folder


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'id = "x"\nname = [\n', "TOML syntax error"),
        (b'id = "x"\nname = "caf\xe9"\n', "not UTF-8"),
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b'id = "y"\nname = "X"\nkind = "state"\nreviewed = 2026-01-01\n', "bad.toml:1: id"),
        (
            b'id = "x"\nname = "X"\nkind = "organisation"\nreviewed = 2026-01-01\n'
            b'[[documents]]\ntitle = "T"\nkind = "law"\nyear = "soon"\nsource = "https://e.org"\n',
            "valid integer",
        ),
        (
            b'id = "x"\nname = "X"\nkind = "organisation"\nreviewed = 2026-01-01\n'
            b'[[documents]]\ntitle = "T"\nkind = "law"\nyear = 20018\nsource = "https://e.org"\n',
            "20018",
        ),
        (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", "bad.toml"),
        (b"[" + b".".join([b"t"] * 3000) + b"]\nx = 1\n", "bad.toml"),
    ],
    ids=[
        "syntax",
        "not-utf8",
        "empty",
        "blank",
        "misnamed",
        "wrong-type",
        "year-20018",
        "deep-array",
        "deep-tables",
    ],
)
def test_bad_file_is_reported_with_its_name(cli, tmp_path, content, expected) -> None:  # type: ignore[no-untyped-def]
    folder = _bad_folder(tmp_path, "bad.toml", content)
    result = cli("list", "--json", "--data", str(folder))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "bad.toml" in result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_named_like_a_toml_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    (folder / "odd.toml").mkdir(parents=True)
    result = cli("list", "--data", str(folder))
    assert result.exit_code == 3
    assert "odd.toml: is a folder" in result.stderr


def test_missing_data_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("list", "--data", str(tmp_path / "nowhere"))
    assert result.exit_code == 3
    assert "nowhere: no such file or folder" in result.stderr


def test_symlink_loop(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    folder.mkdir()
    os.symlink(folder / "b.toml", folder / "a.toml")
    os.symlink(folder / "a.toml", folder / "b.toml")
    result = cli("validate", str(folder))
    assert result.exit_code == 1
    assert "a.toml: is a link to nothing" in result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _bad_folder(tmp_path, "secret.toml", GOOD.format(n=1).encode())
    (folder / "secret.toml").chmod(0)
    result = cli("list", "--data", str(folder))
    assert result.exit_code == 3
    assert "secret.toml: cannot be read" in result.stderr


def test_ten_thousand_files_load(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(10_000):
        (folder / f"x{n}.toml").write_text(GOOD.format(n=n))
    data = load([folder], packaged=False, use_env=False)
    assert len(data) == 10_000
    assert data.resolve("Place 9999").id == "x9999"


def test_a_very_long_string_is_fine(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long = "A" * 1_000_000
    folder = _bad_folder(tmp_path, "x1.toml", GOOD.format(n=1).replace("Place 1", long).encode())
    result = cli("list", "--format", "csv", "--data", str(folder), "--kind", "organisation")
    assert result.exit_code == 0
    assert long in result.stdout


def test_error_messages_do_not_echo_control_characters(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _bad_folder(
        tmp_path, "bad.toml", (GOOD.format(n=1) + 'kind2 = "\\u001b[2J"\n').encode()
    )
    result = cli("list", "--data", str(folder))
    assert result.exit_code == 3
    assert "\x1b" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--strategy-since", "soon"],
        ["list", "--format", "xml"],
        ["list", "--cert-status", "maybe"],
        ["list", "--sort", "size"],
        ["show", "--bogus"],
    ],
)
def test_bad_command_line_values_exit_2(cli, args) -> None:  # type: ignore[no-untyped-def]
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_name_that_matches_nothing(cli) -> None:  # type: ignore[no-untyped-def]
    for name in ("", "   ", "zzqqxx", "\x1b[2J"):
        result = cli("show", name)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "\x1b" not in result.stderr


def test_ctrl_c_ends_quietly_with_code_130(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import cyberprofiles.dataset
    from cyberprofiles.cli import main

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cyberprofiles.dataset, "load", interrupted)
    assert main(["list"]) == 130
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
