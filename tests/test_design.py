"""The shape of the code, as a maintainer relies on it: one model of a profile that the library
and the command line both hand out, data flowing one way between modules, each rule written once."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import get_type_hints

import pytest

import cyberprofiles
from cyberprofiles import models, profile
from cyberprofiles.errors import ExitCode

PACKAGE = Path(cyberprofiles.__file__).parent
ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    """The package modules ``path`` imports when it is loaded (not under TYPE_CHECKING, not
    inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_modules_import_each_other_without_a_circle() -> None:
    graph = {p.stem: _imports(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    seen: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        if seen.get(module) == "done":
            return
        assert seen.get(module) != "open", " -> ".join([*path, module])
        seen[module] = "open"
        for target in graph.get(module, ()):
            visit(target, [*path, module])
        seen[module] = "done"

    for module in graph:
        visit(module, [])


def test_imports_inside_functions_say_why() -> None:
    """An import inside a function is there to keep start-up fast; each such group says why in
    a comment on its first line or just above (the command line's commands, each of which
    imports what it uses, excepted)."""
    for path in PACKAGE.rglob("*.py"):
        if path.stem == "cli":
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            imports = [n for n in function.body if isinstance(n, (ast.Import, ast.ImportFrom))]
            if imports:
                first = imports[0].lineno - 1
                said = "#" in lines[first] or lines[first - 1].strip().startswith("#")
                assert said, f"{path.name}:{first + 1}"


VIEWS = {
    profile.Profile: models.Profile,
    profile.Document: models.Document,
    profile.Csirt: models.Csirt,
    profile.Agency: models.Agency,
    profile.Membership: models.Membership,
    profile.Member: models.Member,
    profile.Treaty: models.Treaty,
    profile.Absence: models.Absence,
    profile.Cooperation: models.Cooperation,
    profile.Initiative: models.Initiative,
    profile.CriticalInfrastructure: models.CriticalInfrastructure,
    profile.Position: models.Position,
    profile.IndexScore: models.IndexScore,
}


@pytest.mark.parametrize("view", list(VIEWS), ids=lambda v: v.__name__)
def test_each_field_of_the_schema_is_a_typed_attribute_of_the_profile(view: type) -> None:
    declared = set(get_type_hints(view)) | {
        name for name in dir(view) if isinstance(getattr(view, name, None), property)
    }
    assert set(VIEWS[view].model_fields) <= declared


def test_the_library_and_the_command_line_return_the_same_profiles(cli) -> None:  # type: ignore[no-untyped-def]
    data = cyberprofiles.load(use_env=False)
    serbia = data.resolve("rs")
    assert isinstance(serbia, cyberprofiles.Profile)
    assert data.filter(member="nato")[0].__class__ is cyberprofiles.Profile
    assert [p.id for p in data.compare(["rs", "hr"]).profiles] == ["serbia", "croatia"]
    shown = json.loads(cli("show", "serbia", "--json").stdout)[0]
    assert shown == serbia.to_dict()
    assert serbia.documents[0].title == shown["documents"][0]["title"]
    assert serbia.model().name == "Serbia"  # the Pydantic model, for whoever asks


def test_exit_codes_are_documented_from_one_list(cli) -> None:  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    help_text = cli("--help").stdout
    for code in ExitCode:
        assert f"| {int(code)} | {code.meaning} |" in readme
        assert f"{int(code)}" in help_text and code.meaning.split(":")[0] in help_text


def test_the_version_is_declared_once() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and "\nversion =" not in pyproject
    from importlib.metadata import version

    assert version("cyberprofiles") == cyberprofiles.__version__
