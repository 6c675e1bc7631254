"""The models reject mistakes a contributor could make, with the file, line and field named."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberprofiles.checking import read_profile
from cyberprofiles.dataset import load
from cyberprofiles.errors import DataError


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_is_an_error_naming_file_line_and_field(mini_copy: Path) -> None:
    path = mini_copy / "freedonia.toml"
    text = path.read_text().replace('kind = "law"', 'kind = "law"\nyaer = 2019')
    path.write_text(text)
    profile, problems = read_profile(path)
    assert profile is None
    [problem] = problems
    assert problem.field == "documents[0].yaer"
    assert "unknown key" in problem.message
    assert problem.line == text.splitlines().index("yaer = 2019") + 1


def test_wrong_type_and_impossible_year_are_rejected(mini_copy: Path) -> None:
    path = mini_copy / "grand-fenwick.toml"
    path.write_text(path.read_text().replace("year = 2018", 'year = "soon"'))
    _, problems = read_profile(path)
    assert [p.field for p in problems] == ["documents[0].year"]
    assert "soon" in problems[0].message

    path.write_text(path.read_text().replace('year = "soon"', "year = 20018"))
    _, problems = read_profile(path)
    assert problems[0].field == "documents[0].year"
    assert "20018" in problems[0].message


def test_a_fact_without_a_source_is_rejected(mini_copy: Path) -> None:
    path = mini_copy / "grand-fenwick.toml"
    path.write_text(
        path.read_text().replace('source = "https://example.org/fenwick/strategy"\n', "")
    )
    _, problems = read_profile(path)
    assert [(p.field, p.message) for p in problems] == [
        ("documents[0].source", "required key is missing")
    ]


def test_a_cert_year_may_cite_its_own_source_and_show_cites_both(mini_copy: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = mini_copy / "ruritania.toml"
    cited = path.read_text().replace(
        'source = "https://example.org/ru-cert"\n',
        'source = "https://example.org/ru-cert"\nyear_source = "https://example.org/ru-cert-history"\n',
    )
    path.write_text(cited)
    shown = cli("show", "ruritania", "--data", str(mini_copy), env={"COLUMNS": "200"}).stdout
    assert "https://example.org/ru-cert-history" in shown
    assert "https://example.org/ru-cert\n" in shown or "https://example.org/ru-cert " in shown
    path.write_text(cited.replace("year = 2012\n", ""))
    _, problems = read_profile(path)
    assert [p.field for p in problems] == ["cert"]
    assert "no year is given" in problems[0].message


def test_a_place_without_iso_codes_is_valid_but_a_wrong_code_is_not(mini_copy: Path) -> None:
    path = mini_copy / "freedonia.toml"  # Kosovo, say, has no ISO 3166-1 code
    path.write_text(path.read_text().replace('iso3 = "XBB"\n', "").replace('iso2 = "XB"\n', ""))
    profile, problems = read_profile(path)
    assert problems == [] and profile is not None and profile.iso2 is None
    path.write_text(path.read_text().replace('kind = "state"', 'kind = "state"\niso3 = "xbb"'))
    _, problems = read_profile(path)
    assert "ISO 3166-1 alpha-3" in problems[0].message


def test_dangling_reference_names_the_file_and_the_missing_id(mini_copy: Path) -> None:
    path = mini_copy / "ruritania.toml"
    path.write_text(path.read_text().replace('partner = "freedonia"', 'partner = "atlantis"'))
    with pytest.raises(DataError) as caught:
        load([mini_copy], packaged=False, use_env=False)
    [problem] = caught.value.problems
    assert problem.path == path
    assert "'atlantis'" in problem.message
    assert problem.field == "cooperation[0].partner"
    assert problem.line is not None
    assert path.read_text().splitlines()[problem.line - 1] == 'partner = "atlantis"'


def test_membership_must_point_to_an_organisation(mini_copy: Path) -> None:
    path = mini_copy / "grand-fenwick.toml"
    path.write_text(
        path.read_text().replace('organisation = "alliance"', 'organisation = "ruritania"')
    )
    with pytest.raises(DataError) as caught:
        load([mini_copy], packaged=False, use_env=False)
    assert "not an organisation" in str(caught.value)


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.toml", 'id = "x"\nname = "unterminated\n')
    _, [problem] = read_profile(path)
    assert problem.line == 2
    assert problem.column is not None
    assert "TOML syntax error" in problem.message


def test_user_layer_replaces_a_profile_with_the_same_id(mini: object, tmp_path: Path) -> None:
    _write(
        tmp_path,
        "freedonia.toml",
        'id = "freedonia"\nname = "Freedonia (my notes)"\nkind = "state"\niso2 = "XB"\n'
        'iso3 = "XBB"\nreviewed = 2026-05-05\n',
    )
    data = load(
        [Path(__file__).parent / "fixtures" / "mini", tmp_path], packaged=False, use_env=False
    )
    assert data["freedonia"].name == "Freedonia (my notes)"
    assert data.origins["freedonia"] == tmp_path / "freedonia.toml"
    assert len(data) == 4


def test_json_dump_round_trips(mini) -> None:  # type: ignore[no-untyped-def]
    from cyberprofiles.models import Profile

    for profile in mini:
        model = profile.model()  # the Pydantic model, for whoever asks for it
        assert isinstance(model, Profile)
        assert model.model_dump(mode="json") == profile.to_dict()
        assert Profile.model_validate_json(model.model_dump_json()) == model
