"""A wheel built from the checkout, installed in a fresh virtual environment and run from a folder
outside the checkout, finds every packaged profile (the data ships inside the wheel), reads them
from the index built with it (no Pydantic, no cache), and still answers from the files if one
of them is edited after installation."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="needs the source checkout")
def test_installed_wheel_finds_every_profile(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        timeout=300,
    )
    [wheel] = wheels.glob("cyberprofiles-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", str(wheel)],
        check=True,
        timeout=300,
    )
    command = python.parent / "cyberprofiles"
    outside = tmp_path / "elsewhere"
    outside.mkdir()

    listed = subprocess.run(
        [str(command), "list", "--json"], cwd=outside, capture_output=True, text=True, check=True
    )
    ids = {p["id"] for p in json.loads(listed.stdout)}
    assert ids == {p.stem for p in (ROOT / "data").glob("*.toml")}

    shown = subprocess.run(
        [str(command), "show", "serbia"], cwd=outside, capture_output=True, text=True, check=True
    )
    assert "Serbia" in shown.stdout
    module = subprocess.run(
        [str(python), "-m", "cyberprofiles", "--version"],
        cwd=outside,
        capture_output=True,
        text=True,
    )
    assert module.returncode == 0 and "cyberprofiles" in module.stdout

    # The packaged data comes from the index: no Pydantic, no cache file written.
    cache = tmp_path / "cache"
    probe = (
        "import sys, cyberprofiles; d = cyberprofiles.load(); d.resolve('serbia').record; "
        "print(len(d), 'pydantic' in sys.modules, 'cyberprofiles.reading' in sys.modules)"
    )
    env = {"CYBERPROFILES_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [str(python), "-c", probe], cwd=outside, capture_output=True, text=True, env=env
    )
    assert out.stdout.split() == [str(len(ids)), "False", "False"], out.stderr
    assert not cache.exists()

    # The network comes from the tie rows in the index: the same edges as the records give.
    probe = (
        "import cyberprofiles; from cyberprofiles.network import edges_of; "
        "d = cyberprofiles.load(); seen = {}\n"
        "for p in d:\n    for e in edges_of(p.record): seen.setdefault(e.key(), e)\n"
        "edges = d.network(); print(len(edges), len(edges) == len(seen) and "
        "all(e.row() == seen[e.key()].row() and dict(e.entry) == seen[e.key()].entry "
        "for e in edges))"
    )
    out = subprocess.run(
        [str(python), "-c", probe], cwd=outside, capture_output=True, text=True, env=env
    )
    count, same = out.stdout.split()
    assert int(count) > 1000 and same == "True", out.stderr

    # An installed file edited by hand (same size, so only the content tells) is what counts.
    [installed] = (env_dir / "lib").glob("python*/site-packages/cyberprofiles/data/serbia.toml")
    text = installed.read_text(encoding="utf-8")
    installed.write_text(text.replace('name = "Serbia"', 'name = "Serbiq"'), encoding="utf-8")
    edited = subprocess.run(
        [str(command), "show", "serbia", "--json"], cwd=outside, capture_output=True, text=True
    )
    assert json.loads(edited.stdout)[0]["name"] == "Serbiq", edited.stderr
