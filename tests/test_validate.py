"""``validate``, ``schema`` and ``new``: a contributor learns every mistake before review."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import MINI, count_calls

from cyberprofiles.validation import validate


def test_clean_files_exit_0(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("validate", str(MINI))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no problems in 4 files" in result.stderr


def test_every_problem_is_reported_not_only_the_first(mini_copy: Path) -> None:
    (mini_copy / "freedonia.toml").write_text(
        (mini_copy / "freedonia.toml").read_text().replace("year = 2019", "year = 20019")
    )
    fenwick = mini_copy / "grand-fenwick.toml"
    fenwick.write_text(
        fenwick.read_text().replace('kind = "strategy"', 'kind = "strategy"\ncolour = 1')
    )
    ruritania = mini_copy / "ruritania.toml"
    ruritania.write_text(ruritania.read_text().replace('partner = "freedonia"', 'partner = "oz"'))
    (mini_copy / "broken.toml").write_text('id = "broken"\nname = \n')
    problems, checked = validate([mini_copy])
    assert checked == 5
    found = {(p.path.name, p.field) for p in problems}
    assert ("freedonia.toml", "documents[0].year") in found
    assert ("grand-fenwick.toml", "documents[0].colour") in found
    assert ("ruritania.toml", "cooperation[0].partner") in found
    assert any(p.path.name == "broken.toml" and p.line == 2 for p in problems)


def test_duplicate_ids_and_clashing_names_and_codes(mini_copy: Path) -> None:
    copy = (mini_copy / "freedonia.toml").read_text()
    (mini_copy / "freedonia-again.toml").write_text(copy)
    (mini_copy / "sylvania.toml").write_text(
        copy.replace('id = "freedonia"', 'id = "sylvania"')
        .replace('name = "Freedonia"', 'name = "Sylvania"')
        .replace('official_name = "Republic of Freedonia"', 'aliases = ["Fenwick"]')
        .replace('iso2 = "XB"', 'iso2 = "XC"')
        .replace('iso3 = "XBB"', 'iso3 = "XSS"')
    )
    problems, _ = validate([mini_copy])
    messages = [str(p) for p in problems]
    assert any("id 'freedonia' is also used by" in m for m in messages)
    assert any("sylvania.toml" in m and "iso2" in m and "grand-fenwick" in m for m in messages)


def test_files_found_sound_are_not_checked_across_again_until_one_changes(
    mini_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cyberprofiles import validation

    assert validate([mini_copy])[0] == []
    calls = count_calls(monkeypatch, validation, "clash_problems")
    assert validate([mini_copy])[0] == [] and calls == []  # the same files: sound before
    # A new file whose code clashes with another profile's: checked again, and reported.
    copy = (mini_copy / "freedonia.toml").read_text()
    (mini_copy / "sylvania.toml").write_text(
        copy.replace('id = "freedonia"', 'id = "sylvania"').replace(
            'name = "Freedonia"', 'name = "Sylvania"'
        )
    )
    problems, _ = validate([mini_copy])
    assert calls == [1] and any("sylvania.toml" in str(p) for p in problems)


def test_user_files_may_refer_to_packaged_profiles(tmp_path: Path) -> None:
    (tmp_path / "my-notes-on-nato.toml").write_text(
        'id = "my-notes-on-nato"\nname = "My NATO notes"\nkind = "organisation"\n'
        'reviewed = 2026-01-01\n[[cooperation]]\npartner = "nato"\nkind = "dialogue"\n'
        'summary = "Notes."\nsource = "https://example.org/notes"\n'
    )
    problems, checked = validate([tmp_path])
    assert (problems, checked) == ([], 1)


def test_validate_json_for_ci_annotations(cli, mini_copy: Path) -> None:  # type: ignore[no-untyped-def]
    path = mini_copy / "freedonia.toml"
    path.write_text(path.read_text().replace("year = 2019", 'year = "soon"'))
    result = cli("validate", str(mini_copy), "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)
    assert problem["file"] == str(path)
    assert problem["field"] == "documents[0].year"
    assert isinstance(problem["line"], int)


def test_packaged_data_validates(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("validate")
    assert result.exit_code == 0, result.stdout


def test_schema_is_json_schema_of_a_profile(cli) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads(cli("schema").stdout)
    assert schema["title"] == "Profile"
    assert schema["additionalProperties"] is False
    assert {"id", "name", "kind", "reviewed"} <= set(schema["required"])


def test_new_writes_a_valid_template_into_a_new_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "my-profiles" / "drafts"  # does not exist yet
    result = cli("new", "Côte d'Azur", "--dir", str(folder))
    assert result.exit_code == 0, result.stderr
    path = folder / "cote-d-azur.toml"
    assert result.stdout.strip() == str(path)
    assert cli("validate", str(path)).exit_code == 0  # valid as written
    schema = json.loads((folder / "profile.schema.json").read_text())  # what line 1 points to
    assert path.read_text().startswith("#:schema ./profile.schema.json")
    assert schema["title"] == "Profile"
    shown = cli("show", "cote-d-azur", "--data", str(folder))
    assert shown.exit_code == 0 and "Côte d'Azur" in shown.stdout
    organisation = cli("new", "Pacific Forum", "--kind", "organisation", "--dir", str(folder))
    assert organisation.exit_code == 0
    assert cli("validate", str(folder)).exit_code == 0


@pytest.mark.parametrize("name", ["Caf\udce9 Republic", "Two\nLines", "\t"])
def test_new_refuses_names_it_cannot_write_and_leaves_no_file(cli, tmp_path: Path, name) -> None:  # type: ignore[no-untyped-def]
    result = cli("new", name, "--dir", str(tmp_path))
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_to_overwrite(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "atlantis.toml").write_text("keep me")
    result = cli("new", "Atlantis", "--dir", str(tmp_path))
    assert result.exit_code == 4
    assert "already exists" in result.stderr
    assert (tmp_path / "atlantis.toml").read_text() == "keep me"


def test_env_variable_adds_folders_like_path(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other"
    other.mkdir()
    (other / "xanadu.toml").write_text(
        'id = "xanadu"\nname = "Xanadu"\nkind = "state"\niso2 = "XX"\niso3 = "XXX"\n'
        "reviewed = 2026-01-01\n"
    )
    env = {"CYBERPROFILES_DATA": os.pathsep.join([str(MINI), str(other)])}
    result = cli("show", "xanadu", "ruritania", "--json", env=env)
    assert [p["id"] for p in json.loads(result.stdout)] == ["xanadu", "ruritania"]
    gone = os.pathsep.join([str(tmp_path / "gone"), str(other), "", "~/nowhere-at-all"])
    result = cli("show", "xanadu", "serbia", "--json", env={"CYBERPROFILES_DATA": gone})
    assert result.exit_code == 0  # folders that do not exist are skipped, as PATH skips them
    assert [p["id"] for p in json.loads(result.stdout)] == ["xanadu", "serbia"]
    assert "gone does not exist; skipped" in result.stderr
    assert "nowhere-at-all does not exist" in result.stderr and "~" not in result.stderr


def test_problems_name_files_as_the_user_would_type_them(
    cli, mini_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # Files are read as paths as text; a message must still name them as ``Path`` does, with
    # no "./" or doubled separator, whichever way the folder was given.
    (mini_copy / "broken.toml").write_text('id = "broken"\nname = \n')
    copy = (mini_copy / "freedonia.toml").read_text()
    (mini_copy / "freedonia-again.toml").write_text(copy)
    monkeypatch.chdir(mini_copy)
    for given in (".", "./", str(mini_copy) + os.sep):
        result = cli("validate", given)
        assert result.exit_code == 1  # validate: 1 when the files have problems
        prefix = "" if given in (".", "./") else str(mini_copy) + os.sep
        lines = result.stdout.splitlines()
        assert any(line.startswith(f"{prefix}broken.toml:2:") for line in lines), lines
        other = f"{prefix}freedonia-again.toml"
        duplicate = f"{prefix}freedonia.toml: id: id 'freedonia' is also used by {other}"
        assert duplicate in lines, lines


def test_a_tie_recorded_in_both_partners_files_is_reported(mini_copy: Path) -> None:
    # Each tie is recorded once and shown from both sides: the same act (same kind, same year,
    # same month where both give one) recorded again by the partner is a problem in each file.
    freedonia = mini_copy / "freedonia.toml"
    tie = (
        '\n[[cooperation]]\npartner = "ruritania"\nkind = "donation"\nyear = {year}\n'
        'direction = "received"\nsummary = "A training laboratory paid for by Ruritania."\n'
        'source = "https://example.org/lab"\n'
    )
    original = freedonia.read_text()
    freedonia.write_text(original + tie.format(year=2020))
    problems, _ = validate([mini_copy])
    found = {(p.path.name, p.field): p.message for p in problems}
    assert "ruritania.toml also records this tie (donation, 2020)" in found.get(
        ("freedonia.toml", "cooperation[0].partner"), ""
    ), found
    assert "freedonia.toml also records this tie" in found.get(
        ("ruritania.toml", "cooperation[0].partner"), ""
    ), found
    freedonia.write_text(original + tie.format(year=2021))  # another year: another act
    problems, _ = validate([mini_copy])
    assert not [p for p in problems if "also records this tie" in p.message], problems
