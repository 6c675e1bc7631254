"""cyberprofiles: look up, filter, search and compare national cyber-policy profiles, offline.

>>> import cyberprofiles
>>> data = cyberprofiles.load()
>>> data.resolve("Serbia").cert.host
'Regulatory Agency for Electronic Communications and Postal Services (RATEL)'
"""

from __future__ import annotations

__version__ = "0.1.0"

from .dataset import Dataset, load
from .errors import AmbiguousNameError, CyberprofilesError, DataError, NotFoundError

__all__ = [
    "AmbiguousNameError",
    "CyberprofilesError",
    "DataError",
    "Dataset",
    "NotFoundError",
    "__version__",
    "load",
]
