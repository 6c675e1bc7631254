"""Every fact of the seed texts can be found by ``show`` and by the filters."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def shown():  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from cyberprofiles.cli import app

    runner = CliRunner()

    def show(name: str) -> dict:  # type: ignore[type-arg]
        result = runner.invoke(app, ["show", name, "--json"])
        assert result.exit_code == 0, result.stderr
        [profile] = json.loads(result.stdout)
        return profile

    return show


def _ids(cli, *args: str) -> set[str]:  # type: ignore[no-untyped-def]
    result = cli("list", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return {p["id"] for p in json.loads(result.stdout)}


def _one(items: list[dict], **match: object) -> dict:  # type: ignore[type-arg]
    found = [i for i in items if all(i.get(k) == v for k, v in match.items())]
    assert found, match
    return found[0]


def test_bosnia_and_herzegovina(shown, cli) -> None:  # type: ignore[no-untyped-def]
    bih = shown("Bosnia & Herzegovina")
    assert not [d for d in bih["documents"] if d["kind"] == "strategy"]
    assert "bosnia-and-herzegovina" in _ids(cli, "--no-strategy", "--region", "southern europe")
    law = next(d for d in bih["documents"] if d["kind"] == "law")
    assert "Criminal Code" in law["title"]
    assert any("Criminal Code" in c["title"] for c in bih["critical_infrastructure"])
    terror = _one(bih["documents"], valid_from=2015, valid_until=2020)
    assert terror["kind"] == "other" and "Terrorism" in terror["title"]
    assert bih["cert"]["status"] == "planned"
    assert "bosnia-and-herzegovina" in _ids(cli, "--cert-status", "planned")
    nato = [c for c in bih["cooperation"] if c["partner"] == "nato"]
    assert {c["kind"] for c in nato} >= {"dialogue", "programme"}
    assert any("Science for Peace and Security" in c["title"] for c in nato)
    osce = _one(bih["cooperation"], partner="osce")
    assert "16" in osce["summary"]
    assert "bosnia-and-herzegovina" in _ids(cli, "--partner", "osce")


def test_serbia(shown, cli) -> None:  # type: ignore[no-untyped-def]
    serbia = shown("serbia")
    law = _one(serbia["documents"], kind="law", year=2016)
    assert "Law on Information Security" in law["title"]
    assert "RATEL" in serbia["cert"]["host"] and serbia["cert"]["status"] == "established"
    assert any("special importance" in c["title"] for c in serbia["critical_infrastructure"])
    tesla = _one(serbia["cooperation"], partner="united-states", kind="joint-exercise", year=2021)
    assert "Ohio" in tesla["partner_detail"] and "Cyber Tesla" in tesla["title"]
    gift = _one(serbia["cooperation"], partner="norway", kind="donation", year=2021)
    assert (gift["amount"], gift["currency"], gift["direction"]) == (1200000.0, "EUR", "received")
    paper = _one(serbia["cooperation"], partner="un", kind="position-paper", year=2016)
    assert "critical infrastructure" in paper["summary"]
    assert _one(serbia["positions"], forum="un", year=2016)
    assert "serbia" in _ids(cli, "--partner", "norway") & _ids(cli, "--partner", "united states")


def test_north_macedonia(shown, cli) -> None:  # type: ignore[no-untyped-def]
    mkd = shown("Macedonia")
    strategy = _one(mkd["documents"], kind="strategy", year=2018)
    assert (strategy["valid_from"], strategy["valid_until"]) == (2018, 2022)
    assert mkd["cert"]["acronym"] == "MKD-CIRT"
    assert _one(mkd["memberships"], organisation="nato")["year"] == 2020
    mou = _one(mkd["cooperation"], partner="nato", kind="mou")
    assert mou["year"] == 2021
    assert "north-macedonia" in _ids(cli, "--strategy-year", "2018", "--member", "nato")
    assert mkd["critical_infrastructure"]


def test_brazil(shown, cli) -> None:  # type: ignore[no-untyped-def]
    brazil = shown("brasil")
    eciber = _one(brazil["documents"], kind="strategy", year=2020)
    assert "E-Ciber" in eciber["title"]
    assert "brazil" in _ids(cli, "--strategy-year", "2020")
    assert brazil["critical_infrastructure"] and brazil["positions"]
    assert any("multilateral" in p["summary"] for p in brazil["positions"])


def test_el_salvador(shown, cli) -> None:  # type: ignore[no-untyped-def]
    slv = shown("el salvador")
    policy = next(d for d in slv["documents"] if d["kind"] == "policy")
    assert "Cybersecurity Policy" in policy["title"] or "Ciberseguridad" in policy["title"]
    assert slv["critical_infrastructure"]
    assert "el-salvador" in _ids(cli, "--no-strategy")  # a policy is not a strategy


def test_japan(shown, cli) -> None:  # type: ignore[no-untyped-def]
    japan = shown("JPN")
    assert _one(japan["documents"], kind="strategy", year=2018)
    summit = _one(japan["cooperation"], partner="g7", kind="summit", year=2016)
    assert summit["month"] == 5 and "Ise-Shima" in summit["title"]
    assert any(c["partner"] == "g20" for c in japan["cooperation"])
    assert _one(japan["cooperation"], partner="asean", kind="capacity-building")
    positions = " ".join(p["summary"] for p in japan["positions"])
    for idea in ("ownership", "common but differentiated", "trade"):
        assert idea in positions, idea
    assert {"japan"} <= _ids(cli, "--partner", "g7") & _ids(cli, "--partner", "asean")


def test_republic_of_korea(shown, cli) -> None:  # type: ignore[no-untyped-def]
    korea = shown("ROK")
    threat = next(p for p in korea["positions"] if "north-korea" in p["related"])
    assert "capabilit" in threat["summary"]
    camp = _one(korea["initiatives"], acronym="CAMP")
    assert camp["year"] == 2016
    gccd = _one(korea["initiatives"], acronym="GCCD")
    assert "world-bank" in gccd["partners"] and "Latin America" in gccd["summary"]
    assert "KISA" in korea["cert"]["host"]
    assert "south-korea" in _ids(cli, "--partner", "world bank")


def test_european_union(shown) -> None:  # type: ignore[no-untyped-def]
    eu = shown("EU")
    nis = _one(eu["documents"], kind="directive", year=2016)
    assert "NIS" in nis["title"]
    assert "Cybersecurity Act" in _one(eu["documents"], kind="regulation", year=2019)["title"]
    assert _one(eu["documents"], kind="directive", year=2022)
    titles = " ".join(d["title"] for d in eu["documents"]) + " ".join(
        i["name"] for i in eu["initiatives"]
    )
    for needle in ("NIS2", "CER", "Toolbox", "certification"):
        assert needle.lower() in titles.lower(), needle
    assert any(
        "Security Operations Centres" in i["name"] or "SOC" in i["name"] for i in eu["initiatives"]
    )
    note = next(d["note"] for d in eu["documents"] if d["year"] == 2013 and d["kind"] == "strategy")
    assert "Cybersecurity Act" in note


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"Cyber Tesla"', "serbia"),
        ("Ise-Shima", "japan"),
        ('"cyber diplomacy toolbox"', "european-union"),
        ("CAMP alliance", "south-korea"),
        ("E-Ciber", "brazil"),
        ("MKD-CIRT", "north-macedonia"),
    ],
)
def test_seed_facts_are_searchable(cli, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    hits = json.loads(cli("search", query, "--json").stdout)
    assert expected in [h["id"] for h in hits[:3]], [h["id"] for h in hits[:3]]
