"""Any id, name, alias or ISO code finds a profile; near misses get suggestions."""

from __future__ import annotations

import pytest

from cyberprofiles.errors import AmbiguousNameError, NotFoundError
from cyberprofiles.names import normalise


def test_normalise_folds_case_diacritics_and_punctuation() -> None:
    assert normalise("Bosnia & Herzegovina") == "bosnia and herzegovina"
    assert normalise("  Côte d'Ivoire ") == "cote d ivoire"
    assert normalise("RURÍTANIA-major") == "ruritania major"


@pytest.mark.parametrize(
    "name",
    ["ruritania", "RURITANIA", "Kingdom of Ruritania", "XA", "xaa", "Ruritania Major", "rurit"],
)
def test_resolves_every_kind_of_name(mini, name) -> None:  # type: ignore[no-untyped-def]
    assert mini.resolve(name).id == "ruritania"


def test_unknown_name_suggests_close_ids(mini) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError) as caught:
        mini.resolve("Fredonia")
    assert caught.value.suggestions[0] == "freedonia"
    assert "did you mean: freedonia" in str(caught.value)


def test_nothing_close_gives_no_suggestion(mini) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError) as caught:
        mini.resolve("zzzzzz")
    assert caught.value.suggestions == []


def test_a_prefix_of_several_names_is_ambiguous(mini) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AmbiguousNameError) as caught:
        mini.resolve("free")
    assert caught.value.candidates == ["freedonia", "grand-fenwick"]


def test_an_exact_name_beats_a_prefix(mini) -> None:  # type: ignore[no-untyped-def]
    assert mini.resolve("Freedonia").id == "freedonia"


def test_the_names_folded_at_check_time_are_the_profile_s_names() -> None:
    """Look-ups use the keys folded when each file was checked (kept in its outline): they must
    be the folding of the names, aliases and codes the profile has now."""
    from cyberprofiles import load
    from cyberprofiles.names import lookup_keys

    data = load()
    for p in data:
        assert p.outline["keys"] == lookup_keys(v for _, v in p.lookup_names()), p.id
    assert data.resolve("bosnia & herzegovina").id == "bosnia-and-herzegovina"
    with pytest.raises(AmbiguousNameError):
        data.resolve("korea")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("Kirgistan", ["kyrgyzstan"]), ("Ruanda", ["rwanda"]), ("Irak", ["iraq", "iran"])],
)
def test_a_misspelt_country_gets_the_countries_it_could_be(packaged, typed, meant) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError) as caught:
        packaged.resolve(typed)
    assert caught.value.suggestions == meant


@pytest.mark.parametrize("typed", ["Atlantis", "Narnia", "nowhere"])
def test_a_name_like_no_country_says_what_the_dataset_covers(packaged, typed) -> None:  # type: ignore[no-untyped-def]
    # Sharing a few letters with a country ("Atlantis", "Albania") is no reason to offer it.
    with pytest.raises(NotFoundError) as caught:
        packaged.resolve(typed)
    assert caught.value.suggestions == []
    assert "the dataset covers the 193 UN member states" in str(caught.value)
