"""cyberprofiles: look up, filter, search and compare national cyber-policy profiles, offline.

>>> import cyberprofiles
>>> data = cyberprofiles.load()
>>> data.resolve("BIH").name
'Bosnia and Herzegovina'
>>> [p.id for p in data.filter(member="nato", strategy_since=2022)][:3]  # doctest: +SKIP

The heavy parts (Pydantic, the dataset) load on first use, so importing the package is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .dataset import Dataset, load
    from .errors import AmbiguousNameError, CyberprofilesError, DataError, NotFoundError

_LAZY = {
    "Dataset": "dataset",
    "load": "dataset",
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
    "NotFoundError",
    "__version__",
    "load",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cyberprofiles' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
