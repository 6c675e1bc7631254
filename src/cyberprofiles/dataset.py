"""Loading profiles from TOML files into a checked, indexed ``Dataset``.

The packaged data ships inside the wheel as ``cyberprofiles/data``; in a source checkout or an
editable install the same code finds ``data/`` at the repository root. Users' own folders are
laid over it in order: a profile with a new id is added, one with an existing id replaces the
earlier one.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from .errors import DataError, Problem
from .locate import key_lines, line_of
from .names import NameIndex

if TYPE_CHECKING:
    from pydantic import ValidationError

    from .catalog import Catalog
    from .compare import Comparison
    from .models import Profile
    from .network import Edge
    from .query import Filters, SortKey
    from .search import SearchHit


def _tomllib() -> ModuleType:
    """The TOML parser, imported only when a file is read (the cache usually spares that)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


#: Environment variable with extra data folders, separated like PATH.
DATA_ENV = "CYBERPROFILES_DATA"

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def packaged_data_dir() -> Path:
    """The folder of the packaged profiles (inside the wheel, or ``data/`` of a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise DataError(
        [Problem(here / "data", "the packaged dataset is missing; reinstall cyberprofiles")]
    )


def data_dirs_from_env(environ: dict[str, str] | None = None) -> list[Path]:
    """Folders named in ``CYBERPROFILES_DATA`` (``os.pathsep``-separated), in order."""
    value = (os.environ if environ is None else environ).get(DATA_ENV, "")
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]


def toml_files(path: Path) -> list[Path]:
    """The ``.toml`` files a path stands for: itself, or those directly inside a folder, sorted."""
    if path.is_dir():
        with os.scandir(path) as entries:
            return sorted(Path(e.path) for e in entries if e.name.endswith(".toml"))
    return [path]


def read_profile(path: Path) -> tuple[Profile | None, list[Problem]]:
    """Parse and validate one file; return the profile, or None with every problem found."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        return None, [Problem(path, "is a folder, not a TOML file")]
    except FileNotFoundError:
        return None, [Problem(path, "no such file")]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [Problem(path, f"cannot be read: {reason}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, f"is not UTF-8 text (byte {exc.start})", line=line)]
    if not text.strip():
        return None, [
            Problem(path, "is empty; a profile needs at least id, name, kind and reviewed")
        ]
    from pydantic import ValidationError

    from .models import Profile

    tomllib = _tomllib()
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_problem(path, exc)]
    except RecursionError:
        return None, [Problem(path, "is nested too deeply to be a profile")]
    try:
        return Profile.model_validate(document), []
    except ValidationError as exc:
        return None, _schema_problems(path, text, exc)
    except RecursionError:
        return None, [Problem(path, "is nested too deeply to be a profile")]


def declared_id(path: Path) -> str | None:
    """The ``id`` a file declares, if it can be read at all (for files that fail validation)."""
    tomllib = _tomllib()
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("id")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    return value if isinstance(value, str) else None


def _syntax_problem(path: Path, exc: Exception) -> Problem:
    message = str(exc)
    found = _TOML_POSITION.search(message)
    line = column = None
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        message = _TOML_POSITION.sub("", message).strip()
    return Problem(path, f"TOML syntax error: {message}", line=line, column=column)


def _schema_problems(path: Path, text: str, exc: ValidationError) -> list[Problem]:
    positions = key_lines(text)
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        problems.append(
            Problem(
                path,
                _explain(error),
                line=line_of(positions, loc),
                field=_dotted(loc),
            )
        )
    return problems


#: The expected form of fields whose pattern a user might miss, said in words.
_EXPECTED = {
    "iso2": "two capital letters, the ISO 3166-1 alpha-2 code (e.g. 'RS')",
    "iso3": "three capital letters, the ISO 3166-1 alpha-3 code (e.g. 'SRB')",
    "currency": "three capital letters, an ISO 4217 code (e.g. 'EUR')",
}


def _explain(error: Any) -> str:
    kind = error["type"]
    field = next((str(p) for p in reversed(error["loc"]) if isinstance(p, str)), "")
    if kind == "string_pattern_mismatch" and field in _EXPECTED:
        return f"must be {_EXPECTED[field]} (got {_short(error.get('input'))})"
    if kind == "extra_forbidden":
        return "unknown key (check its spelling against 'cyberprofiles schema')"
    if kind == "missing":
        return "required key is missing"
    message = error["msg"]
    if kind in ("less_than_equal", "greater_than_equal") and isinstance(error.get("input"), int):
        return f"{message} (got {error['input']})"
    if kind.endswith("_type") or kind == "literal_error":
        return f"{message} (got {_short(error.get('input'))})"
    return message.removeprefix("Value error, ")


def _short(value: object, limit: int = 60) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class Dataset:
    """Profiles by id, with where each came from and a name index for look-ups."""

    def __init__(
        self, profiles: dict[str, Profile], origins: dict[str, Path] | None = None
    ) -> None:
        self.profiles = profiles
        self.origins = origins if origins is not None else {}
        self._index: NameIndex | None = None
        self._incoming: dict[str, set[str]] | None = None
        self._catalog: Catalog | None = None

    def __repr__(self) -> str:
        return f"Dataset({len(self.profiles)} profiles)"

    def __iter__(self) -> Iterator[Profile]:
        return iter(self.profiles.values())

    def __len__(self) -> int:
        return len(self.profiles)

    def __getitem__(self, profile_id: str) -> Profile:
        return self.profiles[profile_id]

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            index = NameIndex()
            for p in self.profiles.values():
                index.add(p.id, p.name, [value for _, value in p.lookup_names()])
            self._index = index
        return self._index

    def resolve(self, name: str) -> Profile:
        """The profile ``name`` means (any id, name, alias or ISO code, in any case)."""
        return self.profiles[self.index.resolve(name)]

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the catalog: it is cached in a file of its own."""
        return {**self.__dict__, "_catalog": None}

    @property
    def catalog(self) -> Catalog:
        """The light, pre-computed view of this dataset that filters and search run on."""
        if self._catalog is None:
            from .catalog import Catalog

            self._catalog = Catalog.from_dataset(self)
        return self._catalog

    def dump(self, profile: Profile) -> dict[str, Any]:
        """The profile as JSON-ready data: the models' own dump."""
        entry = self.catalog.entries.get(profile.id)
        if entry is None or self.profiles.get(profile.id) is not profile:
            return profile.model_dump(mode="json")
        return entry.record

    def partners_of(self, profile_id: str) -> set[str]:
        """Ids of every profile ``profile_id`` cooperates with, in either direction.

        A partner named in this profile's file (memberships included) counts, and so does every
        profile whose own file names this one.
        """
        if self._incoming is None:
            incoming: dict[str, set[str]] = {}
            for p in self.profiles.values():
                for target in p.partner_ids():
                    incoming.setdefault(target, set()).add(p.id)
            self._incoming = incoming
        own = self.profiles[profile_id].partner_ids()
        return (own | self._incoming.get(profile_id, set())) - {profile_id}

    def sorted(self) -> list[Profile]:
        return sorted(self.profiles.values(), key=lambda p: p.name.casefold())

    # The query API: thin delegations, so ``cyberprofiles.load().search(...)`` reads naturally.

    def filter(
        self, filters: Filters | None = None, *, sort: SortKey = "name", **options: Any
    ) -> list[Profile]:
        """Profiles passing ``filters`` (or the same options as keywords), e.g.
        ``data.filter(partner="nato", strategy_since=2018)``."""
        from .query import Filters, filter_profiles

        return filter_profiles(self, filters or Filters(**options), sort=sort)

    def search(
        self,
        query: str,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        **options: Any,
    ) -> list[SearchHit]:
        """Ranked full-text search; see ``cyberprofiles.search``."""
        from .query import Filters
        from .search import search

        return search(self.catalog, query, filters or Filters(**options), limit=limit)

    def compare(self, names: Sequence[str]) -> Comparison:
        """Compare the profiles ``names`` resolve to, side by side."""
        from .compare import compare

        return compare(self.catalog, names)

    def partners(self, name: str) -> list[Edge]:
        """Every cooperation edge touching ``name``, in either direction."""
        from .network import partners

        return partners(self.catalog, name)[1]

    def network(self) -> list[Edge]:
        """Every cooperation edge in the dataset."""
        from .network import network

        return network(self.catalog)


def data_layers(
    extra: Iterable[Path | str] = (), *, packaged: bool = True, use_env: bool = True
) -> list[Path]:
    """The folders and files to load, in order: packaged, ``CYBERPROFILES_DATA``, ``extra``."""
    layers: list[Path] = []
    if packaged:
        layers.append(packaged_data_dir())
    if use_env:
        layers.extend(data_dirs_from_env())
    layers.extend(Path(p).expanduser() for p in extra)
    return layers


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
    A valid dataset is cached (see ``cyberprofiles.cache``) unless ``cache`` is False.
    """
    layers = data_layers(extra, packaged=packaged, use_env=use_env)
    if not cache:
        return load_layers(layers)

    from . import cache as store

    key, slot = store.fingerprint(layers), store.slot_of(layers)
    if key is not None:
        found = store.read(key, "dataset", slot)
        if isinstance(found, Dataset):
            from .catalog import Catalog

            catalog = store.read(key, "catalog", slot)
            if isinstance(catalog, Catalog):
                found._catalog = catalog
            return found
    dataset = load_layers(layers)
    if key is not None:
        _store(key, slot, dataset)
    return dataset


def load_catalog(
    extra: Iterable[Path | str] = (),
    *,
    packaged: bool = True,
    use_env: bool = True,
    cache: bool = True,
) -> Catalog:
    """Like ``load``, but only the light catalog: from the cache it needs no Pydantic at all."""
    layers = data_layers(extra, packaged=packaged, use_env=use_env)
    if not cache:
        return load_layers(layers).catalog

    from . import cache as store
    from .catalog import Catalog

    key, slot = store.fingerprint(layers), store.slot_of(layers)
    if key is not None:
        found = store.read(key, "catalog", slot)
        if isinstance(found, Catalog):
            return found
    dataset = load_layers(layers)
    if key is not None:
        _store(key, slot, dataset)
    return dataset.catalog


def _store(key: tuple[Any, ...], slot: str, dataset: Dataset) -> None:
    from . import cache as store

    store.write(key, dataset.catalog, "catalog", slot)
    store.write(key, dataset, "dataset", slot)


def load_layers(layers: Sequence[Path]) -> Dataset:
    """Load each layer (a folder or a file) in order; see ``load``."""
    profiles: dict[str, Profile] = {}
    origins: dict[str, Path] = {}
    problems: list[Problem] = []
    for layer in layers:
        if not layer.exists():
            problems.append(Problem(layer, "no such file or folder"))
            continue
        try:
            files = toml_files(layer)
        except OSError as exc:
            problems.append(Problem(layer, f"cannot be listed: {exc.strerror or exc}"))
            continue
        seen_here: dict[str, Path] = {}
        for path in files:
            profile, found = read_profile(path)
            problems.extend(found)
            if profile is None:
                continue
            if profile.id in seen_here:
                problems.append(
                    Problem(
                        path,
                        f"id {profile.id!r} is also used by {seen_here[profile.id]}",
                        field="id",
                    )
                )
                continue
            seen_here[profile.id] = path
            profiles[profile.id] = profile
            origins[profile.id] = path
    problems.extend(reference_problems(profiles, origins))
    if problems:
        raise DataError(problems)
    return Dataset(profiles, origins)


class Referring(Protocol):
    """A profile as the reference check sees it (a ``Profile``, or a validation outline)."""

    @property
    def id(self) -> str: ...

    @property
    def kind(self) -> str: ...

    def references(self) -> list[tuple[str, str]]: ...


def reference_problems(
    profiles: Mapping[str, Referring],
    origins: dict[str, Path],
    known: frozenset[str] | set[str] = frozenset(),
) -> list[Problem]:
    """Every reference to a missing profile id, or a membership of something not an organisation.

    ``known`` holds ids declared by files that failed validation: references to them are not
    reported again as dangling.
    """
    problems = []
    for profile in profiles.values():
        path = origins.get(profile.id, Path(f"{profile.id}.toml"))
        positions: dict | None = None
        for where, target in profile.references():
            if target in known and target not in profiles:
                continue
            other = profiles.get(target)
            if other is not None and not (
                where.startswith("memberships") and other.kind != "organisation"
            ):
                continue
            if positions is None:
                positions = _positions_of(path)
            loc = tuple(int(x) if x.isdigit() else x for x in re.split(r"[\[\].]+", where) if x)
            message = (
                f"refers to {target!r}, which is no profile's id; add {target}.toml or fix the id"
                if other is None
                else f"refers to {target!r}, which is a {other.kind}, not an organisation"
            )
            problems.append(Problem(path, message, line=line_of(positions, loc), field=where))
    return problems


def _positions_of(path: Path) -> dict:
    try:
        return key_lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}
