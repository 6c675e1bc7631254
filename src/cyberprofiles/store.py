"""A cache of checked files, so that a user's own profiles are not parsed and validated again
on every run. The packaged data needs none: it is checked when the package is built.

Each entry is the result of checking one file's content (``checking.Checked``), stored under a
key made of a hash of the file's bytes and of the code that checked them (every module of this
package, and the versions of Python, Pydantic and the TOML parser). So an entry is found again
only for the very same bytes checked by the very same code: an edit, however small, a restored
modification time, a copy unpacked from an archive or an upgrade of the package can never be
answered from an entry made for other content or by other code. An entry has four parts, each
with a checksum of its own checked when it is read (a damaged part is ignored and made again): the
head (the profile's outline and any problems), read on every run, and the record, the search
text and the tie rows, read only when a command needs them. Each part has a table of its own, so
that reading one part of 10,000 entries never walks the pages of the others (with the parts side
by side in one row, reading the tie rows took twice as long).

Beside the entries, the cache keeps a listing of each folder read: every valid file's name,
identity and times (``os.stat``), its entry's key and its outline. A later run that finds a file
with the very same identity, size, modification and change times takes its key and outline from
the listing without reading the file again, as git and make trust a file's times. The change
time cannot be set back by hand (unlike the modification time), and a file changed in the
seconds before its listing was made is read again next time (``reading.SETTLED_NS``), so an
edit is never missed.

Last, the cache notes each combination of layers (a hash of every file's key, in order) that the
checks across files found sound, for loading and for ``validate`` apart, so that the same
combination is not checked again; a change to any file of any layer makes another combination.
Under such a combination it also keeps a few results worked out from a whole dataset, such as
its network of ties (``derived``): a change to any file makes another key (and a change of code
another file), so such a result is never read for other files or by other code.

The cache is an SQLite file (no pickles: nothing in it is ever run), one per version of the code
(``cache_file_name``; the least recently used are removed, ``KEEP_FILES``), in
``$XDG_CACHE_HOME/cyberprofiles`` or ``~/.cache/cyberprofiles``; ``CYBERPROFILES_CACHE_DIR``
chooses another folder and ``CYBERPROFILES_NO_CACHE=1`` turns it off. A relative
``XDG_CACHE_HOME`` or ``HOME`` is ignored, as the XDG specification asks, so that the cache never
lands in whatever folder a command happens to run in. The cache is never required: a missing,
locked, read-only or damaged cache file only costs time, and a damaged one is replaced by a new
one. Writes are not synced to disk (a cache may lose its last writes in a crash of the system,
never give a wrong answer): writing the entries of 10,000 files takes half as long.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
import sys
import zlib
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "CYBERPROFILES_CACHE_DIR"
NO_CACHE_ENV = "CYBERPROFILES_NO_CACHE"
#: Entries kept before the oldest are dropped.
MAX_ENTRIES = 200_000
#: Cache files kept in the folder: this code's and the most recently used of other code's
#: (another installed version, a source checkout being edited); the others are removed when a
#: file is made for new code.
KEEP_FILES = 3
#: Folder listings kept before the least recently written are dropped.
MAX_LISTINGS = 64
#: Results worked out from a whole dataset kept before the least recently written are dropped:
#: few, since one can weigh some megabytes.
MAX_DERIVED = 4
#: Keys asked for in one query (SQLite allows 32,766 parameters since 3.32; 999 before).
_BATCH = 999


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """The folder the cache lives in, or None when caching is off or no folder is safe."""
    env = os.environ if environ is None else environ
    if env.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    explicit = env.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser().absolute()
    for variable, suffix in (("XDG_CACHE_HOME", ()), ("LOCALAPPDATA", ()), ("HOME", (".cache",))):
        base = env.get(variable)
        if base and os.path.isabs(base):
            return Path(base, *suffix, "cyberprofiles")
    return None


@functools.lru_cache(maxsize=1)
def code_key() -> bytes:
    """A hash of the code that checks files: this package's modules and the versions of
    Python and of the libraries that parse and validate."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    for name in ("pydantic", "pydantic_core", "rtoml"):
        digest.update(f"{name}={_version(name)}".encode())
    return digest.digest()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "none"


def cache_file_name() -> str:
    """The name of this code's cache file. Entries made by other code can never be read by
    it (their keys hold that code's hash), so each version of the code has a file of its own,
    rather than old entries filling the file (and slowing every read) after each upgrade."""
    return f"checked-{code_key().hex()[:16]}.sqlite3"


def content_key(raw: bytes) -> bytes:
    """The cache key of a file's content, checked by this code. SHA-256 rather than BLAKE2:
    processors' SHA instructions make it twice as fast, and every file of a user's is hashed
    on every run."""
    digest = hashlib.sha256(code_key())
    digest.update(raw)
    return digest.digest()


def _crc(body: bytes) -> bytes:
    return zlib.crc32(body).to_bytes(4, "big")


def _hash(value: str) -> bytes:
    """The check of a stored text: a CRC-32, which catches damage as surely as a cryptographic
    hash would here (whoever can write the cache could rewrite either) at a fifth of the cost,
    which counts when a command reads 10,000 records."""
    return _crc(value.encode("utf-8", "surrogatepass"))


#: The parts of an entry: the head (what every run reads) and the texts read on demand.
PARTS = ("head", "record", "search", "ties")


class Store:
    """The cache file, opened for one run. Every method swallows the cache's own failures: a
    read that fails is a miss, a write that fails is skipped."""

    def __init__(self, folder: Path | None = None, *, enabled: bool = True) -> None:
        self.folder = (folder if folder is not None else cache_dir()) if enabled else None
        self._db: Any = None
        self._pid = 0  # the process that opened ``_db``
        self._inherited: Any = None  # a parent's connection, in a forked process
        self._broken = self.folder is None
        self._path: Path | None = None  # the cache file, once opened

    def _connect(self) -> Any:
        if self._db is not None and self._pid != os.getpid():
            # A forked process (``search`` tallies in two) must not use its parent's
            # connection, nor close it: it keeps it aside, untouched, and opens its own.
            self._inherited, self._db = self._db, None
        if self._db is None and not self._broken:
            try:
                folder: Path = self.folder  # type: ignore[assignment]
                folder.mkdir(parents=True, exist_ok=True)
                path = self._path = folder / cache_file_name()
                new = not path.exists()
                db = sqlite3.connect(path, timeout=5.0)
                # Writes are not synced to disk: a cache can lose its last writes, and the
                # file is replaced if a crash of the system leaves it damaged (``_failed``).
                # Syncing doubled the time a first run over 10,000 files spent writing.
                db.execute("PRAGMA synchronous = OFF")
                for part in PARTS:
                    db.execute(
                        f"CREATE TABLE IF NOT EXISTS {part} "  # part: one of our own names
                        "(key BLOB PRIMARY KEY, text TEXT NOT NULL, hash BLOB NOT NULL)"
                    )
                db.execute(
                    "CREATE TABLE IF NOT EXISTS listings "
                    "(folder TEXT PRIMARY KEY, body BLOB NOT NULL, body_hash BLOB NOT NULL)"
                )
                db.execute("CREATE TABLE IF NOT EXISTS verified (combination BLOB PRIMARY KEY)")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS derived "
                    "(key BLOB PRIMARY KEY, body BLOB NOT NULL, body_hash BLOB NOT NULL)"
                )
                self._db = db
                self._pid = os.getpid()
                if new:
                    _prune(folder, path)
                else:  # marks it used: the files pruned are the least recently used
                    with contextlib.suppress(OSError):
                        os.utime(path)
            except sqlite3.Error as error:
                self._broken = True
                self._failed(error)
            except OSError:
                self._broken = True
        return self._db

    def _failed(self, error: sqlite3.Error) -> None:
        """After a failed read or write: a cache file found damaged (or not a database at
        all) is removed, so that the next run makes a new one rather than missing every time.
        Other failures (a lock held too long, a read-only folder) leave it be."""
        code = getattr(error, "sqlite_errorcode", None)  # Python 3.11 on
        if code is not None:
            damaged = code & 0xFF in (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
        else:
            damaged = any(w in str(error) for w in ("malformed", "not a database"))
        if not damaged or self._path is None:
            return
        self.close()
        self._broken = True
        _remove(self._path)

    def heads(self, keys: Iterable[bytes]) -> dict[bytes, str]:
        """The head of each of ``keys`` that has a sound entry."""
        return self._many("head", list(keys))

    def texts(self, part: str, keys: Iterable[bytes]) -> dict[bytes, str]:
        """The ``part`` ("record", "search" or "ties") of each of ``keys`` that has a sound
        one."""
        return self._many(part, list(keys))

    def _many(self, part: str, wanted: list[bytes]) -> dict[bytes, str]:
        assert part in PARTS
        db = self._connect()
        if db is None or not wanted:
            return {}
        found: dict[bytes, str] = {}
        try:
            for start in range(0, len(wanted), _BATCH):
                chunk = wanted[start : start + _BATCH]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT key, text, hash FROM {part} WHERE key IN ({marks})", chunk
                )
                for key, value, stored in rows:
                    if isinstance(value, str) and stored == _hash(value):
                        found[bytes(key)] = value
        except sqlite3.Error as error:
            self._failed(error)
        return found

    def put(self, entries: Mapping[bytes, tuple[str, str | None, str | None, str | None]]) -> None:
        """Store (head, record, search, ties) under each key; failures are ignored."""
        db = self._connect()
        if db is None or not entries:
            return
        tables: dict[str, list[tuple[bytes, str, bytes]]] = {part: [] for part in PARTS}
        for key, parts in entries.items():
            for part, text in zip(PARTS, parts, strict=True):
                if text is not None:
                    tables[part].append((key, text, _hash(text)))
        try:
            with db:
                for part, rows in tables.items():
                    db.executemany(f"INSERT OR REPLACE INTO {part} VALUES (?, ?, ?)", rows)
                (count,) = db.execute("SELECT count(*) FROM head").fetchone()
                if count > MAX_ENTRIES:
                    oldest = "SELECT key FROM head ORDER BY rowid LIMIT ?"
                    for part in reversed(PARTS):  # the head last: it names the oldest
                        db.execute(
                            f"DELETE FROM {part} WHERE key IN ({oldest})", (count - MAX_ENTRIES,)
                        )
        except sqlite3.Error as error:
            self._failed(error)

    def listing(self, folder: str) -> bytes | None:
        """The listing last kept for ``folder`` (by this very code: the file is its own), if it
        is sound."""
        row = self._row("SELECT body, body_hash FROM listings WHERE folder = ?", (folder,))
        if row is None or not isinstance(row[0], bytes) or row[1] != _crc(row[0]):
            return None
        return row[0]

    def put_listing(self, folder: str, body: bytes) -> None:
        """Keep ``body`` as the listing of ``folder``; failures are ignored."""
        self._write_newest(
            "listings",
            [
                ("DELETE FROM listings WHERE folder = ?", (folder,)),
                ("INSERT INTO listings VALUES (?, ?, ?)", (folder, body, _crc(body))),
            ],
        )

    def verified(self, combination: bytes) -> bool:
        """Whether the checks across files found nothing wrong with ``combination`` (a hash of
        exactly what the layers held, ``layer.combination_of``) before."""
        return self._row("SELECT 1 FROM verified WHERE combination = ?", (combination,)) is not None

    def put_verified(self, combination: bytes) -> None:
        """Note that ``combination`` passed the checks across files; failures are ignored."""
        self._write_newest(
            "verified", [("INSERT OR REPLACE INTO verified VALUES (?)", (combination,))]
        )

    def derived(self, key: bytes) -> bytes | None:
        """What was kept under ``key`` by ``put_derived``, if it is sound."""
        row = self._row("SELECT body, body_hash FROM derived WHERE key = ?", (key,))
        if row is None or not isinstance(row[0], bytes) or row[1] != _crc(row[0]):
            return None
        return row[0]

    def put_derived(self, key: bytes, body: bytes) -> None:
        """Keep ``body``, a result worked out from exactly the files and code that ``key``
        stands for; failures are ignored."""
        self._write_newest(
            "derived",
            [("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", (key, body, _crc(body)))],
            keep=MAX_DERIVED,
        )

    def _row(self, query: str, values: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """The first row ``query`` finds, or None (no row, no cache, or a failed read)."""
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute(query, values).fetchone()
        except sqlite3.Error as error:
            self._failed(error)
            return None
        return None if row is None else tuple(row)

    def _write_newest(
        self, table: str, statements: list[tuple[str, tuple[Any, ...]]], keep: int = MAX_LISTINGS
    ) -> None:
        """Run ``statements`` in one transaction, then keep only the newest ``keep`` rows of
        ``table`` (listings, verified combinations, derived results); failures are ignored."""
        db = self._connect()
        if db is None:
            return
        try:
            with db:
                for statement, values in statements:
                    db.execute(statement, values)
                db.execute(
                    f"DELETE FROM {table} WHERE rowid NOT IN "  # table: one of our own names
                    f"(SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT ?)",
                    (keep,),
                )
        except sqlite3.Error as error:
            self._failed(error)

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):
                self._db.close()
            self._db = None


def _prune(folder: Path, keep: Path) -> None:
    """Remove the cache files of other code in ``folder`` but the ``KEEP_FILES - 1`` most
    recently used."""
    dated = []
    for path in folder.glob("checked-*.sqlite3"):
        if path != keep:
            with contextlib.suppress(OSError):
                dated.append((path.stat().st_mtime_ns, path))
    dated.sort(reverse=True)
    for _, path in dated[KEEP_FILES - 1 :]:
        _remove(path)


def _remove(path: Path) -> None:
    """Remove a cache file and its journal, if they are there."""
    for name in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            name.unlink()
