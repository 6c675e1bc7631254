"""The research outputs: the world as of a year, the country-year panel, maps (checked in a real
headless browser), the SQLite and data-package exports, and the dataset's versions."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cyberprofiles import load, releases

COMMAND = [sys.executable, "-m", "cyberprofiles"]
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CYBERPROFILES_PAGER": ""}
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, env=env, timeout=300)


def test_as_of_shows_the_world_as_it_was() -> None:
    estonia = json.loads(run("show", "estonia", "--json", "--as-of", "2010").stdout)[0]
    assert estonia["as_of"] == 2010
    assert all(d["year"] is None or d["year"] <= 2010 for d in estonia["documents"])
    strategies = [d for d in estonia["documents"] if d["kind"] == "strategy"]
    assert [d["year"] for d in strategies if d["year"] is not None] == [2008]
    # A strategy whose year is not recorded stays, marked: whether it existed then is unknown.
    assert all(d["status"] == "unknown" for d in strategies if d["year"] is None)
    nato = {m["organisation"]: m for m in estonia["memberships"]}["nato"]
    assert nato["status"] == "member"  # since 2004
    sweden = json.loads(run("show", "sweden", "--json", "--as-of", "2020").stdout)[0]
    assert "nato" not in {m["organisation"] for m in sweden["memberships"]}  # joined 2024
    listed = json.loads(run("list", "--member", "nato", "--as-of", "2000", "--json").stdout)
    assert {"poland", "hungary", "czechia"} <= {p["id"] for p in listed}
    assert "estonia" not in {p["id"] for p in listed}
    table = run("show", "estonia", "--as-of", "2010").stdout
    assert "the end of 2010" in table


def test_as_of_says_unknown_where_a_date_is_missing() -> None:
    data = load(use_env=False)
    undated = [p for p in data if p.cert_status == "established" and p.cert.year is None]
    assert undated, "the data has CERTs with no founding year"
    then = data.as_of(2005)[undated[0].id]
    assert then.cert_status == "unknown"  # not "none": the founding year is not recorded
    stats = json.loads(run("stats", "--as-of", "2005", "--json").stdout)
    assert stats["as_of"] == 2005
    assert stats["states_with_established_cert"]["unknown"] >= len(
        [p for p in undated if p.kind == "state"]
    )
    compared = json.loads(run("compare", "serbia", "estonia", "--as-of", "2010", "--json").stdout)
    first = next(f for f in compared["fields"] if f["field"] == "first_strategy")
    assert first["values"]["serbia"] is None  # Serbia's first strategy is from 2017


def test_the_panel_is_tidy_and_agrees_with_list() -> None:
    result = run("panel", "--from", "1995", "--to", "2026")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    states = json.loads(run("list", "--kind", "state", "--json").stdout)
    assert len(rows) == len(states) * 32
    assert len({(r["id"], r["year"]) for r in rows}) == len(rows)  # one row per actor-year
    first = {p["id"]: p for p in states}
    listed = json.loads(run("list", "--kind", "state", "--format", "csv").stdout and "[]")
    assert listed == []
    summary = {
        r["id"]: r["first_strategy_year"]
        for r in csv.DictReader(io.StringIO(run("list", "--kind", "state", "-f", "csv").stdout))
    }
    for row in rows:
        assert row["first_strategy_year"] == summary[row["id"]]
        if row["strategy_adopted"] == "1":
            assert int(row["year"]) >= int(row["first_strategy_year"])
    serbia = {int(r["year"]): r for r in rows if r["id"] == "serbia"}
    assert serbia[2016]["strategy_adopted"] == "0" and serbia[2017]["strategy_adopted"] == "1"
    assert serbia[2016]["strategy_in_force"] == "0" and serbia[2018]["strategy_in_force"] == "1"
    assert serbia[2021]["strategies_so_far"] == "2"
    assert serbia[2008]["budapest"] == "signatory" and serbia[2009]["budapest"] == "party"
    estonia = {int(r["year"]): r for r in rows if r["id"] == "estonia"}
    assert estonia[2003]["member_nato"] == "0" and estonia[2004]["member_nato"] == "1"
    oman = {int(r["year"]): r for r in rows if r["id"] == "oman"}
    assert oman[2013]["strategy_adopted"] == ""  # its only strategy's year is not recorded
    assert all(r["cert_established"] in ("", "0", "1") for r in rows)
    assert set(first) == {r["id"] for r in rows}
    pytest.importorskip("pandas").read_csv(io.StringIO(result.stdout))


def test_the_codebook_documents_every_column() -> None:
    from cyberprofiles.panel import CODEBOOK, columns

    documented = {name for name, _ in CODEBOOK}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in columns():
        assert name in documented or name.startswith("member_")
    for name, _ in CODEBOOK:
        assert f"`{name}`" in readme


def _browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser():  # type: ignore[no-untyped-def]
    executable = _browser()
    if executable is None:
        if os.environ.get("CYBERPROFILES_REQUIRE_BROWSER"):
            pytest.fail("CYBERPROFILES_REQUIRE_BROWSER is set but no Chromium is installed")
        pytest.skip("no Chromium here (CI installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


def test_the_map_page_works_offline_in_a_browser(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page_file = tmp_path / "cert.html"
    result = run("map", "cert", "--output", str(page_file))
    assert result.returncode == 0, result.stderr
    page = browser.new_page()
    requests: list[str] = []
    messages: list[tuple[str, str]] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: messages.append((m.type, m.text)))
    page.on("pageerror", lambda e: messages.append(("error", str(e))))
    page.goto(page_file.as_uri())
    assert requests == [page_file.as_uri()]  # nothing else is fetched
    assert not [m for m in messages if m[0] == "error"]
    data = load(use_env=False)
    for pid in ("serbia", "estonia", "tuvalu"):
        colour = page.eval_on_selector(f'[data-id="{pid}"]', "e => e.getAttribute('fill')")
        value = page.eval_on_selector(f'[data-id="{pid}"]', "e => e.dataset.value")
        status = data[pid].cert_status
        assert value == (status if status in ("established", "planned", "none") else "unknown")
        assert colour and colour.startswith("#")
    assert page.eval_on_selector('[data-id="serbia"]', "e => e.getAttribute('fill')") == "#1a9850"
    page.dispatch_event('[data-id="brazil"]', "mousemove")
    assert page.inner_text("#tip").startswith("Brazil: ")
    page.dispatch_event('[data-id="japan"]', "click")
    info = page.inner_text("#info")
    assert "Japan" in info and "National CERT" in info


def test_the_map_as_svg_and_as_data(tmp_path: Path) -> None:
    result = run("map", "member", "-o", "nato", "--format", "svg")
    assert result.stdout.startswith("<?xml") and "<svg" in result.stdout
    assert 'data-id="france" data-value="member"' in result.stdout
    assert 'data-id="serbia" data-value="partner"' in result.stdout
    values = {r["id"]: r["value"] for r in json.loads(run("map", "budapest", "--json").stdout)}
    assert values["serbia"] == "party"
    old = {
        r["id"]: r["value"]
        for r in json.loads(run("map", "cert", "--as-of", "1990", "--json").stdout)
    }
    assert old["estonia"] in ("none", "unknown")
    assert run("map", "member").returncode == 2  # needs an organisation
    assert run("map", "cert", "--output", str(tmp_path / "map.png")).returncode == 2


def test_the_sqlite_export_is_linked_searchable_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "cp.db"
    result = run("export", "sqlite", str(path))
    assert result.returncode == 0, result.stderr
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    count = db.execute("SELECT count(*) FROM profiles").fetchone()[0]
    assert count == len(json.loads(run("list", "--json").stdout))
    hit = db.execute(
        "SELECT profiles.id FROM profiles_fts JOIN profiles ON profiles.rowid = profiles_fts.rowid "
        "WHERE profiles_fts MATCH 'Srbija OR RATEL' "
    ).fetchall()
    assert ("serbia",) in hit
    members = db.execute(
        "SELECT count(*) FROM memberships WHERE organisation_id = 'nato' AND status = 'member'"
    ).fetchone()[0]
    assert members == 32
    noted = db.execute(
        "SELECT positions.profile_id FROM positions_fts "
        "JOIN positions ON positions.rowid = positions_fts.rowid "
        "WHERE positions_fts MATCH 'note:toolkit'"
    ).fetchall()
    assert ("poland",) in noted  # a position's note says where its year comes from
    meta = dict(db.execute("SELECT key, value FROM metadata"))
    assert meta["dataset_version"] == releases.current().version
    datasette = pytest.importorskip("datasette.app")

    async def probe() -> tuple[int, list[dict[str, str]]]:
        served = datasette.Datasette([str(path)])
        response = await served.client.get("/cp/profiles.json?_search=RATEL&_shape=array")
        return response.status_code, response.json()

    import asyncio

    status, found = asyncio.run(probe())
    assert status == 200 and [row["id"] for row in found] == ["serbia"]


def test_the_data_package_is_valid(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    assert run("export", "datapackage", str(folder)).returncode == 0
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["version"] == releases.current().version
    names = {r["name"] for r in package["resources"]}
    assert {"profiles", "documents", "certs", "agencies", "memberships", "cooperation"} <= names
    for resource in package["resources"]:
        with open(folder / resource["path"], encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_versions_and_changes() -> None:
    version = run("--version").stdout
    assert f"dataset {releases.current().version}" in version
    changes = json.loads(run("changes", "--json").stdout)
    assert [c["version"] for c in changes] == [r.version for r in releases.history()]
    newer = json.loads(run("changes", "--since", "2026.11.29", "--json").stdout)
    after_first = [r.version for r in releases.history() if r.version > "2026.11.29"]
    assert [
        c["version"] for c in newer
    ] == after_first and releases.current().version in after_first
    assert json.loads(run("changes", "--since", "0.1.0", "--json").stdout) == newer
    assert json.loads(run("changes", "--since", "2026-12-31", "--json").stdout) == []
    assert run("changes", "--since", "yesterday").returncode == 2
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{releases.current().version}"' in citation


def test_as_of_a_bill_that_failed_repeals_nothing(tmp_path: Path) -> None:
    """A law named in ``replaces`` by an adopted act is repealed from that act's year on; one
    named by a bill that was withdrawn (or is still before parliament) stays in force."""
    (tmp_path / "ruritania.toml").write_text(
        'id = "ruritania"\nname = "Ruritania"\nkind = "state"\nreviewed = 2026-01-01\n'
        + "".join(
            f'\n[[documents]]\ntitle = "{title}"\nkind = "law"\nkey = "{key}"\n'
            f'area = ["cybercrime"]\nyear = {year}\nstatus = "{status}"\n'
            f'replaces = {replaces}\nsource = "https://example.org/{key}"\n'
            for title, key, year, status, replaces in [
                ("Computer Misuse Act", "misuse", 2000, "in-force", []),
                ("Cybercrime Bill", "bill", 2017, "withdrawn", ["misuse"]),
                ("Old Crimes Act", "old", 1999, "unknown", []),
                ("Crimes Act", "crimes", 2019, "in-force", ["old"]),
            ]
        ),
        encoding="utf-8",
    )
    data = load([tmp_path], packaged=False, use_env=False)
    then = {d.key: d.status for d in data.as_of(2020)["ruritania"].documents}
    assert then == {
        "misuse": "in-force",
        "bill": "withdrawn",
        "old": "repealed",
        "crimes": "in-force",
    }
    assert data["ruritania"].law_state("cybercrime") == "adopted"
