"""A cache of the validated dataset, so that unchanged data is not parsed and validated again.

The cache lives in the user's cache folder (``$XDG_CACHE_HOME/cyberprofiles``, else
``~/.cache/cyberprofiles``; ``CYBERPROFILES_CACHE_DIR`` overrides it, ``CYBERPROFILES_NO_CACHE=1``
turns it off). It is keyed by the package and Python versions and by the path, size and
modification time of every data file, written atomically (a temporary file renamed into place),
and never required: a missing, stale, corrupt or unreadable cache is rebuilt, and an unwritable
folder only costs speed. Each list of data layers has its own files (``catalog-<slot>.pickle``,
``dataset-<slot>.pickle``), so alternating between data sets rebuilds nothing; ``validate`` keeps
its per-file results in ``validation.pickle`` (see ``validation``).

Each file is a pickle, which runs code when read; it is read only from the user's own cache
folder, the same trust as the rest of their home directory. Large byte strings in the cached value
(the catalog's pre-encoded records and search texts, see ``catalog.Lazy``) are written after the
pickle rather than inside it, and read from the file only when used, so a command that needs one
profile's record does not read every profile's.

Layout: ``MAGIC``, the pickle's length and the byte strings' total length (two little-endian
64-bit integers), the pickle, then the byte strings end to end.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import pickle
import struct
import sys
import weakref
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from . import __version__

CACHE_DIR_ENV = "CYBERPROFILES_CACHE_DIR"
NO_CACHE_ENV = "CYBERPROFILES_NO_CACHE"
#: Bump when the cached objects change shape.
CACHE_FORMAT = 11
MAGIC = b"cyberprofiles-cache\n"
_LENGTHS = struct.Struct("<QQ")
#: Byte strings at least this long are stored after the pickle and read on use.
OUT_OF_BAND = 256
#: Cache files kept per kind of value, one per list of data layers, the newest first.
SLOTS_KEPT = 8


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
    return (*version_key(), tuple(str(p) for p in layers), tuple(entries))


def version_key() -> tuple[Any, ...]:
    """What every cached value depends on besides the data: the cache's format and the package
    and Python versions."""
    return (CACHE_FORMAT, __version__, sys.version_info[:2])


def slot_of(layers: Sequence[Path]) -> str:
    """A short name for a list of data layers, so that each list has its own cache files and
    switching between, say, the packaged data and ``--data my-folder`` rebuilds neither."""
    return f"{zlib.crc32(os.fsencode(os.pathsep.join(map(str, layers)))):08x}"


def path_of(name: str, slot: str = "") -> Path | None:
    """The file the cached value ``name`` (for the layers ``slot``) lives in; None when caching
    is off."""
    folder = cache_dir()
    if folder is None:
        return None
    return folder / (f"{name}-{slot}.pickle" if slot else f"{name}.pickle")


def read(key: tuple[Any, ...], name: str, slot: str = "") -> Any | None:
    """The cached ``name`` for ``key``, or None if there is none, it is stale, or unreadable."""
    path = path_of(name, slot)
    if path is None:
        return None
    collecting = gc.isenabled()
    gc.disable()  # unpickling makes no garbage; collections during it would be wasted work
    try:
        with open(path, "rb") as handle:
            stored_key, value = _load(handle)
    except Exception:  # missing, truncated, corrupt, or from an incompatible version
        return None
    finally:
        if collecting:
            gc.enable()
    return value if stored_key == key else None


def _load(handle: IO[bytes]) -> Any:
    """Read a cache file (see the module's notes on its layout)."""
    prefix = len(MAGIC) + _LENGTHS.size
    head = handle.read(prefix)
    if len(head) != prefix or not head.startswith(MAGIC):
        raise ValueError("not a cache file")
    header_size, blobs_size = _LENGTHS.unpack(head[len(MAGIC) :])
    if os.fstat(handle.fileno()).st_size != prefix + header_size + blobs_size:
        raise ValueError("truncated or padded cache file")
    unpickler = pickle.Unpickler(io.BytesIO(handle.read(header_size)))
    base = prefix + header_size
    if hasattr(os, "pread"):
        blobs = _Blobs(os.dup(handle.fileno()), base)
        unpickler.persistent_load = blobs.reader  # type: ignore[assignment]
    else:  # no positional reads (Windows): read them all now
        data = handle.read(blobs_size)
        unpickler.persistent_load = lambda pid: data[pid[0] : pid[0] + pid[1]]  # type: ignore[assignment]
    return unpickler.load()


class _Blobs:
    """The byte strings of an open cache file, each read from it when first asked for.

    The file stays open while anything read from the cache may still need it (an atomic
    rewrite of the cache replaces the file, so this one keeps its content); it is closed when
    the last reader is gone.
    """

    def __init__(self, fd: int, base: int) -> None:
        self._fd = fd
        self._base = base
        weakref.finalize(self, os.close, fd)

    def reader(self, pid: tuple[int, int]) -> Callable[[], bytes]:
        offset, size = pid
        return lambda: self._read(offset, size)

    def _read(self, offset: int, size: int) -> bytes:
        data = os.pread(self._fd, size, self._base + offset)
        if len(data) != size:
            raise OSError("the cache file was cut short while in use; run the command again")
        return data


class _Pickler(pickle.Pickler):
    """A pickler that sets large byte strings aside, to be written after the pickle."""

    def __init__(self, file: IO[bytes]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.blobs: list[bytes] = []
        self.blobs_size = 0

    def persistent_id(self, obj: Any) -> tuple[int, int] | None:
        if type(obj) is bytes and len(obj) >= OUT_OF_BAND:
            self.blobs.append(obj)
            self.blobs_size += len(obj)
            return (self.blobs_size - len(obj), len(obj))
        return None


def _dump(value: Any, out: IO[bytes]) -> None:
    header = io.BytesIO()
    pickler = _Pickler(header)
    pickler.dump(value)
    out.write(MAGIC + _LENGTHS.pack(header.tell(), pickler.blobs_size))
    out.write(header.getbuffer())
    for blob in pickler.blobs:
        out.write(blob)


def write(key: tuple[Any, ...], value: Any, name: str, slot: str = "") -> None:
    """Store ``value`` as ``name`` under ``key`` atomically; any failure is ignored. Of the
    files of ``name`` kept for different slots, only the ``SLOTS_KEPT`` newest stay."""
    path = path_of(name, slot)
    if path is None:
        return
    if slot:
        _prune(path.parent, name)
    import tempfile

    folder = path.parent
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{name}-", delete=False) as out:
            temporary = out.name
            _dump((key, value), out)
        os.replace(temporary, path)
        temporary = None
    except Exception:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _prune(folder: Path, name: str) -> None:
    """Remove all but the newest ``SLOTS_KEPT - 1`` files of ``name`` (one is being written),
    and the single unslotted file earlier releases wrote."""
    try:
        found = [(entry.stat().st_mtime_ns, entry.path) for entry in os.scandir(folder)]
    except OSError:
        return
    mine = sorted((f for f in found if os.path.basename(f[1]).startswith(f"{name}-")), reverse=True)
    stale = [path for _, path in mine[SLOTS_KEPT - 1 :]]
    stale.append(os.path.join(folder, f"{name}.pickle"))  # the one file of releases before slots
    for path in stale:
        with contextlib.suppress(OSError):
            os.unlink(path)
