"""Shared fixtures: a tiny fictional dataset for exact filter tests, the packaged dataset, and
a runner that drives the command line as a user would (stdout and stderr kept apart)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cyberprofiles.cli import app
from cyberprofiles.dataset import Dataset, load

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Session-wide fixtures (``mini``, ``packaged``) load before any test's own set-up: keep
    their cache out of the developer's cache folder too."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CYBERPROFILES_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
        patch.delenv("CYBERPROFILES_DATA", raising=False)
        yield


@pytest.fixture(autouse=True)
def _no_user_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests see only the data they ask for, whatever the developer's environment holds, and
    keep their dataset cache out of the developer's cache folder."""
    monkeypatch.delenv("CYBERPROFILES_DATA", raising=False)
    monkeypatch.delenv("CYBERPROFILES_NO_CACHE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("CYBERPROFILES_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def count_calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    """Wrap ``module.name`` so that each call is counted (one item per call) and still made."""
    calls: list[int] = []
    original = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.fixture(scope="session")
def mini() -> Dataset:
    return load([MINI], packaged=False, use_env=False)


@pytest.fixture(scope="session")
def packaged() -> Dataset:
    return load(use_env=False)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the fictional dataset, for tests that break it."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


Run = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def cli() -> Run:
    """Run the CLI in-process; returns an object with exit_code, stdout and stderr."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return run


@pytest.fixture
def command() -> Run:
    """Run ``python -m cyberprofiles`` in a subprocess: real exit codes, pipes and streams."""

    def run(*args: str, env: dict[str, str] | None = None, **kwargs):  # type: ignore[no-untyped-def]
        return subprocess.run(
            [sys.executable, "-m", "cyberprofiles", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            **kwargs,
        )

    return run
