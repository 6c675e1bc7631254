"""The ``cyberprofiles`` command: argument parsing and output wiring over the Python API.

Data goes to stdout, messages to stderr. Exit codes: 0 success; 1 name not found or ambiguous
(and ``validate`` found problems); 2 usage error; 3 invalid dataset; 4 a file could not be written;
70 an internal error (a bug: please report it); 130 interrupted.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

try:  # Typer 0.28 vendors Click; earlier releases depend on it.
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover - depends on the installed Typer
    from click.exceptions import ClickException  # type: ignore[no-redef]

from . import __version__
from .errors import EXIT_INTERRUPTED, CyberprofilesError

if TYPE_CHECKING:
    from .dataset import Dataset
    from .models import Profile

EXIT_INTERNAL = 70

app = typer.Typer(
    name="cyberprofiles",
    help="""Look up, filter and compare national cyber-policy profiles, offline.

\b
Examples:
  cyberprofiles show serbia
  cyberprofiles show BIH "south korea" eu
  cyberprofiles list --strategy-since 2018 --cert
  cyberprofiles list --partner nato --format json | jq '.[].name'

Names resolve by id, name, alias or ISO code, in any case. Every command that prints data takes
--format table|json|ndjson|csv (--json for short).""",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format", "-f", help="Output format: table for people, json/ndjson/csv for scripts."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        help="Extra folder (or file) of TOML profiles laid over the packaged data; repeatable. "
        "Also read from CYBERPROFILES_DATA.",
        show_default=False,
    ),
]

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int) -> typer.Exit:
    from .terminal import escape_controls

    sys.stderr.write(f"cyberprofiles: {escape_controls(message)}\n")
    return typer.Exit(code)


def handles_errors(command: F) -> F:
    """Turn library errors into a message on stderr and the documented exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CyberprofilesError as error:
            lines = str(error).splitlines() or [type(error).__name__]
            if len(lines) > 1:
                lines = ["the dataset has problems:", *lines]
            raise _fail("\n  ".join(lines), error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def _load(data: Sequence[Path] | None) -> Dataset:
    from .dataset import load

    return load(extra=data or ())


def _format(fmt: OutputFormat, as_json: bool) -> OutputFormat:
    return OutputFormat.json if as_json else fmt


def _write(output: str) -> None:
    sys.stdout.write(output)
    sys.stdout.flush()


def _emit_profiles(
    profiles: Sequence[Profile], dataset: Dataset, fmt: OutputFormat, view: Callable[[], Any]
) -> None:
    """Print profiles in a machine format, or call ``view`` for the human one."""
    if fmt is OutputFormat.json or fmt is OutputFormat.ndjson:
        from .formats import json as json_format
        from .formats import ndjson as ndjson_format

        records = [p.model_dump(mode="json") for p in profiles]
        module = json_format if fmt is OutputFormat.json else ndjson_format
        _write(module.render(records))
    elif fmt is OutputFormat.csv:
        from .formats import csv as csv_format
        from .query import SUMMARY_COLUMNS, summary_row

        rows = [summary_row(p, dataset) for p in profiles]
        output = csv_format.render(rows, SUMMARY_COLUMNS)
        if sys.stdout.isatty():
            from .terminal import escape_controls

            output = escape_controls(output)
        _write(output)
    else:
        view()


@app.command("show")
@handles_errors
def show_command(
    names: Annotated[
        list[str],
        typer.Argument(help="One or more ids, names, aliases or ISO codes.", show_default=False),
    ],
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Show one or more profiles in full.

    \b
    Examples:
      cyberprofiles show serbia
      cyberprofiles show BIH "south korea" eu
      cyberprofiles show "Bosnia & Herzegovina" --json | jq '.[0].cert'
      cyberprofiles show ba mk rs --format csv

    JSON and NDJSON print each profile's full record (an array, even for one name).
    """
    dataset = _load(data)
    profiles = [dataset.resolve(name) for name in names]
    fmt = _format(fmt, as_json)

    def view() -> None:
        from .views import make_console, profile_view

        console = make_console()
        packaged = _packaged_dir()
        for i, profile in enumerate(profiles):
            if i:
                console.rule()
            origin = dataset.origins.get(profile.id)
            shown = None if origin is None or origin.parent == packaged else origin
            console.print(profile_view(profile, dataset, origin=shown))

    _emit_profiles(profiles, dataset, fmt, view)


def _packaged_dir() -> Path:
    from .dataset import packaged_data_dir

    return packaged_data_dir()


class SortKey(str, Enum):
    name = "name"
    strategy_year = "strategy-year"


class Kind(str, Enum):
    state = "state"
    organisation = "organisation"


class CertStatus(str, Enum):
    established = "established"
    planned = "planned"
    none = "none"
    unknown = "unknown"


YearOption = Annotated[int | None, typer.Option(min=1900, max=2100, show_default=False)]


@app.command("list")
@handles_errors
def list_command(
    strategy_year: Annotated[
        int | None,
        typer.Option(help="A national strategy adopted in this year.", show_default=False),
    ] = None,
    strategy_since: Annotated[
        int | None,
        typer.Option(help="A national strategy adopted in or after this year.", show_default=False),
    ] = None,
    strategy_until: Annotated[
        int | None,
        typer.Option(
            help="A national strategy adopted in or before this year.", show_default=False
        ),
    ] = None,
    no_strategy: Annotated[
        bool, typer.Option("--no-strategy", help="No national strategy recorded.")
    ] = False,
    cert: Annotated[
        bool | None,
        typer.Option(
            "--cert/--no-cert",
            help="National CERT established / anything else (planned, none, unknown).",
            show_default=False,
        ),
    ] = None,
    cert_status: Annotated[
        CertStatus | None, typer.Option(help="National CERT status.", show_default=False)
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option(
            help="Cooperates with NAME in any way, membership included.", show_default=False
        ),
    ] = None,
    member: Annotated[
        str | None, typer.Option(help="A member of the organisation NAME.", show_default=False)
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            help="UN region or sub-region, e.g. Europe, 'South America'.", show_default=False
        ),
    ] = None,
    kind: Annotated[
        Kind | None, typer.Option(help="state or organisation.", show_default=False)
    ] = None,
    sort: Annotated[
        SortKey, typer.Option(help="Sort by name or by first strategy year.")
    ] = SortKey.name,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """List profiles, filtered; filters combine (all must hold).

    \b
    Examples:
      cyberprofiles list --strategy-since 2018 --cert
      cyberprofiles list --partner nato --format json | jq '.[].name'
      cyberprofiles list --region europe --no-strategy
      cyberprofiles list --member asean --sort strategy-year --format csv

    Strategy filters count national strategies only, not laws or policies. An empty result is
    an empty table, or [] in JSON, with exit code 0.
    """
    from .query import Filters, filter_profiles

    dataset = _load(data)
    filters = Filters(
        strategy_year=strategy_year,
        strategy_since=strategy_since,
        strategy_until=strategy_until,
        no_strategy=no_strategy,
        cert=cert,
        cert_status=cert_status.value if cert_status else None,
        partner=partner,
        member=member,
        region=region,
        kind=kind.value if kind else None,
    )
    profiles = filter_profiles(dataset, filters, sort=sort.value)  # type: ignore[arg-type]
    fmt = _format(fmt, as_json)

    def view() -> None:
        from .views import list_table, make_console

        console = make_console()
        if profiles:
            console.print(list_table(profiles, dataset))
        make_console(stderr=True).print(f"{len(profiles)} of {len(dataset)} profiles")

    _emit_profiles(profiles, dataset, fmt, view)


@app.command("validate")
@handles_errors
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to check (default: the packaged data).", show_default=False
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Check profile files and report every problem, not only the first.

    \b
    Examples:
      cyberprofiles validate
      cyberprofiles validate my-profiles/
      cyberprofiles validate draft.toml --format json

    Checks TOML syntax, the schema (unknown keys, types, years, sources), duplicate ids, names and
    ISO codes that clash with other profiles, and references to profiles that do not exist. Files
    you name are checked against the packaged data, which they may refer to. Exit code 0 when
    clean, 1 when problems were found.
    """
    from .validation import validate

    problems, checked = validate(paths or [])
    fmt = _format(fmt, as_json)
    records = [p.to_dict() for p in problems]
    if fmt is OutputFormat.json or fmt is OutputFormat.ndjson:
        from .formats import json as json_format
        from .formats import ndjson as ndjson_format

        _write((json_format if fmt is OutputFormat.json else ndjson_format).render(records))
    elif fmt is OutputFormat.csv:
        from .formats import csv as csv_format

        _write(csv_format.render(records, ("file", "line", "column", "field", "message")))
    else:
        from .terminal import escape_controls

        _write("".join(escape_controls(str(p)) + "\n" for p in problems))
    files = f"{checked} file{'s' if checked != 1 else ''}"
    verdict = (
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''}" if problems else "no problems"
    )
    sys.stderr.write(f"{verdict} in {files}\n")
    if problems:
        raise typer.Exit(1)


@app.command("schema")
@handles_errors
def schema_command() -> None:
    """Print the JSON Schema of a profile file, for editors and other validators.

    \b
    Examples:
      cyberprofiles schema > profile.schema.json
      # then start a TOML file with:  #:schema ./profile.schema.json
    """
    from .schema import profile_schema

    _write(profile_schema())


@app.command("new")
@handles_errors
def new_command(
    name: Annotated[
        str, typer.Argument(help="Name of the state or organisation.", show_default=False)
    ],
    kind: Annotated[Kind, typer.Option(help="state or organisation.")] = Kind.state,
    directory: Annotated[
        Path, typer.Option("--dir", help="Folder to write the file in.", file_okay=False)
    ] = Path("."),
) -> None:
    """Write a commented template profile to start from (never overwrites a file).

    \b
    Examples:
      cyberprofiles new "Atlantis"
      cyberprofiles new "Pacific Cyber Forum" --kind organisation --dir my-profiles
      cyberprofiles validate atlantis.toml
    """
    from .errors import UsageError, WriteError
    from .template import profile_template, slug

    if not slug(name):
        raise UsageError(f"{name!r} has no letters or digits to make an id from; give a real name")
    path = directory / f"{slug(name)}.toml"
    try:
        with path.open("x", encoding="utf-8") as out:
            out.write(profile_template(name, kind.value))
    except FileExistsError:
        raise WriteError(f"{path} already exists; choose another name or --dir") from None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    _write(f"{path}\n")
    sys.stderr.write(f"wrote {path}; fill it in, then run: cyberprofiles validate {path}\n")


def _version(value: bool) -> None:
    if not value:
        return
    try:
        dataset = _load(None)
        newest = max(p.reviewed for p in dataset)
        detail = f"dataset: {len(dataset)} profiles, last reviewed {newest.isoformat()}"
    except CyberprofilesError:
        detail = "dataset: could not be loaded (run 'cyberprofiles validate')"
    _write(f"cyberprofiles {__version__}\n{detail}\n")
    raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the versions and exit."
        ),
    ] = False,
) -> None:
    """Look up, filter and compare national cyber-policy profiles, offline."""


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script: run, and end with the documented exit code."""
    try:
        code = app(args=list(sys.argv[1:] if argv is None else argv), standalone_mode=False)
        code = code if isinstance(code, int) else 0
    except typer.Exit as done:
        code = done.exit_code
    except ClickException as error:
        error.show()
        code = error.exit_code
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("cyberprofiles: interrupted\n")
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        code = 0
    except Exception as error:  # a bug: say so plainly, without a traceback
        sys.stderr.write(
            f"cyberprofiles: internal error: {type(error).__name__}: {error}\n"
            "  please report this at the project's issue tracker\n"
        )
        code = EXIT_INTERNAL
    _quiet_closed_pipe()
    sys.exit(code)


def _quiet_closed_pipe() -> None:
    """Flush stdout now; if the reader has gone (``| head``), drop the rest without a traceback."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
