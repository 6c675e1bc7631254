"""search, compare, partners, timeline and stats: through the API and the command line."""

from __future__ import annotations

import csv
import io
import json
import os
import sys

import pytest
from conftest import MINI

from cyberprofiles.dataset import load
from cyberprofiles.errors import UsageError
from cyberprofiles.profile import law_position_years
from cyberprofiles.search import parse_query, stem

MINI_ARGS = ["--data", str(MINI)]


def test_query_parsing_and_stemming() -> None:
    assert parse_query('cyber "Critical  Infrastructure" x') == [
        ["cyber"],
        ["critical", "infrastructure"],
        ["x"],
    ]
    assert stem("exercises") == "exercis" and stem("strategies") == "strategy"


def test_search_requires_every_word_and_ranks_names_and_titles_first(mini) -> None:  # type: ignore[no-untyped-def]
    hits = mini.search("strategy")
    assert [h.id for h in hits] == ["ruritania", "grand-fenwick", "freedonia"]
    assert [h.id for h in mini.search("strategy cert established")] == ["ruritania"]
    assert mini.search("strategy atlantis") == []


def test_search_phrase_plural_prefix_and_diacritics(mini) -> None:  # type: ignore[no-untyped-def]
    assert [h.id for h in mini.search('"training laboratory"')] == ["ruritania"]
    assert mini.search('"laboratory training"') == []
    assert [h.id for h in mini.search("laboratories")] == ["ruritania"]
    assert [h.id for h in mini.search("handler")] == ["ruritania"]  # "handlers"
    assert [h.id for h in mini.search("RURÍTANIA MAJOR")] == ["ruritania"]


def test_search_finds_plurals_and_prefixes_in_texts_it_has_not_decoded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Texts read from a user's files stay JSON until a term could match them; the words a
    plural or a prefix query matches must not be passed over."""
    from cyberprofiles import load

    org = 'id = "{id}"\nname = "{name}"\nkind = "organisation"\nreviewed = 2026-01-01\n'
    texts = {"one": "Cyber policies.", "two": "Exercises and laboratories.", "three": "None."}
    for pid, summary in texts.items():
        (tmp_path / f"{pid}.toml").write_text(
            org.format(id=pid, name=pid.title()) + f'summary = "{summary}"\n'
        )
    data = load([tmp_path], packaged=False, use_env=False)
    assert [h.id for h in data.search("policy")] == ["one"]
    assert [h.id for h in data.search("laboratory exercising")] == ["two"]
    assert [h.id for h in data.search("polic")] == ["one"]
    assert data.search("policy exercise") == []


def test_a_search_over_many_profiles_ranks_as_one_over_few(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """From some thousands of profiles on, half are tallied in a second process (on Linux with
    two processors): the hits, scores, order and snippets must be the same as in one."""
    from cyberprofiles import load, search

    org = 'id = "{id}"\nname = "{name}"\nkind = "organisation"\nreviewed = 2026-01-01\n'
    words = ["critical", "infrastructure", "cyber", "strategies", "incident", "response"]
    for n in range(60):
        summary = " ".join(words[(n * k) % len(words)] for k in range(1, 2 + n % 5))
        (tmp_path / f"p{n:02d}.toml").write_text(
            org.format(id=f"p{n:02d}", name=f"P{n:02d}") + f'summary = "{summary}."\n'
        )
    load([tmp_path], packaged=False, use_env=False)  # the second load reads the cache
    queries = ["critical infrastructure", '"incident response"', "strategy cyber", "p0"]

    def run() -> list[list[dict[str, object]]]:
        data = load([tmp_path], use_env=False)
        return [[h.to_dict() for h in data.search(q)] for q in queries]

    alone = run()
    forked = []
    real_fork = search._fork
    monkeypatch.setattr(search, "PARALLEL_FROM", 2)
    monkeypatch.setattr(search, "_fork", lambda *a: forked.append(real_fork(*a)) or forked[-1])
    assert run() == alone
    assert alone[0] and all(alone)
    if sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1:
        assert forked and all(f is not None for f in forked)


def test_hits_with_equal_scores_rank_by_name_as_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Profiles that score the same are listed by name, accents and case aside, whatever
    their ids and files say."""
    from cyberprofiles import load

    org = 'id = "{id}"\nname = "{name}"\nkind = "organisation"\nreviewed = 2026-01-01\n'
    names = {"a": "Zeta Forum", "b": "\u00c9cole Network", "c": "alpha group", "d": "Delta"}
    for pid, name in names.items():
        (tmp_path / f"{pid}.toml").write_text(
            org.format(id=pid, name=name) + 'summary = "Incident response drills."\n'
        )
    hits = load([tmp_path], packaged=False, use_env=False).search("incident response")
    assert len({h.score for h in hits}) == 1
    assert [h.name for h in hits] == ["alpha group", "Delta", "\u00c9cole Network", "Zeta Forum"]


def test_search_hits_say_where_they_matched(mini) -> None:  # type: ignore[no-untyped-def]
    [hit] = mini.search("laboratory")
    fields = [m.field for m in hit.matches]
    assert fields == ["cooperation[0].title", "cooperation[0].summary"]
    match = hit.matches[1]
    start, end = match.highlights[0]
    assert match.snippet[start:end].lower() == "laboratory"


def test_search_takes_the_filters_of_list(mini) -> None:  # type: ignore[no-untyped-def]
    assert [h.id for h in mini.search("strategy", cert=False)] == [
        "grand-fenwick",
        "freedonia",
    ]
    assert [h.id for h in mini.search("strategy", kind="organisation")] == []


def test_empty_query_is_a_usage_error(mini, cli) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError):
        mini.search('  "" ')
    result = cli("search", "", *MINI_ARGS)
    assert result.exit_code == 2 and result.stdout == ""


def test_search_cli_json_and_escaped_snippets(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = cli("search", "freedonian laboratory", "--json", *MINI_ARGS)
    [hit] = json.loads(result.stdout)
    assert hit["id"] == "ruritania" and hit["score"] > 0
    assert {m["field"] for m in hit["matches"]} == {
        "cooperation[0].title",
        "cooperation[0].summary",
    }
    (tmp_path / "oddland.toml").write_text(
        'id = "oddland"\nname = "Oddland"\nkind = "organisation"\nreviewed = 2026-01-01\n'
        'summary = "Zebra [bold]stripes[/bold] and \\u001b[5mblink"\n'
    )
    table = cli("search", "zebra", "--data", str(tmp_path))
    assert "[bold]stripes[/bold]" in table.stdout and "\x1b" not in table.stdout


def test_compare_marks_differences_and_shared_ties(mini, cli) -> None:  # type: ignore[no-untyped-def]
    comparison = mini.compare(["ruritania", "grand fenwick"])
    rows = {r.field: r for r in comparison.rows}
    assert not rows["kind"].differs
    assert rows["cert_status"].values == ["established", "none"]
    assert rows["first_strategy"].values[0] == {
        "title": "National Cybersecurity Strategy 2015-2020",
        "year": 2015,
    }
    assert comparison.shared_partners == ["alliance"]
    assert comparison.shared_memberships == []  # Grand Fenwick is only a partner

    data = json.loads(cli("compare", "ruritania", "XC", "--json", *MINI_ARGS).stdout)
    assert data["profiles"] == ["ruritania", "grand-fenwick"]
    cert = next(f for f in data["fields"] if f["field"] == "cert_status")
    assert cert == {
        "field": "cert_status",
        "label": "CERT status",
        "values": {"ruritania": "established", "grand-fenwick": "none"},
        "differs": True,
    }
    assert data["shared"]["partners"] == ["alliance"]
    table = cli(
        "compare", "ruritania", "XC", "freedonia", *MINI_ARGS, env={"COLUMNS": "200"}
    ).stdout
    lines = table.splitlines()
    assert any(line.startswith("≠ CERT status") for line in lines)
    assert any(line.startswith("Kind ") for line in lines)  # the same for all: not marked


def test_compare_takes_two_to_twelve_names(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("compare", "ruritania", *MINI_ARGS)
    assert result.exit_code == 2 and "2 to 12 names (got 1)" in result.stderr
    result = cli("compare", *["ruritania"] * 13, *MINI_ARGS)
    assert result.exit_code == 2 and result.stdout == ""


def test_partners_in_both_directions(mini, cli) -> None:  # type: ignore[no-untyped-def]
    edges = mini.partners("freedonia")  # recorded by Ruritania, seen from Freedonia
    assert [(e.actor, e.partner, e.kind, e.relation, e.year, e.recorded_by) for e in edges] == [
        ("freedonia", "ruritania", "donation", "received", 2020, "ruritania")
    ]
    rows = list(
        csv.DictReader(io.StringIO(cli("partners", "NDA", "--format", "csv", *MINI_ARGS).stdout))
    )
    assert {(r["actor"], r["partner"], r["relation"], r["year"]) for r in rows} == {
        ("alliance", "grand-fenwick", "has partner", "2005"),
        ("alliance", "ruritania", "has member", "1999"),
    }


def test_the_network_read_from_tie_rows_is_the_network_of_the_records(packaged) -> None:  # type: ignore[no-untyped-def]
    # ``network`` reads the tie rows kept beside each record (from the cache on a later run,
    # from the index for packaged data); working the ties out of the records themselves must
    # give the same edges, each pointing at the same recorded fact.
    from cyberprofiles.network import edges_of

    for dataset in (packaged, load([MINI], packaged=False, use_env=False)):
        expected: dict[tuple[object, ...], object] = {}
        for profile in dataset:
            for edge in edges_of(profile.record):
                expected.setdefault(edge.key(), edge)
        edges = dataset.network()
        assert len(edges) == len(expected) > 0
        assert [e.row() for e in edges] == [expected[e.key()].row() for e in edges]  # type: ignore[attr-defined]
        assert [dict(e.entry) for e in edges] == [expected[e.key()].entry for e in edges]  # type: ignore[attr-defined]


def test_network_csv_is_what_the_cell_by_cell_writer_writes(packaged) -> None:  # type: ignore[no-untyped-def]
    # A network is written from its rows as they are (no cell conversion); with the formula
    # guard, or for any other result, each cell is converted. Both must give the same text,
    # unknown years and notes as empty cells, line breaks and commas quoted.
    from cyberprofiles.formats import Options
    from cyberprofiles.formats.csv import chunks
    from cyberprofiles.network import Edge
    from cyberprofiles.results import Edges

    awkward = Edge("a", "b", "mou", "mutual", None, 'line\nbreak, "quoted"', None, "a")  # type: ignore[arg-type]
    network = packaged.network()  # written from its tie rows, without making edges
    for result in (Edges(network, {}), Edges([*network] * 3 + [awkward], {})):

        class CellByCell:  # the same result without ``plain_rows``
            columns = result.columns
            rows = result.rows

        fast = "".join(chunks(result, Options()))
        assert fast == "".join(chunks(CellByCell(), Options()))  # type: ignore[arg-type]
        assert fast.count("\n") > len(network) > 1000
    assert fast.endswith('a,b,mou,mutual,,"line\nbreak, ""quoted""",,a\n')


def test_kinds_of_tie_read_as_people_write_them(packaged, cli) -> None:  # type: ignore[no-untyped-def]
    # Sections of `partners` are named after the kind of tie, with its acronyms as written.
    kenya = cli("partners", "kenya", env={"COLUMNS": "100"}).stdout
    assert "MoU (" in kenya and "Mou" not in kenya
    japan = cli("show", "japan", env={"COLUMNS": "120"}).stdout
    assert "MoU" in japan and "Mou" not in japan


def test_whole_network_as_dot_and_mermaid(cli) -> None:  # type: ignore[no-untyped-def]
    dot = cli("partners", "--format", "dot", *MINI_ARGS).stdout
    assert (
        dot.startswith("digraph")
        and '"ruritania" -> "freedonia" [label="donation (given) 2020"];' in dot
    )
    mermaid = cli("partners", "--format", "mermaid", *MINI_ARGS).stdout
    assert (
        mermaid.startswith("flowchart LR")
        and 'n_ruritania -->|"donation (given) 2020"| n_freedonia' in mermaid
    )


def test_timeline_counts_adoptions_per_year(mini, cli) -> None:  # type: ignore[no-untyped-def]
    from cyberprofiles.stats import timeline

    bars = timeline(list(mini))
    assert [(b.year, b.actors) for b in bars] == [
        (2015, ["ruritania"]),
        (2016, []),  # a year without adoptions is a bar of zero, not a gap
        (2017, []),
        (2018, ["grand-fenwick"]),
        (2019, []),
        (2020, []),
        (2021, ["ruritania"]),
    ]
    assert [b.year for b in timeline(list(mini), first_only=True)] == [2015, 2016, 2017, 2018]
    by_region = timeline(list(mini), by="region")
    assert by_region[3].groups == {"Europe": 1}
    result = cli("timeline", "--first", "--json", "--partner", "NDA", "--by", "kind", *MINI_ARGS)
    assert json.loads(result.stdout) == [
        {"year": 2015, "count": 1, "actors": ["ruritania"], "groups": {"state": 1}},
        {"year": 2016, "count": 0, "actors": [], "groups": {}},
        {"year": 2017, "count": 0, "actors": [], "groups": {}},
        {"year": 2018, "count": 1, "actors": ["grand-fenwick"], "groups": {"state": 1}},
    ]
    rows = list(csv.DictReader(io.StringIO(cli("timeline", "--format", "csv", *MINI_ARGS).stdout)))
    assert all(r["count"].isdigit() for r in rows)  # zero counts are 0, not empty


def test_stats_and_coverage(mini, cli) -> None:  # type: ignore[no-untyped-def]
    from cyberprofiles.stats import coverage, summary

    numbers = summary(mini)
    assert numbers["by_kind"] == {"organisation": 1, "state": 3}
    assert numbers["states_with_strategy"] == {"count": 2, "of": 3, "share": 0.667}
    assert numbers["facts"] == numbers["facts_with_source"] == 11
    known = {row["field"]: row["known"] for row in coverage(list(mini), mini)}
    assert known["cert_year"] == 1 and known["iso_codes"] == 3
    data = json.loads(cli("stats", "--json").stdout)
    assert data["profiles"] >= 1 and data["coverage"]


def test_stats_for_one_kind_counts_only_that_kind(cli) -> None:  # type: ignore[no-untyped-def]
    from cyberprofiles import load
    from cyberprofiles.sources import fact_sources

    states = [p for p in load() if p.kind == "state"]
    whole = json.loads(cli("stats", "--json").stdout)
    only = json.loads(cli("stats", "--kind", "state", "--json").stdout)
    assert only["profiles"] == len(states) < whole["profiles"]
    assert only["by_kind"] == {"state": len(states)}
    assert only["facts"] == sum(len(fact_sources(p.record)) for p in states) < whole["facts"]


@pytest.mark.parametrize("as_of", [None, 2012])
def test_coverage_kept_with_each_profile_agrees_with_its_record(as_of: int | None) -> None:
    """stats and list --missing read which fields a profile knows, and its fact tally, from
    the outline made when it was checked: they must say what the record itself says."""
    from cyberprofiles import load
    from cyberprofiles.coverage import COVERAGE, knows
    from cyberprofiles.sources import fact_tally

    data = load() if as_of is None else load().as_of(as_of)
    for p in data:
        for name, check in COVERAGE.items():
            assert knows(p, name, data) == check.known(p, data), (p.id, name)
        assert p.outline["facts"] == fact_tally(p.record), p.id


def test_official_sources_are_told_by_their_address() -> None:
    from cyberprofiles.sources import is_official

    official = [
        "https://www.ncsc.gov.uk/",
        "https://www12.senado.leg.br/noticias",  # a legislature's own domain
        "https://enisa.europa.eu./topics",  # a trailing dot is still the same host
        "http://oea.org/en/ser/dia/perm_observers/information.asp",  # the OAS in Spanish
        "https://ccb.belgium.be/en",
        "https://cert.gov.rs/",
        "https://github.com/ambanum/pariscall.international/blob/master/_supporters/x.md",
    ]
    secondary = [
        "https://dig.watch/resource/x",
        "https://www.dataguidance.com/notes/x",
        "https://github.com/nadiyakostyuk/National-Cybersecurity-Strategy-Data",
        "https://notbelgium.be/",
        "not a url",
    ]
    assert [u for u in official if not is_official(u)] == []
    assert [u for u in secondary if is_official(u)] == []


def test_list_missing_names_exactly_the_gaps_that_coverage_counts(cli) -> None:  # type: ignore[no-untyped-def]
    coverage = json.loads(cli("stats", "--kind", "state", "--json").stdout)["coverage"]
    known = {row["field"]: row for row in coverage}
    states = json.loads(cli("list", "--kind", "state", "--json").stdout)
    gaps = json.loads(cli("list", "--kind", "state", "--missing", "cert_status", "--json").stdout)
    assert {p["id"] for p in gaps} == {p["id"] for p in states if p["cert"]["status"] == "unknown"}
    for field in ("cert_status", "cert_year", "current_strategy_status", "agency", "cooperation"):
        gaps = json.loads(cli("list", "--kind", "state", "--missing", field, "--json").stdout)
        assert len(gaps) == known[field]["of"] - known[field]["known"]
    result = cli("list", "--missing", "cert_founded")
    assert result.exit_code == 2 and "cert_year" in result.stderr
    asean = cli("list", "--member", "asean", "--known", "international_law_position", "--json")
    published = {p["id"] for p in json.loads(asean.stdout)}
    assert "singapore" in published and "laos" not in published


def test_list_says_when_each_position_on_international_law_was_published(cli) -> None:  # type: ignore[no-untyped-def]
    # "Which ASEAN states have published a position on international law, and when?"
    records = {p["id"]: p for p in json.loads(cli("list", "--json").stdout)}
    asked = ("list", "--member", "asean", "--known", "international_law_position")
    rows = json.loads(cli(*asked, "--fields", "id,law_position_years", "--json").stdout)
    assert rows and all(row["law_position_years"] for row in rows)
    for row in rows:
        positions = records[row["id"]]["positions"]
        years = {p["year"] for p in positions if p["topic"] == "international-law"}
        cells = [str(y) for y in sorted(y for y in years if y)] + ["undated"] * (None in years)
        assert row["law_position_years"] == ";".join(cells), row
    everyone = json.loads(cli("list", "--fields", "id,law_position_years", "--json").stdout)
    silent = [row for row in everyone if row["law_position_years"] is None]
    assert silent and all(
        all(p["topic"] != "international-law" for p in records[row["id"]]["positions"])
        for row in silent
    )
    undated = {"positions": [{"topic": "international-law", "year": None}, {"topic": "norms"}]}
    undated["positions"] += [{"topic": "international-law", "year": y} for y in (2024, 2021, 2024)]
    assert law_position_years(undated) == [2021, 2024, None]


def test_list_by_area_of_law_agrees_with_the_records(cli) -> None:  # type: ignore[no-untyped-def]
    states = json.loads(cli("list", "--kind", "state", "--json").stdout)

    def adopted(p, area):  # type: ignore[no-untyped-def]
        return any(
            area in d["area"] and d["status"] not in ("in-preparation", "proposed", "withdrawn")
            for d in p["documents"]
        )

    def absent(p, area):  # type: ignore[no-untyped-def]
        return any(a["subject"] == area for a in p["absences"])

    found = cli("list", "--kind", "state", "--law", "data-protection", "--fields", "id", "--json")
    assert {r["id"] for r in json.loads(found.stdout)} == {
        p["id"] for p in states if adopted(p, "data-protection")
    }
    both = cli(
        "list", "--kind", "state", "--law", "cybercrime", "--no-law", "data-protection", "--json"
    )
    assert {p["id"] for p in json.loads(both.stdout)} == {
        p["id"]
        for p in states
        if adopted(p, "cybercrime")
        and absent(p, "data-protection")
        and not adopted(p, "data-protection")
    }
    wrong = cli("list", "--law", "privacy")
    assert wrong.exit_code == 2 and "data-protection" in wrong.stderr


def test_list_sorted_by_change_puts_the_newest_document_first(cli) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(
        cli(
            "list",
            "--sort",
            "changed",
            "--changed-since",
            "2020",
            "--fields",
            "id,latest_change_date,latest_change",
            "--json",
        ).stdout
    )
    assert rows, "some profile has a document adopted since 2020"
    dates = [
        (int(r["latest_change_date"][:4]), int(r["latest_change_date"][5:] or 13)) for r in rows
    ]
    assert dates == sorted(dates, reverse=True)
    assert all(
        year >= 2020 and r["latest_change"] for (year, _), r in zip(dates, rows, strict=True)
    )
