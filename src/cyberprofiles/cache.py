"""A cache of the validated dataset, so that unchanged data is not parsed and validated again.

The cache lives in the user's cache folder (``$XDG_CACHE_HOME/cyberprofiles``, else
``~/.cache/cyberprofiles``; ``CYBERPROFILES_CACHE_DIR`` overrides it, ``CYBERPROFILES_NO_CACHE=1``
turns it off). It is keyed by the package and Python versions and by the path, size and
modification time of every data file, written atomically (a temporary file renamed into place),
and never required: a missing, stale, corrupt or unreadable cache is rebuilt, and an unwritable
folder only costs speed.

It is a pickle, which runs code when read; it is read only from the user's own cache folder, the
same trust as the rest of their home directory.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__

CACHE_DIR_ENV = "CYBERPROFILES_CACHE_DIR"
NO_CACHE_ENV = "CYBERPROFILES_NO_CACHE"
#: Bump when the cached objects change shape.
CACHE_FORMAT = 8


def cache_dir() -> Path | None:
    """The folder the cache lives in, or None when caching is turned off."""
    if os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    try:
        root = Path(base) if base else Path.home() / ".cache"
    except RuntimeError:  # no home directory to be found
        return None
    return root / "cyberprofiles"


def fingerprint(layers: Sequence[Path]) -> tuple[Any, ...] | None:
    """What the cached dataset depends on; None when a layer cannot be read (load reports it)."""
    entries: list[tuple[str, int, int]] = []
    try:
        for layer in layers:
            if layer.is_dir():
                with os.scandir(layer) as found:
                    files = sorted((e.path, e) for e in found if e.name.endswith(".toml"))
                for path, entry in files:
                    st = entry.stat()
                    entries.append((path, st.st_size, st.st_mtime_ns))
            else:
                st = layer.stat()
                entries.append((str(layer), st.st_size, st.st_mtime_ns))
    except OSError:
        return None
    return (
        CACHE_FORMAT,
        __version__,
        sys.version_info[:2],
        tuple(str(p) for p in layers),
        tuple(entries),
    )


def path_of(name: str) -> Path | None:
    """The file the cached value ``name`` lives in (None when caching is off)."""
    folder = cache_dir()
    return None if folder is None else folder / f"{name}.pickle"


def read(key: tuple[Any, ...], name: str) -> Any | None:
    """The cached ``name`` for ``key``, or None if there is none, it is stale, or unreadable."""
    path = path_of(name)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            stored_key, value = pickle.load(handle)
    except Exception:  # missing, truncated, corrupt, or from an incompatible version
        return None
    return value if stored_key == key else None


def write(key: tuple[Any, ...], value: Any, name: str) -> None:
    """Store ``value`` as ``name`` under ``key`` atomically; any failure is ignored."""
    path = path_of(name)
    if path is None:
        return
    folder = path.parent
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{name}-", delete=False) as out:
            temporary = out.name
            pickle.dump((key, value), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
    except Exception:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
