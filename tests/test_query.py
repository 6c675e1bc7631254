"""Each filter of ``list`` keeps exactly the profiles a user would expect."""

from __future__ import annotations

import pytest

from cyberprofiles.errors import NotFoundError
from cyberprofiles.query import Filters, filter_profiles
from cyberprofiles.results import summary_row


def ids(dataset, **filters) -> list[str]:  # type: ignore[no-untyped-def]
    sort = filters.pop("sort", "name")
    return [p.id for p in filter_profiles(dataset, Filters(**filters), sort=sort)]


def test_no_filter_lists_everything_by_name(mini) -> None:  # type: ignore[no-untyped-def]
    assert ids(mini) == ["freedonia", "grand-fenwick", "alliance", "ruritania"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"strategy_year": 2021}, ["ruritania"]),
        ({"strategy_year": 2010}, []),  # a law, not a strategy
        ({"strategy_since": 2018}, ["grand-fenwick", "ruritania"]),
        ({"strategy_since": 2022}, []),
        ({"strategy_until": 2016}, ["ruritania"]),
        ({"strategy_since": 2016, "strategy_until": 2019}, ["grand-fenwick"]),
        ({"no_strategy": True}, ["freedonia", "alliance"]),
    ],
)
def test_strategy_filters(mini, filters, expected) -> None:  # type: ignore[no-untyped-def]
    assert sorted(ids(mini, **filters)) == sorted(expected)


def test_cert_filters(mini) -> None:  # type: ignore[no-untyped-def]
    assert ids(mini, cert=True) == ["ruritania"]
    assert ids(mini, cert=False) == ["freedonia", "grand-fenwick", "alliance"]
    assert ids(mini, cert_status="planned") == ["freedonia"]
    assert ids(mini, cert_status="none") == ["grand-fenwick"]


def test_partner_counts_memberships_and_both_directions(mini) -> None:  # type: ignore[no-untyped-def]
    assert ids(mini, partner="NDA") == ["grand-fenwick", "ruritania"]
    # Ruritania's file names Freedonia; Freedonia's does not name Ruritania, yet they are partners.
    assert ids(mini, partner="ruritania") == ["freedonia", "alliance"]
    assert ids(mini, partner="freedonia") == ["ruritania"]


def test_member_excludes_partners_and_candidates(mini) -> None:  # type: ignore[no-untyped-def]
    assert ids(mini, member="northern alliance") == ["ruritania"]


def test_region_matches_region_or_subregion(mini) -> None:  # type: ignore[no-untyped-def]
    assert ids(mini, region="europe") == ["grand-fenwick", "ruritania"]
    assert ids(mini, region="Western Europe") == ["grand-fenwick"]
    assert ids(mini, region="Oceania") == []


def test_kind_and_combined_filters(mini) -> None:  # type: ignore[no-untyped-def]
    assert ids(mini, kind="organisation") == ["alliance"]
    assert ids(mini, kind="state", region="europe", cert=False) == ["grand-fenwick"]


def test_sort_by_first_strategy_year_puts_unknown_last(mini) -> None:  # type: ignore[no-untyped-def]
    assert ids(mini, sort="strategy-year") == [
        "ruritania",
        "grand-fenwick",
        "freedonia",
        "alliance",
    ]


def test_missing_lists_the_profiles_that_do_not_know_a_field(mini) -> None:  # type: ignore[no-untyped-def]
    # Only Ruritania records when its CERT was founded; the others are the gap.
    assert ids(mini, missing="cert_year") == ["freedonia", "grand-fenwick", "alliance"]
    assert ids(mini, missing="iso_codes", kind="state") == []
    with pytest.raises(ValueError, match="cert_year"):
        ids(mini, missing="cert_founded")


def test_unknown_partner_name_is_an_error(mini) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        ids(mini, partner="atlantis")


def test_summary_row(mini) -> None:  # type: ignore[no-untyped-def]
    row = summary_row(mini["ruritania"], mini)
    assert row["first_strategy_year"] == 2015
    assert row["latest_strategy_year"] == 2021
    assert row["strategies"] == 2
    assert row["cert_acronym"] == "RU-CERT"
    assert row["partners"] == "alliance;freedonia"
    assert row["partner_count"] == 2
