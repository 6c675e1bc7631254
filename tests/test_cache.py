"""The dataset cache: a speed-up only. Stale, corrupt or unwritable caches never change output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import MINI

from cyberprofiles.dataset import load, load_catalog, packaged_data_dir
from cyberprofiles.validation import validate

COMMANDS = [
    ["show", "ruritania", "freedonia", "--json"],
    ["show", "ruritania"],
    ["list", "--format", "csv"],
    ["search", "training laboratory", "--json"],
    ["partners", "--format", "dot"],
]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CYBERPROFILES_CACHE_DIR", str(folder))
    return folder


def _kinds(folder: Path) -> list[str]:
    """What the cache folder holds, by kind ("catalog-1a2b3c4d.pickle" is a "catalog")."""
    return sorted(p.name.split("-")[0].removesuffix(".pickle") for p in folder.iterdir())


def _outputs(cli, data: Path) -> list[str]:  # type: ignore[no-untyped-def]
    return [cli(*args, "--data", str(data), env={"COLUMNS": "120"}).stdout for args in COMMANDS]


def test_cached_output_is_identical_to_uncached(cli, cache_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CYBERPROFILES_NO_CACHE", "1")
    uncached = _outputs(cli, MINI)
    assert not cache_dir.exists()
    monkeypatch.delenv("CYBERPROFILES_NO_CACHE")
    first = _outputs(cli, MINI)  # builds the cache
    assert _kinds(cache_dir) == ["catalog", "dataset"]
    second = _outputs(cli, MINI)  # reads it
    assert uncached == first == second


def test_cache_is_used_when_nothing_changed(cache_dir: Path) -> None:
    first = load([MINI], use_env=False)
    again = load([MINI], use_env=False)
    assert again is not first and again.profiles == first.profiles
    assert again._index is not None  # the name index came from the cache, ready-built
    assert again._catalog is not None  # and the catalog from its own file
    light = load_catalog([MINI], use_env=False)
    assert light.entries.keys() == first.profiles.keys()
    assert light["ruritania"].record == first.dump(first["ruritania"])


def test_the_light_path_does_not_import_pydantic(cache_dir: Path) -> None:
    import subprocess
    import sys

    load([MINI], use_env=False)  # warm the cache
    code = (
        "import sys; from cyberprofiles.dataset import load_catalog; "
        f"c = load_catalog([{str(MINI)!r}], use_env=False); "
        "print(len(c), 'pydantic' in sys.modules)"
    )
    env = {**__import__("os").environ, "CYBERPROFILES_CACHE_DIR": str(cache_dir)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.split()[1] == "False", out.stderr


@pytest.mark.parametrize("args", [["show", "ruritania"], ["list"], ["search", "training"]])
def test_tables_from_a_warm_cache_do_not_import_pydantic(cache_dir: Path, args: list[str]) -> None:
    import subprocess
    import sys

    load([MINI], use_env=False)  # warm the cache for the same layers as the command
    code = (
        "import sys, contextlib, io; from cyberprofiles.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try: main(sys.argv[1:])\n"
        "    except SystemExit: pass\n"
        "print(len(out.getvalue()) > 0, 'pydantic' in sys.modules)"
    )
    env = {**os.environ, "CYBERPROFILES_CACHE_DIR": str(cache_dir), "FORCE_COLOR": "1"}
    env["CYBERPROFILES_DATA"] = ""
    command = [sys.executable, "-c", code, *args, "--data", str(MINI)]
    out = subprocess.run(command, capture_output=True, text=True, env=env)
    assert out.stdout.split() == ["True", "False"], out.stderr


def test_a_changed_file_makes_the_cache_stale(cli, cache_dir: Path, mini_copy: Path) -> None:  # type: ignore[no-untyped-def]
    assert "Freedonia" in cli("show", "freedonia", "--json", "--data", str(mini_copy)).stdout
    path = mini_copy / "freedonia.toml"
    path.write_text(path.read_text().replace('name = "Freedonia"', 'name = "Fredonia Renamed"'))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    assert "Fredonia Renamed" in cli("show", "freedonia", "--json", "--data", str(mini_copy)).stdout


def test_an_added_file_makes_the_cache_stale(cli, cache_dir: Path, mini_copy: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("show", "xanadu", "--data", str(mini_copy)).exit_code == 1
    (mini_copy / "x.toml").write_text(
        'id = "xanadu"\nname = "Xanadu"\nkind = "organisation"\nreviewed = 2026-01-01\n'
    )
    assert cli("show", "xanadu", "--data", str(mini_copy)).exit_code == 0


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05garbage", b"\x80\x04K\x01."])
def test_a_corrupt_cache_is_rebuilt(cli, cache_dir: Path, garbage: bytes) -> None:  # type: ignore[no-untyped-def]
    expected = _outputs(cli, MINI)
    files = sorted(cache_dir.glob("*.pickle"))
    for path in files:
        path.write_bytes(garbage)
    assert _outputs(cli, MINI) == expected
    for path in files:
        assert path.read_bytes() != garbage


def test_an_unwritable_cache_folder_only_costs_speed(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CYBERPROFILES_CACHE_DIR", str(blocker / "cache"))
    result = cli("show", "ruritania", "--json", "--data", str(MINI))
    assert result.exit_code == 0 and "ruritania" in result.stdout
    assert result.stderr == ""


def test_writes_are_atomic_and_leave_no_temporary_files(cache_dir: Path) -> None:
    load([MINI], use_env=False)
    assert _kinds(cache_dir) == ["catalog", "dataset"]  # no temporary files left


def test_invalid_data_is_never_cached(cli, cache_dir: Path, mini_copy: Path) -> None:  # type: ignore[no-untyped-def]
    path = mini_copy / "freedonia.toml"
    path.write_text(path.read_text().replace("year = 2019", "year = 20019"))
    assert cli("list", "--data", str(mini_copy)).exit_code == 3
    assert cli("list", "--data", str(mini_copy)).exit_code == 3


def _broken_copy(mini_copy: Path) -> Path:
    """The fictional data with a schema error, a dangling reference and a clashing code."""
    freedonia = mini_copy / "freedonia.toml"
    freedonia.write_text(freedonia.read_text().replace("year = 2019", "year = 20019"))
    ruritania = mini_copy / "ruritania.toml"
    ruritania.write_text(ruritania.read_text().replace('partner = "freedonia"', 'partner = "oz"'))
    (mini_copy / "clash.toml").write_text(
        'id = "clash"\nname = "Clash"\nkind = "organisation"\naliases = ["Ruritania"]\n'
        "reviewed = 2026-01-01\n"
    )
    return mini_copy


def test_validate_reports_the_same_from_the_cache(cli, cache_dir: Path, mini_copy: Path) -> None:  # type: ignore[no-untyped-def]
    folder = str(_broken_copy(mini_copy))
    first = cli("validate", folder, "--json")
    assert (cache_dir / "validation.pickle").exists()
    again = cli("validate", folder, "--json")
    assert first.exit_code == again.exit_code == 1
    assert first.stdout == again.stdout and first.stderr == again.stderr
    fields = {p["field"] for p in __import__("json").loads(again.stdout)}
    assert {"documents[0].year", "cooperation[0].partner", "aliases[0]"} <= fields


def test_validate_parses_only_files_touched_since(
    cache_dir: Path, mini_copy: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from cyberprofiles import validation

    parsed: list[str] = []
    real = validation.read_profile

    def counting(path: Path):  # type: ignore[no-untyped-def]
        parsed.append(path.name)
        return real(path)

    monkeypatch.setattr(validation, "read_profile", counting)
    assert validate([mini_copy]) == ([], 4)
    assert len(parsed) == 4 + len(list(packaged_data_dir().glob("*.toml")))
    parsed.clear()
    assert validate([mini_copy]) == ([], 4)
    assert parsed == []
    path = mini_copy / "freedonia.toml"
    path.write_text(path.read_text().replace("year = 2019", "year = 20019"))
    problems, _ = validate([mini_copy])
    assert parsed == ["freedonia.toml"]
    assert [p.field for p in problems] == ["documents[0].year"]


def test_a_corrupt_validation_cache_is_ignored(cli, cache_dir: Path, mini_copy: Path) -> None:  # type: ignore[no-untyped-def]
    folder = str(_broken_copy(mini_copy))
    expected = cli("validate", folder).stdout
    (cache_dir / "validation.pickle").write_bytes(b"\x80\x05garbage")
    assert cli("validate", folder).stdout == expected
    assert (cache_dir / "validation.pickle").read_bytes() != b"\x80\x05garbage"


def test_a_cache_file_cut_short_is_rebuilt(cli, cache_dir: Path) -> None:  # type: ignore[no-untyped-def]
    expected = _outputs(cli, MINI)
    for path in cache_dir.glob("*.pickle"):
        path.write_bytes(path.read_bytes()[:-10])
    assert _outputs(cli, MINI) == expected


def test_two_data_sets_keep_their_own_cache(cache_dir: Path, mini_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cyberprofiles import dataset

    load([MINI], use_env=False)
    load([mini_copy], use_env=False)
    assert _kinds(cache_dir) == ["catalog", "catalog", "dataset", "dataset"]
    monkeypatch.setattr(dataset, "load_layers", lambda layers: pytest.fail("cache not used"))
    assert load_catalog([MINI], use_env=False).entries.keys()
    assert load_catalog([mini_copy], use_env=False).entries.keys()


def test_only_the_newest_data_sets_stay_cached(cache_dir: Path, tmp_path: Path) -> None:
    from cyberprofiles.cache import SLOTS_KEPT

    for i in range(SLOTS_KEPT + 3):
        folder = tmp_path / f"set{i}"
        shutil.copytree(MINI, folder)
        load_catalog([folder], packaged=False, use_env=False)
    assert _kinds(cache_dir).count("catalog") == SLOTS_KEPT


def test_the_cache_file_of_earlier_releases_is_removed(cache_dir: Path) -> None:
    cache_dir.mkdir(parents=True)
    (cache_dir / "catalog.pickle").write_bytes(b"an earlier release's single cache file")
    load_catalog([MINI], use_env=False)
    assert not (cache_dir / "catalog.pickle").exists()
    assert _kinds(cache_dir) == ["catalog", "dataset"]
