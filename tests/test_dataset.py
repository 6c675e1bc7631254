"""The packaged dataset holds up: complete, consistent, sourced, and in line with the published
reference dataset of first national strategies (or saying why not)."""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path

import pytest

from cyberprofiles.files import packaged_data_dir
from cyberprofiles.validation import validate

REFERENCE = (
    Path(__file__).parent / "fixtures" / "reference" / "inaugural-cyber-strategies-2000-2024.csv"
)
ORGANISATIONS = {
    "european-union",
    "nato",
    "osce",
    "asean",
    "african-union",
    "oas",
    "council-of-europe",
    "un",
    "g7",
    "g20",
    "world-bank",
}


@pytest.fixture(scope="module")
def reference() -> dict[str, int | None]:
    with REFERENCE.open(encoding="utf-8") as handle:
        return {
            r["Countries"]: None if r["Year"] == "NA" else int(r["Year"])
            for r in csv.DictReader(handle)
        }


def test_packaged_data_has_no_problem_at_all() -> None:
    problems, checked = validate()
    assert [str(p) for p in problems] == []
    assert checked >= 193 + len(ORGANISATIONS)


def test_every_un_member_state_and_the_main_organisations(packaged, reference) -> None:  # type: ignore[no-untyped-def]
    states = {p.iso3 for p in packaged if p.kind == "state"}
    assert states >= set(reference)
    assert len(reference) == 193
    assert {p.id for p in packaged if p.kind == "organisation"} >= ORGANISATIONS


def test_file_names_are_ids() -> None:
    from cyberprofiles.checking import read_profile

    for path in sorted(packaged_data_dir().glob("*.toml")):
        profile, _ = read_profile(path)
        assert profile is not None and profile.id == path.stem


def test_iso_codes_are_unique(packaged) -> None:  # type: ignore[no-untyped-def]
    for attribute in ("iso2", "iso3"):
        codes = [getattr(p, attribute) for p in packaged if getattr(p, attribute)]
        assert len(codes) == len(set(codes)), attribute


def test_every_name_and_alias_resolves_to_its_own_profile(packaged) -> None:  # type: ignore[no-untyped-def]
    for p in packaged:
        for name in [p.id, p.name, p.official_name, *p.aliases, p.iso2, p.iso3]:
            if name:
                assert packaged.resolve(name).id == p.id, name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Czech Republic", "czechia"),
        ("Turkey", "turkiye"),
        ("Türkiye", "turkiye"),
        ("Swaziland", "eswatini"),
        ("Ivory Coast", "cote-divoire"),
        ("Côte d'Ivoire", "cote-divoire"),
        ("cote divoire", "cote-divoire"),
        ("Burma", "myanmar"),
        ("Cape Verde", "cabo-verde"),
        ("DPRK", "north-korea"),
        ("UK", "united-kingdom"),
        ("USA", "united-states"),
        ("Macedonia", "north-macedonia"),
        ("ROK", "south-korea"),
        ("South Korea", "south-korea"),
        ("BiH", "bosnia-and-herzegovina"),
        ("Bosnia & Herzegovina", "bosnia-and-herzegovina"),
        ("ba", "bosnia-and-herzegovina"),
        ("EU", "european-union"),
        ("rs", "serbia"),
    ],
)
def test_common_alternate_names(packaged, name, expected) -> None:  # type: ignore[no-untyped-def]
    assert packaged.resolve(name).id == expected


def test_strategy_years_are_plausible(packaged) -> None:  # type: ignore[no-untyped-def]
    for p in packaged:
        for d in p.strategies:
            assert d.year is None or 1990 <= d.year <= datetime.date.today().year, (p.id, d.title)


def test_every_strategy_and_cert_fact_has_a_source(packaged) -> None:  # type: ignore[no-untyped-def]
    for p in packaged:
        assert all(d.source.startswith("http") for d in p.documents)
        if p.cert.status not in ("unknown", "not-applicable"):
            assert p.cert.source and p.cert.source.startswith("http"), p.id
        assert p.sources or p.documents or p.memberships, p.id


#: Hosts that copy documents without their publisher's say (mirrors), write-anyone blogs and
#: encyclopaedias: never a source, in a fact, a note or a profile's list of sources.
UNCITABLE = re.compile(
    r"https?://(?:[\w-]+\.)*(?:wikipedia\.org|studylib\.\w+|scribd\.com|docplayer\.\w+|"
    r"pdfcoffee\.com|academia\.edu|blogspot\.com|vdocuments\.\w+|fdocuments\.\w+|issuu\.com|"
    r"slideshare\.net|docslib\.org|studenta\.com|pdfslide\.\w+|dokumen\.tips|readkong\.com|"
    r"123dok\.com|documents\.pub|karlerss\.com|jawawa\.id|paperblog\.\w+)/|[?&;](?:p_auth|jsessionid|utm_[a-z]+|fbclid|gclid)=",
    re.IGNORECASE,
)


def test_no_fact_or_note_cites_a_mirror_a_blog_or_a_session_or_tracking_link() -> None:
    for path in sorted(packaged_data_dir().glob("*.toml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not UNCITABLE.search(line), f"{path.name}:{number}: {line.strip()[:120]}"


def test_first_strategy_year_agrees_with_the_reference_or_says_why(packaged, reference) -> None:  # type: ignore[no-untyped-def]
    by_iso3 = {p.iso3: p for p in packaged if p.kind == "state"}
    unexplained = []
    for iso3, year in reference.items():
        p = by_iso3[iso3]
        if p.first_strategy_year == year:
            continue
        explained = any(d.note.strip() for d in p.documents if d.kind == "strategy")
        if not explained:
            unexplained.append((p.id, year, p.first_strategy_year))
    assert unexplained == []


def test_states_without_a_strategy_say_so_with_a_source(packaged) -> None:  # type: ignore[no-untyped-def]
    for p in packaged:
        if p.kind == "state" and not p.strategies:
            assert p.sources, p.id
            assert p.summary.strip(), p.id


def test_most_states_have_a_known_cert_status(packaged) -> None:  # type: ignore[no-untyped-def]
    states = [p for p in packaged if p.kind == "state"]
    known = [p for p in states if p.cert.status != "unknown"]
    assert len(known) / len(states) > 0.7


def test_records_written_out_in_batches_are_the_records_in_order(mini_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cyberprofiles.dataset import load
    from cyberprofiles.profile import Records

    load([mini_copy], packaged=False, use_env=False)  # fills the cache
    data = load([mini_copy], packaged=False, use_env=False)  # records read from the cache
    profiles = list(data)
    monkeypatch.setattr(Records, "BATCH", 3)
    written = list(Records(profiles))
    assert [r["id"] for r in written] == [p.id for p in profiles]
    assert written == [p.to_dict() for p in profiles]
    assert Records(profiles)[1] == profiles[1].to_dict()
