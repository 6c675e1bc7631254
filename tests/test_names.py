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


def _answer(dataset, query: str) -> object:  # type: ignore[no-untyped-def]
    try:
        return dataset.resolve(query).id
    except AmbiguousNameError as exc:
        return ("ambiguous", tuple(exc.candidates))
    except NotFoundError as exc:
        return ("not found", tuple(exc.suggestions))


def test_a_name_resolves_alike_before_and_after_the_full_index_is_built() -> None:
    """Before the index of every name exists, a look-up first tries only the profiles whose
    names contain the query's longest word; the answer must be the one the full index gives."""
    from cyberprofiles import load

    queries = ["korea", "united", "Côte d'Ivoire", "cote", "COTE D'IVOIRE", "bosnia & herz", "&"]
    for p in list(load())[::5]:
        for _, value in p.lookup_names():
            words = value.split()
            queries += [value.upper(), words[0], words[-1][:4]]
    fresh = load()
    answers = []
    for query in queries:
        fresh._index = None  # as in a new run: no full index yet
        answers.append(_answer(fresh, query))
    indexed = load()
    assert indexed.index is not None
    assert answers == [_answer(indexed, q) for q in queries]
    assert ("ambiguous", ("north-korea", "south-korea")) in answers
