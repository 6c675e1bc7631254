"""The cache of checked files makes runs faster, never different: it is keyed by content and by
the code, verified on every read, holds nothing that runs, and is never trusted over the files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from conftest import count_calls

from cyberprofiles import store
from cyberprofiles.dataset import load
from cyberprofiles.errors import DataError

ORG = 'id = "{id}"\nname = "{name}"\nkind = "organisation"\nreviewed = 2026-01-01\n'


def _folder(root: Path, name: str = "team", profile_name: str = "Alpha Forum") -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "alpha.toml").write_text(ORG.format(id="alpha", name=profile_name))
    return folder


def _name(folder: Path) -> str:
    return load([folder], packaged=False, use_env=False)["alpha"].name


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CYBERPROFILES_CACHE_DIR", str(folder))
    return folder


def test_a_same_size_edit_with_its_time_restored_is_seen(tmp_path: Path, cache_dir: Path) -> None:
    folder = _folder(tmp_path)
    path = folder / "alpha.toml"
    assert _name(folder) == "Alpha Forum"
    before = path.stat()
    path.write_text(ORG.format(id="alpha", name="Alpha Furom"))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # time put back, as tar does
    assert path.stat().st_size == before.st_size
    assert _name(folder) == "Alpha Furom"
    assert (cache_dir / store.cache_file_name()).exists()


def test_two_copies_with_the_same_times_keep_their_own_content(
    tmp_path: Path, cache_dir: Path
) -> None:
    one = _folder(tmp_path / "one")
    two = _folder(tmp_path / "two", profile_name="Alpha Group")
    stamp = (one / "alpha.toml").stat().st_mtime_ns
    os.utime(two / "alpha.toml", ns=(stamp, stamp))
    assert (_name(one), _name(two), _name(one)) == ("Alpha Forum", "Alpha Group", "Alpha Forum")


def test_a_relative_data_folder_means_the_folder_it_names_from_where_it_is_used(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _folder(tmp_path / "a", "team")
    _folder(tmp_path / "b", "team", profile_name="Beta Forum")
    monkeypatch.chdir(tmp_path / "a")
    assert _name(Path("team")) == "Alpha Forum"
    monkeypatch.chdir(tmp_path / "b")
    assert _name(Path("team")) == "Beta Forum"


def test_a_damaged_entry_is_ignored_and_checked_again(tmp_path: Path, cache_dir: Path) -> None:
    folder = _folder(tmp_path)
    assert _name(folder) == "Alpha Forum"
    with sqlite3.connect(cache_dir / store.cache_file_name()) as db:
        db.execute("UPDATE record SET text = replace(text, 'Alpha Forum', 'Evil Forum')")
        db.execute("UPDATE head SET text = replace(text, 'Alpha Forum', 'Evil Forum')")
    assert _name(folder) == "Alpha Forum"


def test_a_file_that_is_not_a_cache_is_never_run(tmp_path: Path, cache_dir: Path) -> None:
    folder = _folder(tmp_path)
    cache_dir.mkdir()
    marker = tmp_path / "ran"
    (cache_dir / store.cache_file_name()).write_bytes(
        b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."  # a pickle that runs code
    )
    assert _name(folder) == "Alpha Forum"
    assert not marker.exists()


def test_a_damaged_cache_file_is_replaced_not_missed_on_every_run(
    tmp_path: Path, cache_dir: Path
) -> None:
    folder = _folder(tmp_path)
    assert _name(folder) == "Alpha Forum"
    path = cache_dir / store.cache_file_name()
    raw = bytearray(path.read_bytes())
    raw[100:] = b"\xff" * (len(raw) - 100)  # every page but the header's start overwritten
    path.write_bytes(bytes(raw))
    assert _name(folder) == "Alpha Forum"  # the damaged file costs time, never an answer
    assert _name(folder) == "Alpha Forum"
    with sqlite3.connect(path) as db:  # a new, sound cache holds the file's entry again
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM head").fetchone() == (1,)


def test_a_change_of_code_cannot_read_entries_made_by_other_code(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    assert _name(folder) == "Alpha Forum"
    key = store.content_key((folder / "alpha.toml").read_bytes())
    store.code_key.cache_clear()
    monkeypatch.setattr(store.sys, "version", store.sys.version + " (another build)")
    try:
        assert store.content_key((folder / "alpha.toml").read_bytes()) != key
    finally:
        store.code_key.cache_clear()


def test_upgrades_leave_a_few_cache_files_not_one_per_version(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    made = []
    try:
        for version in range(6):  # six versions of the code, each run once over the folder
            store.code_key.cache_clear()
            monkeypatch.setattr(store.sys, "version", f"{sys.version} (build {version})")
            assert _name(folder) == "Alpha Forum"
            made.append(store.cache_file_name())
            time.sleep(0.01)  # distinct modification times
        assert _name(folder) == "Alpha Forum"  # the newest code reads its own file
        kept = sorted(p.name for p in cache_dir.glob("checked-*.sqlite3"))
        assert kept == sorted(made[-store.KEEP_FILES :])
    finally:
        store.code_key.cache_clear()


def test_a_relative_xdg_cache_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"XDG_CACHE_HOME": "cache", "HOME": "home"}
    assert store.cache_dir(env) is None
    assert store.cache_dir({"XDG_CACHE_HOME": "/c"}) == Path("/c/cyberprofiles")
    assert store.cache_dir({"HOME": "/h"}) == Path("/h/.cache/cyberprofiles")
    assert store.cache_dir({"CYBERPROFILES_NO_CACHE": "1", "HOME": "/h"}) is None


def test_an_unwritable_or_broken_cache_only_costs_time(tmp_path: Path, cache_dir: Path) -> None:
    folder = _folder(tmp_path)
    cache_dir.mkdir()
    (cache_dir / store.cache_file_name()).write_bytes(b"\0" * 4096)  # not a database
    assert _name(folder) == "Alpha Forum"
    shutil.rmtree(cache_dir)
    cache_dir.write_text("a file where the folder should be")
    assert _name(folder) == "Alpha Forum"


def test_answers_with_and_without_the_cache_agree_after_edits(
    tmp_path: Path, cache_dir: Path
) -> None:
    folder = _folder(tmp_path)
    for name in ("Alpha Forum", "Alpha Furom", "Alpha Forum", "Alpha"):
        (folder / "alpha.toml").write_text(ORG.format(id="alpha", name=name))
        warm = load([folder], packaged=False, use_env=False)["alpha"].to_dict()
        cold = load([folder], packaged=False, use_env=False, cache=False)["alpha"].to_dict()
        assert warm == cold and warm["name"] == name
    (folder / "alpha.toml").write_text('id = "alpha"\n')
    with pytest.raises(DataError):
        load([folder], packaged=False, use_env=False)


def test_a_large_folder_checked_in_parallel_reads_the_same_as_one_by_one(
    tmp_path: Path, cache_dir: Path
) -> None:
    """Past a few dozen files the first run checks them in worker processes, more than one
    chunk at a time; the profiles, and any problem, come out as a check in-process finds them."""
    from cyberprofiles import reading

    folder = tmp_path / "many"
    folder.mkdir()
    count = reading.PARALLEL_FROM * 2 + 5
    for i in range(count):
        (folder / f"org-{i:03}.toml").write_text(ORG.format(id=f"org-{i:03}", name=f"Forum {i}"))
    (folder / "org-007.toml").write_text('id = "org-007"\nname = "Forum 7"\nkind = "club"\n')
    old_chunk = reading.CHUNK
    reading.CHUNK = reading.PARALLEL_FROM + 10  # two chunks, one pool
    try:
        with pytest.raises(DataError) as parallel:
            load([folder], packaged=False, use_env=False)
    finally:
        reading.CHUNK = old_chunk
    old_from = reading.PARALLEL_FROM
    reading.PARALLEL_FROM = 10**9  # every file in this process
    try:
        with pytest.raises(DataError) as alone:
            load([folder], packaged=False, use_env=False, cache=False)
    finally:
        reading.PARALLEL_FROM = old_from
    assert str(parallel.value) == str(alone.value) and "org-007.toml" in str(alone.value)
    (folder / "org-007.toml").unlink()
    first = load([folder], packaged=False, use_env=False)
    again = load([folder], packaged=False, use_env=False)
    assert [p.to_dict() for p in first] == [p.to_dict() for p in again]
    assert len(first) == count - 1 and first[f"org-{count - 1:03}"].name == f"Forum {count - 1}"


# The folder listing: a file whose identity and times are as they were is taken from it unread.


@pytest.fixture
def trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once (in real use only after ``SETTLED_NS``), so that every
    load below takes from the listing whatever it can: the case where staleness would show."""
    from cyberprofiles import reading

    monkeypatch.setattr(reading, "SETTLED_NS", -(10**10))


def _listed(cache_dir: Path, folder: Path) -> str:
    with sqlite3.connect(cache_dir / store.cache_file_name()) as db:
        row = db.execute("SELECT body FROM listings WHERE folder = ?", (str(folder),)).fetchone()
    return "" if row is None else str(row[0])


def test_a_listed_file_edited_with_its_time_restored_is_seen(
    tmp_path: Path, cache_dir: Path, trusting: None
) -> None:
    folder = _folder(tmp_path)
    path = folder / "alpha.toml"
    assert _name(folder) == _name(folder) == "Alpha Forum"
    assert "Alpha Forum" in _listed(cache_dir, folder)  # the second load used the listing
    before = path.stat()
    time.sleep(0.05)  # past the kernel's clock tick, as any real edit is
    path.write_text(ORG.format(id="alpha", name="Alpha Furom"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert _name(folder) == "Alpha Furom"


def test_files_replaced_removed_and_added_after_listing_are_seen(
    tmp_path: Path, cache_dir: Path, trusting: None
) -> None:
    folder = _folder(tmp_path)
    (folder / "beta.toml").write_text(ORG.format(id="beta", name="Beta Forum"))
    names = lambda: [p.name for p in load([folder], packaged=False, use_env=False)]  # noqa: E731
    assert names() == names() == ["Alpha Forum", "Beta Forum"]
    time.sleep(0.05)
    other = tmp_path / "alpha.new"
    other.write_text(ORG.format(id="alpha", name="Alpha Union"))
    os.replace(other, folder / "alpha.toml")  # an editor's safe save: a new file, renamed
    (folder / "beta.toml").unlink()
    (folder / "gamma.toml").write_text(ORG.format(id="gamma", name="Gamma Forum"))
    assert names() == names() == ["Alpha Union", "Gamma Forum"]
    fresh = [p.to_dict() for p in load([folder], packaged=False, use_env=False, cache=False)]
    assert [p.to_dict() for p in load([folder], packaged=False, use_env=False)] == fresh


def test_a_file_changed_just_before_a_run_is_not_trusted_to_the_listing(
    tmp_path: Path, cache_dir: Path
) -> None:
    """On a file system whose times are coarse, an edit in the same tick would leave them as
    they were: so a file changed in the last few seconds is read again on the next run."""
    folder = _folder(tmp_path)
    assert _name(folder) == "Alpha Forum"
    assert "alpha.toml" not in _listed(cache_dir, folder)


# Checks across layers: a combination of layers found sound is not checked again, and any
# change to any layer is.


MEMBER = ORG.replace('kind = "organisation"', 'kind = "state"') + (
    '\n[[memberships]]\norganisation = "{org}"\nstatus = "member"\nsource = "https://example.org"\n'
)


def test_layers_found_sound_are_not_checked_again_until_one_changes(
    tmp_path: Path, cache_dir: Path, trusting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cyberprofiles import checking

    orgs = _folder(tmp_path, "orgs")
    states = tmp_path / "states"
    states.mkdir()
    (states / "ruritania.toml").write_text(
        MEMBER.format(id="ruritania", name="Ruritania", org="alpha")
    )
    layers = [orgs, states]
    assert load(layers, packaged=False, use_env=False)["ruritania"].name == "Ruritania"

    calls = count_calls(monkeypatch, checking, "reference_problems")
    load(layers, packaged=False, use_env=False)
    assert calls == []  # the same combination: found sound before
    load(list(reversed(layers)), packaged=False, use_env=False)
    assert calls == [1]  # another order is another combination

    # The organisation a state refers to goes away in another layer: checked, and reported.
    (orgs / "alpha.toml").write_text(ORG.format(id="beta", name="Beta Forum"))
    (orgs / "alpha.toml").rename(orgs / "beta.toml")
    with pytest.raises(DataError, match="refers to 'alpha', which is no profile's id"):
        load(layers, packaged=False, use_env=False)
    # Without the cache, nothing is taken as sound.
    with pytest.raises(DataError, match="refers to 'alpha'"):
        load(layers, packaged=False, use_env=False, cache=False)


def test_the_network_kept_in_the_cache_follows_every_edit(
    tmp_path: Path, cache_dir: Path, trusting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole network is kept in the cache for the very files and code it came from: the
    next run over the same files reads it from there, and any edit is seen at once."""
    from cyberprofiles import network

    orgs = _folder(tmp_path, "orgs")
    states = tmp_path / "states"
    states.mkdir()
    member = states / "ruritania.toml"
    member.write_text(MEMBER.format(id="ruritania", name="Ruritania", org="alpha"))

    def ties() -> list[tuple[object, ...]]:
        data = load([orgs, states], packaged=False, use_env=False)
        return [(e.actor, e.partner, e.relation, e.entry["status"]) for e in data.network()]

    first = ties()
    assert first == [("ruritania", "alpha", "member", "member")]
    worked_out = count_calls(monkeypatch, network, "_row_key")
    assert ties() == first
    assert worked_out == []  # read from the cache, not worked out again
    member.write_text(member.read_text().replace('"member"', '"observer"'))
    assert ties() == [("ruritania", "alpha", "observer", "observer")]
    assert worked_out  # another file: worked out again
    monkeypatch.setenv("CYBERPROFILES_NO_CACHE", "1")
    assert ties() == [("ruritania", "alpha", "observer", "observer")]
