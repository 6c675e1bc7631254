"""Property-based tests: no input makes the resolver, filters or loader raise, and any profile the
models accept survives TOML -> model -> JSON -> model unchanged."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cyberprofiles.checking import read_profile
from cyberprofiles.errors import AmbiguousNameError, NotFoundError, UsageError
from cyberprofiles.models import LATEST_YEAR, Profile
from cyberprofiles.query import Filters, filter_profiles
from cyberprofiles.search import parse_query

MINI = Path(__file__).parent / "fixtures" / "mini"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(st.text())
def test_resolver_only_ever_finds_or_says_why_not(mini, name: str) -> None:  # type: ignore[no-untyped-def]
    try:
        found = mini.resolve(name)
    except (NotFoundError, AmbiguousNameError) as error:
        assert str(error)
    else:
        assert found.id in mini.profiles


years = st.one_of(st.none(), st.integers(min_value=-10, max_value=30_000))


@SETTINGS
@given(
    strategy_year=years,
    strategy_since=years,
    strategy_until=years,
    no_strategy=st.booleans(),
    cert=st.one_of(st.none(), st.booleans()),
    region=st.one_of(st.none(), st.text()),
)
def test_filters_never_fail_but_on_a_region_that_does_not_exist(mini, **kwargs) -> None:  # type: ignore[no-untyped-def]
    try:
        found = filter_profiles(mini, Filters(**kwargs))
    except UsageError as error:  # an unknown region is refused with the list of regions
        assert kwargs["region"] is not None and "no region is called" in str(error)
    else:
        assert all(p.id in mini.profiles for p in found)


@SETTINGS
@given(st.text(), st.one_of(st.none(), st.integers(min_value=1, max_value=5)))
def test_search_never_raises_but_on_an_empty_query(mini, query: str, limit) -> None:  # type: ignore[no-untyped-def]
    try:
        hits = mini.search(query)[:limit]
    except UsageError:
        assert parse_query(query) == []  # only a query with no words is refused
    else:
        assert all(h.id in mini.profiles for h in hits)
        for hit in hits:
            assert hit.matches and all(m.snippet for m in hit.matches)


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1).filter(str.strip)
url = st.from_regex(r"https://[a-z]{1,10}\.example/[a-z0-9/]{0,10}", fullmatch=True)
year = st.integers(min_value=1945, max_value=LATEST_YEAR)
slug = st.from_regex(r"[a-z]{1,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)

documents = st.lists(
    st.fixed_dictionaries(
        {"title": text, "kind": st.sampled_from(["strategy", "law", "policy"]), "source": url},
        optional={
            "year": year,
            "status": st.sampled_from(["in-force", "superseded", "unknown"]),
            "summary": st.text(),
            "note": st.text(),
        },
    ),
    max_size=3,
)
profiles = st.fixed_dictionaries(
    {
        "id": slug,
        "name": text,
        "kind": st.just("organisation"),
        "reviewed": st.dates(
            min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 1, 1)
        ),
    },
    optional={
        "official_name": st.text(),
        "aliases": st.lists(text, max_size=3),
        "summary": st.text(),
        "documents": documents,
        "sources": st.lists(url, max_size=2),
        "cert": st.fixed_dictionaries(
            {"status": st.just("established"), "source": url},
            optional={"name": text, "year": year, "acronym": text},
        ),
    },
)


@SETTINGS
@given(profiles)
def test_profiles_round_trip_through_toml_and_json(tmp_path_factory, raw) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("rt") / f"{raw['id']}.toml"
    path.write_text(tomli_w.dumps(raw), encoding="utf-8")
    profile, problems = read_profile(path)
    assert problems == [] and profile is not None
    model = profile.model()
    again = Profile.model_validate_json(model.model_dump_json())
    assert again == model
    assert again.model_dump(mode="json") == profile.to_dict()


SEED = (MINI / "ruritania.toml").read_bytes()
#: A bounded run in the suite; raise it for a longer fuzz run, e.g.
#: CYBERPROFILES_FUZZ_EXAMPLES=100000 pytest tests/test_properties.py -k fuzz
FUZZ_EXAMPLES = int(os.environ.get("CYBERPROFILES_FUZZ_EXAMPLES", "300"))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.tuples(st.integers(0, len(SEED)), st.integers(0, 64), st.binary(max_size=64)).map(
            lambda t: SEED[: t[0]] + t[2] + SEED[t[0] + t[1] :]
        ),
    )
)
def test_fuzzed_files_never_raise(tmp_path_factory, content: bytes) -> None:  # type: ignore[no-untyped-def]
    """A bounded fuzz run; see the README for a longer one."""
    path = tmp_path_factory.mktemp("fz") / "f.toml"
    path.write_bytes(content)
    profile, problems = read_profile(path)
    assert (profile is None) == bool(problems)
    for problem in problems:
        assert str(problem)
