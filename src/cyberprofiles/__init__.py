"""cyberprofiles: look up, filter, search and compare national cyber-policy profiles, offline.

>>> import cyberprofiles
>>> data = cyberprofiles.load()
>>> data.resolve("BIH").name
'Bosnia and Herzegovina'
>>> [p.id for p in data.filter(member="nato", strategy_since=2022)][:3]  # doctest: +SKIP

``load()`` returns a ``Dataset`` of ``Profile`` objects: the same objects every command prints.
``Profile.model()`` gives a profile's Pydantic model for whoever wants it. The modules load on
first use, so importing the package is cheap.
"""

from __future__ import annotations

# Not typing.TYPE_CHECKING: importing typing would widen the moment, at start-up, in which
# Ctrl-C still prints a traceback (see entry.py). Type checkers treat the name the same way.
TYPE_CHECKING = False

__version__ = "0.2.0"

if TYPE_CHECKING:
    from typing import Any

    from .dataset import Dataset, load
    from .errors import AmbiguousNameError, CyberprofilesError, DataError, NotFoundError
    from .profile import Profile
    from .query import Filters

_LAZY = {
    "Dataset": "dataset",
    "load": "dataset",
    "Profile": "profile",
    "Filters": "query",
    "AmbiguousNameError": "errors",
    "CyberprofilesError": "errors",
    "DataError": "errors",
    "NotFoundError": "errors",
}

__all__ = [
    "AmbiguousNameError",
    "CyberprofilesError",
    "DataError",
    "Dataset",
    "Filters",
    "NotFoundError",
    "Profile",
    "__version__",
    "load",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cyberprofiles' has no attribute {name!r}")
    from importlib import import_module  # the package itself stays cheap to import

    return getattr(import_module(f".{module}", __name__), name)
