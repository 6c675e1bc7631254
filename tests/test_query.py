"""Each filter of ``list`` keeps exactly the profiles a user would expect."""

from __future__ import annotations

import pytest

from cyberprofiles.dataset import Dataset, load
from cyberprofiles.errors import NotFoundError, UsageError
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


def test_no_cert_leaves_out_organisations_where_a_national_cert_does_not_apply() -> None:
    from cyberprofiles import load
    from cyberprofiles.query import Filters, filter_profiles

    data = load()
    members = filter_profiles(data, Filters(member="counter-ransomware-initiative", cert=False))
    assert members and all(p.cert_status in ("planned", "none", "unknown") for p in members)
    organisations = filter_profiles(data, Filters(kind="organisation", cert=False))
    assert all(p.cert_status == "unknown" for p in organisations)


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


def _laws_and_tiers(mini_copy) -> Dataset:  # type: ignore[no-untyped-def]
    """The fictional data with laws by area, a recorded absence, a bill and GCI tiers."""
    extra = {
        "freedonia": """
[[documents]]
title = "Personal Data Act"
kind = "law"
area = ["data-protection"]
year = 2020
month = 3
status = "in-force"
source = "https://example.org/freedonia/data"

[[absences]]
subject = "cybercrime"
as_of = 2024
source = "https://example.org/freedonia/no-cybercrime-law"

[[indices]]
index = "itu-gci"
edition = 2024
tier = 1
source = "https://example.org/gci"
""",
        "ruritania": """
[[documents]]
title = "Data Protection Bill"
kind = "law"
area = ["data-protection"]
year = 2025
month = 11
status = "proposed"
source = "https://example.org/ruritania/bill"

[[documents]]
title = "Computer Crimes Act"
kind = "law"
area = ["cybercrime"]
year = 2012
status = "in-force"
source = "https://example.org/ruritania/crimes"
""",
        "grand-fenwick": """
[[indices]]
index = "itu-gci"
edition = 2024
tier = 2
source = "https://example.org/gci"

[[documents]]
title = "Cybersecurity Bill"
kind = "law"
area = ["cybersecurity"]
year = 2016
status = "withdrawn"
source = "https://example.org/grand-fenwick/bill"
""",
    }
    for name, text in extra.items():
        with open(mini_copy / f"{name}.toml", "a", encoding="utf-8") as handle:
            handle.write(text)
    return load([mini_copy], packaged=False, use_env=False)


def test_law_filters_tell_adopted_absent_and_draft_apart(mini_copy) -> None:  # type: ignore[no-untyped-def]
    data = _laws_and_tiers(mini_copy)
    assert ids(data, law=["data-protection"]) == ["freedonia"]
    assert ids(data, law=["cybercrime"]) == ["ruritania"]
    # "No cybercrime law" means a source says so; Grand Fenwick merely records nothing.
    assert ids(data, no_law=["cybercrime"]) == ["freedonia"]
    assert ids(data, law=["data-protection"], no_law=["cybercrime"]) == ["freedonia"]
    # A bill is not a law: Ruritania has only a draft on data protection.
    assert ids(data, draft_law=["data-protection"]) == ["ruritania"]
    assert ids(data, law=["data-protection", "cybercrime"]) == []
    assert data["ruritania"].law_state("data-protection") == "draft"
    assert data["grand-fenwick"].law_state("cybercrime") is None
    # A bill shelved before it took effect is neither a law nor a draft in progress.
    assert ids(data, law=["cybersecurity"]) == ids(data, draft_law=["cybersecurity"]) == []
    assert data["grand-fenwick"].law_state("cybersecurity") is None


def test_gci_tier_filter_and_sort(mini_copy) -> None:  # type: ignore[no-untyped-def]
    data = _laws_and_tiers(mini_copy)
    assert ids(data, gci_tier=1) == ["freedonia"]
    assert ids(data, sort="gci") == ["freedonia", "grand-fenwick", "alliance", "ruritania"]


def test_changed_since_and_sort_by_newest_document(mini_copy) -> None:  # type: ignore[no-untyped-def]
    data = _laws_and_tiers(mini_copy)
    assert ids(data, changed_since="2025-11") == ["ruritania"]
    assert ids(data, changed_since="2025-12") == []
    assert ids(data, changed_since="2021") == ["ruritania"]
    # Newest first; Freedonia's newest is March 2020, Grand Fenwick's 2018, the alliance none.
    assert ids(data, sort="changed") == ["ruritania", "freedonia", "grand-fenwick", "alliance"]
    row = summary_row(data["freedonia"], data)
    assert (row["latest_change_date"], row["latest_change"]) == ("2020-03", "Personal Data Act")
    assert row["gci_tier"] == 1


def test_a_year_without_a_month_counts_as_the_whole_year(mini) -> None:  # type: ignore[no-untyped-def]
    # Grand Fenwick's strategy is dated 2018 only: it could be from December.
    assert "grand-fenwick" in ids(mini, changed_since="2018-12")
    assert "grand-fenwick" not in ids(mini, changed_since="2019-01")


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"law": ["dataprotection"]}, "did you mean: data-protection"),
        ({"no_law": ["crime"]}, "law area"),
        ({"changed_since": "2025-13"}, "YYYY-MM"),
        ({"changed_since": "June 2025"}, "YYYY-MM"),
        ({"gci_tier": 7}, "1 \\(highest\\) to 5"),
        ({"sort": "newest"}, "did you mean: name|changed"),
    ],
)
def test_wrong_filter_values_say_what_is_allowed(mini, filters, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match=message):
        ids(mini, **filters)


def test_known_is_the_complement_of_missing(mini) -> None:  # type: ignore[no-untyped-def]
    everyone = set(ids(mini))
    for field in ("cert_year", "agency", "international_law_position", "cooperation"):
        known, missing = set(ids(mini, known=field)), set(ids(mini, missing=field))
        assert known | missing == everyone and not known & missing, field
    assert ids(mini, known="cert_year") == ["ruritania"]
    with pytest.raises(UsageError, match="cert_yera"):
        Filters(known="cert_yera").resolved(mini)
