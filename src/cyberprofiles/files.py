"""Finding and reading data files: the one routine that says which files a folder holds, used by
loading and by ``validate`` alike, and a reader that cannot hang or run out of memory.

A data folder holds one ``.toml`` file per profile. Hidden files (an editor's ``.#x.toml`` lock,
a ``.x.toml.swp``) are not profiles and are skipped; anything else that is not a regular file (a
folder, a pipe, a device, a link to nothing) is reported as a problem rather than read, because
reading a pipe could wait forever and reading a device could never end.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import DataError, Problem
from .terminal import display_path

#: Environment variable with extra data folders, separated like PATH (``:`` or ``;`` on Windows).
DATA_ENV = "CYBERPROFILES_DATA"
#: The largest data file read, in bytes: a profile is a few kilobytes; anything near this is a
#: mistake (a log file renamed, a device), not a profile.
MAX_FILE_SIZE = 8 * 1024 * 1024


def packaged_data_dir() -> Path:
    """The folder of the packaged profiles: inside the installed package, or ``data/`` at the
    root of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise DataError([Problem(here / "data", "the packaged dataset is missing; reinstall it")])


def env_data_dirs(environ: dict[str, str] | None = None) -> tuple[list[Path], list[str]]:
    """Folders named in ``CYBERPROFILES_DATA``, in order, with ``~`` expanded; and a warning for
    each entry that names no folder or file (skipped, as PATH skips them)."""
    value = (os.environ if environ is None else environ).get(DATA_ENV, "")
    found: list[Path] = []
    warnings: list[str] = []
    for part in value.split(os.pathsep):
        if not part.strip():
            continue
        path = Path(part).expanduser()
        if path.exists():
            found.append(path)
        else:
            warnings.append(f"{DATA_ENV}: {display_path(path)} does not exist; skipped")
    return found, warnings


def data_files(target: Path) -> tuple[list[str], list[Problem]]:
    """The profile files ``target`` stands for, sorted: itself if it is a file, else the
    ``.toml`` files directly inside the folder; and a problem for each that cannot be a profile.
    The files are paths as text: making 10,000 ``Path`` objects, and hashing them as keys, took
    a fifth of the time of loading a large folder of a user's own."""
    try:
        info = target.stat()
    except FileNotFoundError:
        kind = "a link to nothing" if target.is_symlink() else "no such file or folder"
        return [], [Problem(target, kind)]
    except OSError as exc:
        return [], [Problem(target, f"cannot be read: {exc.strerror or exc}")]
    if not stat.S_ISDIR(info.st_mode):
        problem = _not_regular(target, info.st_mode)
        return ([], [problem]) if problem else ([os.fspath(target)], [])
    base = os.fspath(target)
    prefix = "" if base == "." else os.path.join(base, "")  # so that each path reads as Path's
    try:
        with os.scandir(target) as entries:
            candidates = sorted(
                (e for e in entries if e.name.endswith(".toml") and not e.name.startswith(".")),
                key=lambda e: e.name,
            )
            files: list[str] = []
            problems: list[Problem] = []
            for entry in candidates:
                path = prefix + entry.name
                if not entry.is_symlink() and entry.is_file():  # the folder listing says so
                    files.append(path)
                    continue
                try:
                    mode = entry.stat().st_mode
                except OSError:
                    problems.append(Problem(path, "is a link to nothing; remove it"))
                    continue
                problem = _not_regular(path, mode)
                if problem:
                    problems.append(problem)
                else:
                    files.append(path)
    except OSError as exc:
        return [], [Problem(target, f"cannot be listed: {exc.strerror or exc}")]
    return files, problems


def _not_regular(path: Path | str, mode: int) -> Problem | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Problem(path, "is a folder, not a TOML file")
    if stat.S_ISFIFO(mode):
        return Problem(path, "is a pipe, not a file; data files must be regular files")
    return Problem(path, "is not a regular file (a device or socket); it cannot be a profile")


def read_bytes(path: Path | str) -> bytes | Problem:
    """The bytes of a data file, or the problem that stops it being read. Never blocks on a pipe
    and never reads more than ``MAX_FILE_SIZE`` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return Problem(path, "no such file")
    except IsADirectoryError:
        return Problem(path, "is a folder, not a TOML file")
    except OSError as exc:
        return Problem(path, f"cannot be read: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        problem = _not_regular(path, info.st_mode)
        if problem:
            return problem
        chunks = []
        size = 0
        want = min(info.st_size, MAX_FILE_SIZE) + 1  # one read for a file that stays as it is
        while size <= MAX_FILE_SIZE:
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if len(chunk) < want:
                break
            want = 1 << 20
        if size > MAX_FILE_SIZE:
            limit = MAX_FILE_SIZE // (1024 * 1024)
            return Problem(path, f"is larger than {limit} MB; a profile is a few kilobytes")
        return b"".join(chunks)
    except OSError as exc:
        return Problem(path, f"cannot be read: {exc.strerror or exc}")
    finally:
        os.close(fd)
