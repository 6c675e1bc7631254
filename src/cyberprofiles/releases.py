"""The dataset's versions and what each added and corrected (``releases.toml``, shipped in the
package), for ``cyberprofiles changes``, ``--version``, the exports and citations."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FILE = Path(__file__).resolve().parent / "releases.toml"


class Release:
    """One version of the dataset."""

    __slots__ = ("added", "corrected", "date", "package", "version")

    def __init__(
        self, version: str, date: str, package: str, added: list[str], corrected: list[str]
    ) -> None:
        self.version = version
        self.date = date
        self.package = package
        self.added = added
        self.corrected = corrected

    def to_dict(self) -> dict[str, Any]:
        return {
            name: getattr(self, name)
            for name in ("version", "date", "package", "added", "corrected")
        }


def history() -> list[Release]:
    """Every release, newest first."""
    with open(FILE, "rb") as handle:
        data = tomllib.load(handle)
    return [
        Release(
            r["version"],
            r["date"].isoformat() if isinstance(r["date"], datetime.date) else str(r["date"]),
            r["package"],
            list(r.get("added", [])),
            list(r.get("corrected", [])),
        )
        for r in data["release"]
    ]


def current() -> Release:
    return history()[0]


def since(marker: str) -> list[Release]:
    """The releases after ``marker``: a dataset version (``2026.11.29``), a date
    (``2026-11-29``) or a package version (``0.1.0``). Raises ValueError for none of these."""
    releases = history()
    text = marker.strip()
    for n, release in enumerate(releases):
        if text in (release.version, release.package):
            return releases[:n]
    try:
        day = datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        known = ", ".join(r.version for r in releases)
        raise ValueError(
            f"{marker!r} is neither a dataset version ({known}), a package version nor a date "
            "(YYYY-MM-DD)"
        ) from None
    return [r for r in releases if r.date > day]


def citation() -> str:
    release = current()
    return (
        f"cyberprofiles, dataset version {release.version} ({release.date}), package "
        f"{release.package}. Each fact cites its own source."
    )
