"""Reading a folder of a user's own profiles: each file checked on its own (with the results for
content checked before taken from the cache, ``store``), then the folder's profiles against each
other. The packaged data is read from its index instead (``index``), so this module, and the TOML
parser, Pydantic and the cache it brings in, load only when a command reads other files.
"""

from __future__ import annotations

import json
import marshal
import os
import time
from collections.abc import Sequence
from hashlib import blake2b
from typing import Any

from .checking import Checked, check_bytes, misnamed
from .errors import DataError, Problem
from .files import read_bytes
from .layer import Layer
from .profile import Profile, decode_texts
from .store import Store, content_key

#: Below this many files to check, checking in parallel costs more than it saves.
PARALLEL_FROM = 64


def read_files(files: Sequence[str], store: Store, layer: Layer) -> Layer:
    """Add the profiles of ``files`` (one folder's, or one file; paths as text, as
    ``files.data_files`` gives them) to ``layer``."""
    keys: dict[str, bytes] = {}
    results = check_files(files, store, keys)
    layer.identity = identity(files, keys)
    for file, checked in results.items():
        layer.problems += checked.problems
        if checked.declared:
            layer.declared.add(checked.declared)
        if not checked.ok:
            continue
        outline, text = checked.outline, checked.record
        assert outline is not None and text is not None
        pid = outline["id"]
        wrong_name = misnamed(file, pid)
        if wrong_name is not None:
            layer.problems.append(wrong_name)
            continue
        if pid in layer.profiles:
            other = layer.origins[pid]
            layer.problems.append(Problem(file, f"id {pid!r} is also used by {other}", field="id"))
            continue
        layer.profiles[pid] = Profile(outline=outline, text=text)  # text may be a Stored
        layer.origins[pid] = file
        layer.search[pid] = checked.search
        layer.ties[pid] = checked.ties
    return layer


#: Files read, checked and cached at a time (two chunks in hand at most, one being checked while
#: the next is read): bounds the memory a large first run takes.
CHUNK = 2000


class Stored:
    """A part of a cache entry (a record, a search text, tie rows), read when first needed; if
    the cache lost it meanwhile, the file is checked again."""

    __slots__ = ("key", "part", "path", "store")

    def __init__(self, store: Store, part: str, key: bytes, path: str) -> None:
        self.store = store
        self.part = part
        self.key = key
        self.path = path

    def fetch_many(self, items: Sequence[Stored]) -> list[str | None]:
        """The texts of ``items`` (parts of entries of the same store), read in one go."""
        found = self.store.texts(self.part, [s.key for s in items])
        return [found.get(s.key) for s in items]

    def __call__(self) -> str:
        found = self.store.texts(self.part, [self.key]).get(self.key)
        if found is not None:
            return found
        raw = read_bytes(self.path)
        checked = check_bytes(self.path, raw) if isinstance(raw, bytes) else None
        text = None if checked is None else getattr(checked, self.part)
        if not isinstance(text, str):
            raise DataError([Problem(self.path, "changed while it was being read; run again")])
        return text


def identity(files: Sequence[str], keys: dict[str, bytes]) -> bytes | None:
    """A hash of the files' names and content keys (which cover the code that checked them);
    None unless every file's key is known (with the cache off, none is)."""
    if len(keys) != len(files):
        return None
    digest = blake2b(b"files", digest_size=32)
    for file in files:
        name = os.fsencode(file)
        digest.update(len(name).to_bytes(4, "big") + name + keys[file])
    return digest.digest()


def check_files(
    files: Sequence[str], store: Store, keys: dict[str, bytes] | None = None
) -> dict[str, Checked]:
    """Each file checked on its own, reusing the cached result for content checked before, and
    the folder's listing for files that have not changed since (``store``). ``keys``, if given,
    receives the content key of each file read or listed (none when the cache is off)."""
    results: dict[str, Checked] = {}
    keys = keys if keys is not None else {}
    keyed = store.folder is not None
    listings = _Listings(store, files, keys) if keyed and os.name != "nt" else None
    todo = list(files)
    if listings is not None:
        todo = [file for file in files if not listings.reuse(file, results)]
    with _Checker() as checker:
        # One chunk is read and looked up while the workers check the one before.
        waiting: _Chunk | None = None
        for start in range(0, len(todo), CHUNK):
            chunk = _Chunk(todo[start : start + CHUNK], store, keyed, results, listings, checker)
            keys.update(chunk.keys)
            if waiting is not None:
                waiting.complete()
            waiting = chunk
        if waiting is not None:
            waiting.complete()
    if listings is not None:
        listings.save()
    return {file: results[file] for file in files}


#: A file whose times are this close to the moment its folder was listed is not taken from the
#: listing next time: on a file system with coarse timestamps, an edit made in the same tick
#: would not change them.
SETTLED_NS = 3_000_000_000


class _Listings:
    """The listings of the folders ``files`` are in: for each valid file, its identity and times
    when it was last read, its cache key and its outline."""

    def __init__(self, store: Store, files: Sequence[str], keys: dict[str, bytes]) -> None:
        self.store = store
        self.keys = keys  # the key of each file taken from a listing
        self.made = time.time_ns()  # before any file is looked at: see ``reuse``
        self.folders: dict[str, dict[str, list[Any]]] = {}
        self.old: dict[str, dict[str, list[Any]]] = {}
        self.where: dict[str, tuple[str, str]] = {}
        self.signatures: dict[str, list[int]] = {}
        absolute: dict[str, str] = {}
        for file in files:
            parent, name = os.path.split(file)
            folder = absolute.get(parent)
            if folder is None:
                folder = absolute[parent] = os.path.abspath(parent or ".")
                self.folders[folder] = {}
                self.old[folder] = self._read(folder)
            self.where[file] = (folder, name)
        self.changed = {folder for folder, old in self.old.items() if not old}

    def _read(self, folder: str) -> dict[str, list[Any]]:
        body = self.store.listing(folder)
        if body is None:
            return {}
        try:
            found = marshal.loads(body)
        except (ValueError, EOFError, TypeError):
            return {}
        return found if isinstance(found, dict) else {}

    def reuse(self, file: str, results: dict[str, Checked]) -> bool:
        """Put the file's result in ``results`` from the listing if the file is as it was."""
        folder, name = self.where[file]
        try:
            info = os.stat(file)
        except OSError:
            self.changed.add(folder)
            return False
        if info.st_mtime_ns > self.made - SETTLED_NS or info.st_ctime_ns > self.made - SETTLED_NS:
            self.changed.add(folder)  # too recent to be told apart from a later edit
            return False
        signature = [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]
        self.signatures[file] = signature
        entry = self.old[folder].get(name)
        try:
            if entry is None or entry[0] != signature:
                raise ValueError
            key, outline = entry[1], entry[2]
            if not isinstance(key, bytes) or not isinstance(outline, dict):
                raise ValueError
            results[file] = Checked(
                outline,
                Stored(self.store, "record", key, file),
                Stored(self.store, "search", key, file),
                declared=outline["id"],
                ties=Stored(self.store, "ties", key, file),
            )
        except (ValueError, KeyError, TypeError, IndexError):
            self.changed.add(folder)
            return False
        self.folders[folder][name] = entry
        self.keys[file] = key
        return True

    def add(self, file: str, key: bytes, checked: Checked) -> None:
        """Note a valid file read and checked in this run."""
        signature = self.signatures.get(file)
        if signature is not None and checked.ok:
            folder, name = self.where[file]
            self.folders[folder][name] = [signature, key, checked.outline]

    def save(self) -> None:
        """Keep the listing of each folder in which a file changed, came or went."""
        for folder, listed in self.folders.items():
            if folder in self.changed or listed.keys() != self.old[folder].keys():
                self.store.put_listing(folder, marshal.dumps(listed))


class _Chunk:
    """Files checked together: read and looked up in the cache, and the new content handed to
    ``checker``, when it is made; its results kept by ``complete``."""

    def __init__(
        self,
        files: Sequence[str],
        store: Store,
        keyed: bool,
        results: dict[str, Checked],
        listings: _Listings | None,
        checker: _Checker,
    ) -> None:
        self.store = store
        self.keyed = keyed
        self.results = results
        self.listings = listings
        self.contents: dict[str, bytes] = {}
        for file in files:
            raw = read_bytes(file)
            if isinstance(raw, Problem):
                results[file] = Checked(problems=[raw])
            else:
                self.contents[file] = raw
        contents = self.contents
        self.keys = {file: content_key(raw) for file, raw in contents.items()} if keyed else {}
        heads = store.heads(self.keys.values()) if keyed else {}
        self.todo = [file for file in contents if not keyed or self.keys[file] not in heads]
        known = [file for file in contents if keyed and self.keys[file] in heads]
        for file, head in zip(
            known, decode_texts([heads[self.keys[f]] for f in known]), strict=True
        ):
            key = self.keys[file]
            try:
                results[file] = Checked.from_head(
                    json.loads(head) if isinstance(head, str) else head,
                    Stored(store, "record", key, file),
                    Stored(store, "search", key, file),
                    Stored(store, "ties", key, file),
                    file,
                )
            except (ValueError, KeyError, TypeError):
                self.todo.append(file)
                continue
            if listings is not None:
                listings.add(file, key, results[file])
        self.pending = checker.submit([(file, self.contents[file]) for file in self.todo])

    def complete(self) -> None:
        fresh = self.pending.result()
        for file, (head, record, texts, ties) in fresh.items():
            self.results[file] = Checked.from_parts(head, record, texts, ties, file)
            if self.listings is not None:
                self.listings.add(file, self.keys[file], self.results[file])
        if self.keyed:
            self.store.put({self.keys[file]: parts for file, parts in fresh.items()})


Parts = tuple[str, "str | None", "str | None", "str | None"]


class _Checker:
    """Checks files, in parallel processes when there are many: one pool for the whole run,
    its processes forked after the schema is loaded, so that none loads it again."""

    def __init__(self) -> None:
        self._pool: Any = None
        self._workers = min(os.cpu_count() or 1, 8)

    def __enter__(self) -> _Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()

    def submit(self, items: list[tuple[str, bytes]]) -> _Checking:
        """Start checking ``items``; the returned handle's ``result()`` gives each file's
        parts."""
        if len(items) < PARALLEL_FROM or self._workers < 2:
            return _Checking(items, None)
        size = max(16, len(items) // (self._workers * 4))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        try:
            pool = self._pool or self._start()
            return _Checking(items, [(chunk, pool.submit(_check_chunk, chunk)) for chunk in chunks])
        except (OSError, RuntimeError):  # no processes to be had: check them here
            return _Checking(items, None)

    def _start(self) -> Any:
        import multiprocessing  # only for a first run over many files: 10 ms to load
        from concurrent.futures import ProcessPoolExecutor

        from . import models  # noqa: F401 - loaded once here, inherited by forked processes

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._pool = ProcessPoolExecutor(self._workers, mp_context=context)
        return self._pool


class _Checking:
    """Files being checked: in worker processes (``futures``), or here when there are none."""

    def __init__(self, items: list[tuple[str, bytes]], futures: list[tuple[Any, Any]] | None):
        self.items = items
        self.futures = futures

    def result(self) -> dict[str, Parts]:
        if self.futures is None:
            return _check_here(self.items)
        results: dict[str, Parts] = {}
        try:
            for chunk, future in self.futures:
                for (path, _), part in zip(chunk, future.result(), strict=True):
                    results[path] = part
        except (OSError, RuntimeError):  # the workers failed: check them here
            return _check_here(self.items)
        return results


def _check_here(items: list[tuple[str, bytes]]) -> dict[str, Parts]:
    """The checked parts of each file, checked in this process."""
    return {path: parts for (path, _), parts in zip(items, _check_chunk(items), strict=True)}


def _check_chunk(items: list[tuple[str, bytes]]) -> list[Parts]:
    return [check_bytes(path, raw).parts() for path, raw in items]
