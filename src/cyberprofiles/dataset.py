"""The dataset: profiles loaded from the packaged data and a user's own folders, with the names
they answer to and the ties between them.

``load()`` reads the layers in order: the packaged profiles, the folders in
``CYBERPROFILES_DATA``, then the folders or files given. A profile with a new id is added; one
with an id already loaded replaces it. The packaged profiles come from the index built with the
package (``index``); every other file is checked here, with the results of unchanged content kept
in a cache (``store``). Problems anywhere stop the load with a ``DataError`` that lists them all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import index
from .compare import Comparison, compare
from .errors import DataError, Problem
from .files import data_files, env_data_dirs, packaged_data_dir
from .history import as_of_record
from .layer import Layer, combination_of, unless_verified
from .names import NameIndex
from .network import Edge, Network, network, partners, tie_rows
from .profile import Profile, decode_texts, fetch_stored, partner_ids
from .query import Filters, filter_profiles
from .search import SearchHit, search
from .searchtext import pack, scorable


class Dataset:
    """Profiles by id; where each came from; the name index; the ties between profiles."""

    def __init__(
        self,
        profiles: dict[str, Profile],
        origins: Mapping[str, Path | str] | None = None,
        *,
        packaged: Path | None = None,
        search_texts: dict[str, Any] | None = None,
        warnings: Sequence[str] = (),
        as_of: int | None = None,
        tie_texts: dict[str, Any] | None = None,
        store: Any = None,
        identities: Sequence[bytes | None] = (),
    ) -> None:
        self.profiles = profiles
        self._origins = origins if origins is not None else {}
        self._origin_paths: dict[str, Path] | None = None
        #: The packaged data folder (profiles from elsewhere say where they came from).
        self.packaged = packaged
        #: Messages worth telling the user (e.g. a folder of CYBERPROFILES_DATA that is gone).
        self.warnings = list(warnings)
        #: The year this dataset describes the world at the end of (``as_of``); None for today.
        self.as_of_year = as_of
        self._search_texts = search_texts if search_texts is not None else {}
        self._tie_texts = tie_texts if tie_texts is not None else {}
        self._index: NameIndex | None = None
        self._memberships: dict[str, list[tuple[str, str, int | None, int | None, str]]] | None
        self._memberships = None
        self._partners: dict[str, set[str]] | None = None
        self._cooperating: dict[str, set[str]] | None = None
        #: The cache the layers were read with, and what each layer held (``Layer.identity``):
        #: together they key results worked out from the whole dataset (``recall``).
        self._store = store
        self._identities = list(identities)

    def __repr__(self) -> str:
        return f"Dataset({len(self.profiles)} profiles)"

    def __iter__(self) -> Iterator[Profile]:
        return iter(self.profiles.values())

    def __len__(self) -> int:
        return len(self.profiles)

    def __getitem__(self, profile_id: str) -> Profile:
        return self.profiles[profile_id]

    def __contains__(self, profile_id: object) -> bool:
        return profile_id in self.profiles

    @property
    def index(self) -> NameIndex:
        """Every name, alias and code of every profile, for ``resolve``."""
        if self._index is None:
            found = NameIndex()
            for p in self.profiles.values():  # the keys were folded when the file was checked
                found.add(p.id, p.name, p.outline["keys"])
            self._index = found
        return self._index

    def resolve(self, name: str) -> Profile:
        """The profile ``name`` means: any id, name, alias or ISO code, in any case; raises
        ``NotFoundError`` (with suggestions) or ``AmbiguousNameError``."""
        exact = self.profiles.get(name.strip().lower())
        if exact is not None:  # an id, typed exactly: no need to build the index
            return exact
        return self.profiles[self.index.resolve(name)]

    def names(self) -> dict[str, str]:
        """Every profile's name by id."""
        return {p.id: p.name for p in self.profiles.values()}

    @property
    def origins(self) -> dict[str, Path]:
        """The file each profile came from, by id. Made when first asked for: the files of a
        user's own folder are read as paths as text (``files.data_files``)."""
        if self._origin_paths is None:
            self._origin_paths = {pid: Path(path) for pid, path in self._origins.items()}
        return self._origin_paths

    def origin(self, profile_id: str) -> Path | None:
        """The file a profile came from, if not the packaged data."""
        found = self._origins.get(profile_id)
        if found is None:
            return None
        path = Path(found)
        if self.packaged is not None and path.parent == self.packaged:
            return None
        return path

    def prefetch_search(self, ids: Iterable[str] | None = None) -> None:
        """Read the search texts (of the profiles ``ids``, default all) still in the cache in
        one go per cache (``search`` needs them all; reading them one by one would cost a
        query each)."""
        known = self._search_texts
        pids = list(known) if ids is None else [pid for pid in ids if pid in known]
        texts = [known[pid] for pid in pids]
        fetch_stored(texts)
        self._search_texts.update(zip(pids, texts, strict=True))

    def search_text(self, profile_id: str) -> str:
        """The profile's folded text, packed by weight (``searchtext.pack``)."""
        found: Any = self._search_texts.get(profile_id)
        if callable(found):
            found = found()
        text = found if isinstance(found, str) else pack(scorable(self.profiles[profile_id].record))
        self._search_texts[profile_id] = text
        return text

    def tie_rows(
        self, ids: Iterable[str] | None = None
    ) -> Iterator[tuple[Profile, list[list[Any]]]]:
        """Each profile (of ``ids``, default all) with the ties recorded in its file
        (``network.tie_rows``), read from the texts kept beside the records (a batch at a time
        from a cache), or worked out from the record where there are none (a profile made by
        code, such as ``as_of``'s)."""
        profiles = list(self.profiles.values()) if ids is None else [self[i] for i in ids]
        for start in range(0, len(profiles), 1024):
            chunk = profiles[start : start + 1024]
            texts = [self._tie_texts.get(p.id) for p in chunk]
            fetch_stored(texts)
            texts = [text() if callable(text) else text for text in texts]
            for profile, rows in zip(chunk, decode_texts(texts), strict=True):
                if rows is None:  # none kept: worked out from the record
                    rows = tie_rows(profile.record)
                elif isinstance(rows, str):  # left undecoded: decoded (or found damaged) alone
                    rows = json.loads(rows)
                yield profile, rows

    def recall(self, purpose: bytes) -> bytes | None:
        """What ``remember`` kept for ``purpose`` from a dataset of exactly these files, read
        by this very code; None if nothing was kept, or if the dataset cannot be keyed (no
        cache, a profile made by code, as in ``as_of``)."""
        key = self._derived_key(purpose)
        return None if key is None else self._store.derived(key)

    def remember(self, purpose: bytes, body: bytes) -> None:
        """Keep ``body``, worked out from this dataset, for ``recall`` in later runs."""
        key = self._derived_key(purpose)
        if key is not None:
            self._store.put_derived(key, body)

    def _derived_key(self, purpose: bytes) -> bytes | None:
        # Keyed by what every layer holds; the cache file is this code's own (``store``).
        if self._store is None or not self._identities:
            return None
        return combination_of(purpose, self._identities)

    # Ties, from both sides: a membership may be recorded in the member's file or in the
    # organisation's list of members, and cooperation in either partner's file.

    def memberships_of(self, profile_id: str) -> list[tuple[str, str, int | None, int | None, str]]:
        """``(organisation, status, year, until, recorded_by)`` of each of the profile's
        memberships, wherever it is recorded."""
        if self._memberships is None:
            found: dict[str, list[tuple[str, str, int | None, int | None, str]]] = {}
            for p in self.profiles.values():
                outline = p.outline
                for org, status, year, until in outline["memberships"]:
                    found.setdefault(p.id, []).append((org, status, year, until, p.id))
                for member, status, year, until in outline["members"]:
                    found.setdefault(member, []).append((p.id, status, year, until, p.id))
            self._memberships = found
        return self._memberships.get(profile_id, [])

    def partners_of(self, profile_id: str) -> set[str]:
        """Ids of every profile ``profile_id`` has a tie with, in either direction: memberships,
        members, cooperation and initiatives, whoever recorded them."""
        if self._partners is None:
            self._partners = self._both_ways(memberships=True)
        return self._partners.get(profile_id, set())

    def cooperation_partners_of(self, profile_id: str) -> set[str]:
        """Ids of the profiles ``profile_id`` has a tie with beyond membership (cooperation,
        initiatives), whoever recorded it."""
        if self._cooperating is None:
            self._cooperating = self._both_ways(memberships=False)
        return self._cooperating.get(profile_id, set())

    def _both_ways(self, memberships: bool) -> dict[str, set[str]]:
        """Each profile's ties (with or without memberships), from both sides."""
        found: dict[str, set[str]] = {pid: set() for pid in self.profiles}
        for pid, p in self.profiles.items():
            outline = p.outline
            others = partner_ids(outline)
            if memberships:
                others.update([m[0] for m in outline["memberships"]])
                others.update([m[0] for m in outline["members"]])
            others.discard(pid)
            found[pid] |= others
            for other in others:
                mine = found.get(other)
                if mine is None:
                    found[other] = {pid}
                else:
                    mine.add(pid)
        return found

    def as_of(self, year: int) -> Dataset:
        """The dataset as the world stood at the end of ``year`` (see ``history``): facts dated
        later left out, statuses as they were, unknown where a date is not recorded."""
        profiles = {pid: Profile(as_of_record(p.record, year)) for pid, p in self.profiles.items()}
        return Dataset(
            profiles, self._origins, packaged=self.packaged, warnings=self.warnings, as_of=year
        )

    # The queries, so that ``cyberprofiles.load().filter(...)`` reads naturally.

    def filter(self, filters: Filters | None = None, **options: Any) -> list[Profile]:
        """Profiles passing ``filters`` (or the same options as keywords), sorted by name, e.g.
        ``data.filter(member="nato", strategy_since=2018)``; see ``query.Filters``."""
        return filter_profiles(self, filters or Filters(**options))

    def search(self, query: str, filters: Filters | None = None, **options: Any) -> list[SearchHit]:
        """Ranked full-text search; see ``search.search``."""
        return search(self, query, filters or Filters(**options))

    def compare(self, names: Sequence[str]) -> Comparison:
        """The profiles ``names`` resolve to, side by side; see ``compare.compare``."""
        return compare(self, names)

    def partners(self, name: str) -> list[Edge]:
        """Every tie of the profile ``name`` resolves to; see ``network.partners``."""
        return partners(self, name)

    def network(self) -> Network:
        """Every tie in the dataset, in order (a sequence of ``Edge``); see
        ``network.network``."""
        return network(self)


def load(
    extra: Iterable[Path | str] = (),
    *,
    packaged: bool = True,
    use_env: bool = True,
    cache: bool = True,
) -> Dataset:
    """Load the packaged profiles, then ``CYBERPROFILES_DATA``, then ``extra`` folders or files.

    Later layers replace earlier profiles with the same id. Raises ``DataError`` listing every
    problem: unreadable or invalid files, duplicate ids within a layer, dangling references.
    ``cache=False`` checks every file of a user's again instead of reusing earlier results.
    """
    layers: list[tuple[Path, bool]] = []
    warnings: list[str] = []
    packaged_dir = packaged_data_dir() if packaged else None
    if packaged_dir is not None:
        layers.append((packaged_dir, True))
    if use_env:
        found, warnings = env_data_dirs()
        layers += [(path, False) for path in found]
    layers += [(Path(p).expanduser(), False) for p in extra]
    return _load_layers(layers, cache, packaged_dir, warnings)


def _load_layers(
    layers: Sequence[tuple[Path, bool]],
    cache: bool,
    packaged_dir: Path | None,
    warnings: list[str],
) -> Dataset:
    profiles: dict[str, Profile] = {}
    origins: dict[str, Path | str] = {}
    search: dict[str, Any] = {}
    ties: dict[str, Any] = {}
    problems: list[Problem] = []
    declared: set[str] = set()
    replaced: dict[str, Path | str] = {}
    all_checked = True
    store: Any = None  # opened when a layer is read file by file; stays open for lazy reads
    read: list[Layer] = []
    for path, is_packaged in layers:
        if store is None and not is_packaged:
            store = _store(cache)
        layer = read_layer(path, store, is_packaged)
        read.append(layer)
        problems += layer.problems
        declared |= layer.declared
        all_checked = all_checked and layer.checked_together
        for pid, profile in layer.profiles.items():
            if pid in profiles:
                replaced[pid] = layer.origins[pid]
            profiles[pid] = profile
            origins[pid] = layer.origins[pid]
            search.pop(pid, None)
            if pid in layer.search:
                search[pid] = layer.search[pid]
            ties.pop(pid, None)
            if pid in layer.ties:
                ties[pid] = layer.ties[pid]
    if not (all_checked and len(layers) == 1):
        from .checking import reference_problems  # only when layers are checked together

        def across() -> list[Problem]:
            outlines = {pid: p.outline for pid, p in profiles.items()}
            return reference_problems(
                outlines, origins, known=declared - set(profiles), replaced=replaced
            )

        combination = combination_of(b"load", [layer.identity for layer in read])
        problems += unless_verified(store, None if problems else combination, across)
    if problems:
        raise DataError(problems)
    return Dataset(
        profiles,
        origins,
        packaged=packaged_dir,
        search_texts=search,
        warnings=warnings,
        tie_texts=ties,
        store=store,
        identities=[layer.identity for layer in read],
    )


def read_layer(path: Path, store: Any, packaged: bool = False) -> Layer:
    """The profiles of one folder (or file): from the packaged index when ``packaged`` and the
    index matches the folder's files, else checked file by file (``reading``)."""
    files, problems = data_files(path)
    if packaged:
        found = index.read(files)
        if found is not None:
            digest, entries = found
            layer = Layer()
            layer.problems = problems
            layer.identity = f"index {digest}".encode()
            for name, outline, record in entries:
                profile = Profile(outline=outline, text=record)
                layer.profiles[profile.id] = profile
                layer.origins[profile.id] = path / name
            layer.checked_together = True
            layer.search = index.search_texts(list(layer.profiles))
            layer.ties = index.tie_texts(list(layer.profiles))
            return layer
    # Loaded only here: the TOML parser, Pydantic and the cache cost ~6 ms of start-up that
    # a command reading only the packaged index does not need.
    from .reading import read_files

    layer = Layer()
    layer.problems = problems
    return read_files(files, store if store is not None else _store(True), layer)


def _store(cache: bool) -> Any:
    from .store import Store  # SQLite and hashing: only for a user's own files

    return Store(enabled=cache)
