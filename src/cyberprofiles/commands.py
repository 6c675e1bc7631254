"""The work of ``show``, ``list``, ``search`` and ``stats`` once their arguments are known: ask
the library, print the result, count it on stderr. The command line (``cli``) and its shortcut
(``shortcut``) both end here, so the two print the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .messages import note
from .output import emit

if TYPE_CHECKING:
    from .dataset import Dataset
    from .profile import Profile
    from .query import Filters

#: How many search hits the table shows when no --limit is given (machine formats show all).
TABLE_SEARCH_LIMIT = 25


def warn(dataset: Dataset) -> None:
    """Say on stderr what reading the data warned of (a file that replaces a packaged one...)."""
    for warning in dataset.warnings:
        note(f"cyberprofiles: warning: {warning}")


def show(
    dataset: Dataset, profiles: Sequence[Profile], fmt: str, pager: bool, csv_safe: bool
) -> None:
    """Print profiles in full."""
    from .results import Profiles  # each command loads only what it uses

    emit(Profiles(list(profiles), dataset, pages=True), fmt, pager=pager, csv_safe=csv_safe)


def list_profiles(
    dataset: Dataset,
    filters: Filters,
    sort: str,
    fields: list[str] | None,
    fmt: str,
    pager: bool,
    csv_safe: bool,
) -> None:
    """Print the profiles that pass ``filters``, then their count on stderr."""
    from .query import filter_profiles  # each command loads only what it uses
    from .results import Profiles

    profiles = filter_profiles(dataset, filters, sort=sort)
    emit(Profiles(profiles, dataset, fields=fields), fmt, pager=pager, csv_safe=csv_safe)
    note(f"{len(profiles)} of {len(dataset)} profiles")


def search_profiles(
    dataset: Dataset,
    query: str,
    filters: Filters,
    limit: int | None,
    fmt: str,
    pager: bool,
    csv_safe: bool,
) -> None:
    """Print the profiles that match ``query``, best first, then how many on stderr."""
    from .results import SearchResults  # each command loads only what it uses
    from .search import search

    hits = search(dataset, query, filters)
    cap = limit if limit is not None else (None if fmt != "table" else TABLE_SEARCH_LIMIT)
    shown = hits if cap is None else hits[:cap]
    emit(SearchResults(shown), fmt, pager=pager, csv_safe=csv_safe)
    total = f"{len(hits)} matching profile{'s' if len(hits) != 1 else ''}"
    if len(shown) < len(hits):
        total += f", the best {len(shown)} shown"
        if limit is None:
            total += "; use --limit N to see more"
    note(total)


def stats(
    dataset: Dataset, filters: Filters, coverage: bool, fmt: str, pager: bool, csv_safe: bool
) -> None:
    """Print the dataset's figures for the profiles that pass ``filters``."""
    from . import stats as figures  # each command loads only what it uses
    from .query import filter_profiles
    from .results import Stats

    profiles = filter_profiles(dataset, filters)
    numbers = figures.summary(dataset, profiles=profiles)
    known = figures.coverage(profiles, dataset)
    emit(Stats(numbers, known, coverage), fmt, pager=pager, csv_safe=csv_safe)
