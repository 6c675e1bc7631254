"""The ``cyberprofiles`` command: argument parsing and output wiring over the Python API.

Data goes to stdout, messages to stderr. Exit codes: 0 success; 1 name not found or ambiguous
(and ``validate`` found problems); 2 usage error; 3 invalid dataset; 4 a file could not be written;
70 an internal error (a bug: please report it); 130 interrupted.
"""

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
    from .catalog import Catalog, Entry

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


def _catalog(data: Sequence[Path] | None) -> "Catalog":
    """The light catalog, enough for show in machine formats, list and search; from the cache
    it loads without Pydantic."""
    from .dataset import load_catalog

    return load_catalog(extra=data or ())


def _format(fmt: OutputFormat, as_json: bool) -> OutputFormat:
    return OutputFormat.json if as_json else fmt


def _terminal() -> bool:
    """Whether people read stdout in a terminal (Rich output); pipes and files get plain text.

    FORCE_COLOR asks for the terminal rendering even when piped, as Rich understands it.
    """
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


def _write(output: str) -> None:
    sys.stdout.write(output)
    sys.stdout.flush()


def _emit_entries(entries: "Sequence[Entry]", fmt: OutputFormat) -> bool:
    """Print entries' records (JSON, NDJSON) or summary rows (CSV); False for the table format."""
    if fmt is OutputFormat.table:
        return False  # without decoding every record for nothing
    if fmt is OutputFormat.csv:
        from .query import SUMMARY_COLUMNS

        return _machine([e.row for e in entries], fmt, SUMMARY_COLUMNS)
    return _machine([e.record for e in entries], fmt, ())


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
    fmt = _format(fmt, as_json)
    catalog = _catalog(data)
    entries = [catalog.resolve(name) for name in names]
    if _emit_entries(entries, fmt):
        return
    from .views import Record, make_console, print_profile

    console = make_console()
    packaged = _packaged_dir()
    names_by_id = catalog.names()
    for i, entry in enumerate(entries):
        if i:
            console.rule()
        origin = catalog.origin(entry.id)
        shown = None if origin is None or origin.parent == packaged else origin
        # Drawn from the cached record: decoding the model would import Pydantic (~100 ms).
        print_profile(console, Record(entry.record), names_by_id, origin=shown)


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


#: The fields of ``stats --coverage`` (``stats.COVERAGE``, kept equal by a test): listed here so
#: that building the command line does not import the stats module.
CoverageField = Enum(  # type: ignore[misc]
    "CoverageField",
    {
        name: name
        for name in (
            "official_name",
            "iso_codes",
            "region",
            "subregion",
            "aliases",
            "summary",
            "memberships",
            "budapest_convention",
            "strategy_known",
            "first_strategy_year",
            "current_strategy",
            "current_strategy_status",
            "cert_status",
            "cert_name",
            "cert_year",
            "cooperation",
            "sources",
        )
    },
    type=str,
)

StrategyYear = Annotated[
    int | None, typer.Option(help="A national strategy adopted in this year.", show_default=False)
]
StrategySince = Annotated[
    int | None,
    typer.Option(help="A national strategy adopted in or after this year.", show_default=False),
]
StrategyUntil = Annotated[
    int | None,
    typer.Option(help="A national strategy adopted in or before this year.", show_default=False),
]
NoStrategy = Annotated[bool, typer.Option("--no-strategy", help="No national strategy recorded.")]
CertFlag = Annotated[
    bool | None,
    typer.Option(
        "--cert/--no-cert",
        help="National CERT established / anything else (planned, none, unknown).",
        show_default=False,
    ),
]
CertStatusOption = Annotated[
    CertStatus | None, typer.Option(help="National CERT status.", show_default=False)
]
PartnerOption = Annotated[
    str | None,
    typer.Option(help="Cooperates with NAME in any way, membership included.", show_default=False),
]
MemberOption = Annotated[
    str | None, typer.Option(help="A member of the organisation NAME.", show_default=False)
]
RegionOption = Annotated[
    str | None,
    typer.Option(help="UN region or sub-region, e.g. Europe, 'South America'.", show_default=False),
]
KindOption = Annotated[Kind | None, typer.Option(help="state or organisation.", show_default=False)]


def _filters(**options: Any) -> Any:
    """The Filters a command's options describe; options that are not filters are ignored, so a
    command can pass all its arguments (``_filters(**locals())``)."""
    from .query import Filters

    chosen = {k: v for k, v in options.items() if k in Filters.FIELDS}
    for key in ("cert_status", "kind", "missing"):
        if chosen.get(key) is not None:
            chosen[key] = chosen[key].value
    return Filters(**chosen)


@app.command("list")
@handles_errors
def list_command(
    strategy_year: StrategyYear = None,
    strategy_since: StrategySince = None,
    strategy_until: StrategyUntil = None,
    no_strategy: NoStrategy = False,
    cert: CertFlag = None,
    cert_status: CertStatusOption = None,
    partner: PartnerOption = None,
    member: MemberOption = None,
    region: RegionOption = None,
    kind: KindOption = None,
    missing: Annotated[
        CoverageField | None,
        typer.Option(
            metavar="<field>",
            help="Does not know this field, one of those stats --coverage counts (e.g. "
            "cert_year, current_strategy_status): the gaps.",
            show_default=False,
        ),
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
      cyberprofiles list --kind state --missing current_strategy_status

    Strategy filters count national strategies only, not laws or policies. An empty result is
    an empty table, or [] in JSON, with exit code 0.
    """
    from .query import filter_entries

    catalog = _catalog(data)
    filters = _filters(**locals())
    entries = filter_entries(catalog, filters, sort=sort.value)  # type: ignore[arg-type]
    if not _emit_entries(entries, _format(fmt, as_json)):
        if entries and not _terminal():
            from .formats.text import list_text

            _write(list_text(entries))
        elif entries:
            from rich.text import Text

            from .views import list_table, make_console

            console = make_console()
            table = list_table(entries, width=console.width)
            console.print(table, soft_wrap=isinstance(table, Text))  # aligned text: no crop
        sys.stderr.write(f"{len(entries)} of {len(catalog)} profiles\n")


def _machine(records: Sequence[Any], fmt: OutputFormat, columns: Sequence[str]) -> bool:
    """Print ``records`` in a machine format and return True; False for the table format."""
    if fmt is OutputFormat.json or fmt is OutputFormat.ndjson:
        from .formats import json as json_format
        from .formats import ndjson as ndjson_format

        module = json_format if fmt is OutputFormat.json else ndjson_format
        for chunk in module.chunks(records):
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return True
    if fmt is OutputFormat.csv:
        from .formats import csv as csv_format

        output = csv_format.render(records, columns)
        if sys.stdout.isatty():
            from .terminal import escape_controls

            output = escape_controls(output)
        _write(output)
        return True
    return False


def _write_object(record: dict[str, Any], fmt: OutputFormat) -> None:
    """One JSON object: indented for json, on one line for ndjson."""
    import json

    if fmt is OutputFormat.json:
        _write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        _write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")


def _print(renderable: Any) -> None:
    from .views import make_console

    make_console().print(renderable)


#: How many search hits the table shows when no --limit is given (machine formats show all).
TABLE_SEARCH_LIMIT = 25


@app.command("search")
@handles_errors
def search_command(
    query: Annotated[str, typer.Argument(help='Words and "quoted phrases"; all must match.')],
    limit: Annotated[
        int | None, typer.Option(min=1, help="Show at most this many results.", show_default=False)
    ] = None,
    strategy_year: StrategyYear = None,
    strategy_since: StrategySince = None,
    strategy_until: StrategyUntil = None,
    no_strategy: NoStrategy = False,
    cert: CertFlag = None,
    cert_status: CertStatusOption = None,
    partner: PartnerOption = None,
    member: MemberOption = None,
    region: RegionOption = None,
    kind: KindOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Full-text search over every text field, ranked; takes the filters of list.

    \b
    Examples:
      cyberprofiles search "critical infrastructure"
      cyberprofiles search exercise --partner nato
      cyberprofiles search '"capacity building" asean' --limit 5 --json

    Case, accents and punctuation are ignored; every word must match (a quoted phrase as a
    phrase); "exercise" also finds "exercises". Matches in names and titles rank higher.
    The table shows the best 25 unless --limit says otherwise; JSON, NDJSON and CSV give all.
    """
    from .search import search

    catalog = _catalog(data)
    filters = _filters(**locals())
    hits = search(catalog, query, filters, limit=limit)
    fmt = _format(fmt, as_json)
    if fmt is OutputFormat.csv:
        rows = [
            {
                "id": h.id,
                "name": h.name,
                "score": h.score,
                "field": m.field,
                "snippet": m.snippet,
            }
            for h in hits
            for m in h.matches
        ]
        _machine(rows, fmt, ("id", "name", "score", "field", "snippet"))
    elif fmt is not OutputFormat.table:
        _machine([h.to_dict() for h in hits], fmt, ())
    else:
        shown = hits if limit is not None else hits[:TABLE_SEARCH_LIMIT]
        if shown and not _terminal():
            from .formats.text import search_text

            _write(search_text(shown))
        elif shown:
            from .views import search_view

            _print(search_view(shown))
        total = f"{len(hits)} matching profile{'s' if len(hits) != 1 else ''}"
        if len(shown) < len(hits):
            total += f", the best {len(shown)} shown; use --limit N to see more"
        sys.stderr.write(total + "\n")


@app.command("compare")
@handles_errors
def compare_command(
    names: Annotated[list[str], typer.Argument(help="Two or more names.", show_default=False)],
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Compare two or more profiles side by side.

    \b
    Examples:
      cyberprofiles compare serbia "north macedonia" bih
      cyberprofiles compare japan "south korea" --json | jq '.shared'
      cyberprofiles compare brazil "el salvador" --format csv

    Rows where the profiles differ stand out; shared memberships and partners are marked.
    """
    from .compare import compare
    from .errors import UsageError

    if len(names) < 2:
        raise UsageError(
            "compare needs two or more names, e.g. cyberprofiles compare serbia croatia"
        )
    catalog = _catalog(data)
    comparison = compare(catalog, names)
    fmt = _format(fmt, as_json)
    if fmt is OutputFormat.csv or fmt is OutputFormat.ndjson:
        import json

        ids = [e.id for e in comparison.entries]
        rows = []
        for row in comparison.rows:
            cells = {
                pid: (
                    v
                    if isinstance(v, (str, int)) or v is None
                    else json.dumps(v, ensure_ascii=False)
                )
                for pid, v in zip(ids, row.values, strict=True)
            }
            rows.append({"field": row.field, "differs": row.differs, **cells})
        _machine(rows, fmt, ("field", "differs", *ids))
    elif fmt is OutputFormat.json:
        _write_object(comparison.to_dict(), fmt)
    else:
        from .views import compare_table

        _print(compare_table(comparison, catalog.names()))


class NetworkFormat(str, Enum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    dot = "dot"
    mermaid = "mermaid"


@app.command("partners")
@handles_errors
def partners_command(
    name: Annotated[
        str | None,
        typer.Argument(help="A profile; leave out for the whole network.", show_default=False),
    ] = None,
    fmt: Annotated[
        NetworkFormat,
        typer.Option(
            "--format", "-f", help="table, json, ndjson, csv, or dot / mermaid for drawing."
        ),
    ] = NetworkFormat.table,
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Who cooperates with whom: one profile's ties in both directions, or the whole network.

    \b
    Examples:
      cyberprofiles partners serbia
      cyberprofiles partners nato --format csv
      cyberprofiles partners --format dot | dot -Tsvg > network.svg
      cyberprofiles partners --format mermaid > network.mmd

    Each tie is an edge (actor, partner, kind, year) as recorded in the actor's file:
    memberships, cooperation and initiatives.
    """
    from .network import EDGE_FIELDS, network, partners, to_dot, to_mermaid

    catalog = _catalog(data)
    focus = None
    if name:
        focus, edges = partners(catalog, name)
    else:
        edges = network(catalog)
    fmt = NetworkFormat.json if as_json else fmt
    if fmt is NetworkFormat.dot:
        _write(to_dot(edges, catalog.names()))
    elif fmt is NetworkFormat.mermaid:
        _write(to_mermaid(edges, catalog.names()))
    elif not _machine([e.to_dict() for e in edges], OutputFormat(fmt.value), EDGE_FIELDS):
        from .views import edges_table

        _print(edges_table(edges, catalog.names(), focus=focus))


class GroupBy(str, Enum):
    region = "region"
    kind = "kind"


@app.command("timeline")
@handles_errors
def timeline_command(
    by: Annotated[
        GroupBy | None, typer.Option(help="Count per region or kind.", show_default=False)
    ] = None,
    first: Annotated[
        bool, typer.Option("--first", help="Count only each actor's first strategy.")
    ] = False,
    strategy_since: StrategySince = None,
    strategy_until: StrategyUntil = None,
    cert: CertFlag = None,
    partner: PartnerOption = None,
    member: MemberOption = None,
    region: RegionOption = None,
    kind: KindOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """National strategy adoptions per year, as a chart or as data.

    \b
    Examples:
      cyberprofiles timeline
      cyberprofiles timeline --first --by region
      cyberprofiles timeline --region europe --format csv

    Each bar counts the actors that adopted a national strategy that year (laws do not count).
    """
    from .query import filter_entries
    from .stats import timeline

    catalog = _catalog(data)
    filters = _filters(
        cert=cert,
        partner=partner,
        member=member,
        region=region,
        kind=kind,
    )
    bars = timeline(filter_entries(catalog, filters), by=by.value if by else None, first_only=first)
    bars = [
        b
        for b in bars
        if (strategy_since is None or b.year >= strategy_since)
        and (strategy_until is None or b.year <= strategy_until)
    ]
    fmt = _format(fmt, as_json)
    if fmt is OutputFormat.csv:
        groups = sorted({g for b in bars for g in b.groups})
        rows = [
            {"year": b.year, "count": len(b.actors), "actors": ";".join(b.actors), **b.groups}
            for b in bars
        ]
        _machine(rows, fmt, ("year", "count", *groups, "actors"))
    elif not _machine([b.to_dict() for b in bars], fmt, ()):
        from .views import timeline_chart

        _print(timeline_chart(bars, catalog.names(), by=by.value if by else None))


@app.command("stats")
@handles_errors
def stats_command(
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help="Also show, per field, how many profiles know it "
            "(list --missing FIELD names the others).",
        ),
    ] = False,
    kind: KindOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """The dataset at a glance: counts, strategy and CERT shares, hubs, sources, coverage.

    \b
    Examples:
      cyberprofiles stats
      cyberprofiles stats --coverage --kind state
      cyberprofiles stats --json | jq '.coverage'
    """
    from .query import filter_entries
    from .stats import coverage as field_coverage
    from .stats import summary

    catalog = _catalog(data)
    numbers = summary(catalog)
    entries = filter_entries(catalog, _filters(kind=kind))
    known = field_coverage(entries) if coverage else None
    fmt = _format(fmt, as_json)
    if fmt is OutputFormat.csv:
        _machine(field_coverage(entries), fmt, ("field", "known", "of", "share"))
    elif fmt is OutputFormat.json or fmt is OutputFormat.ndjson:
        _write_object({**numbers, "coverage": field_coverage(entries)}, fmt)
    else:
        from .views import stats_view

        _print(stats_view(numbers, known))


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
    if not _machine(records, fmt, ("file", "line", "column", "field", "message")):
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
        catalog = _catalog(None)
        newest = max(e.row["reviewed"] for e in catalog)
        detail = f"dataset: {len(catalog)} profiles, last reviewed {newest}"
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


def _only_the_command_run(args: Sequence[str]) -> list[Any]:
    """Register only the subcommand ``args`` start with, and return the full list to restore.

    Typer turns the signature of every registered command into Click parameters on each run;
    building just the one being run saves that work for the others. Anything else (top-level
    options, a mistyped command) keeps every command, so help and suggestions stay complete.
    """
    everything = list(app.registered_commands)
    if args and not args[0].startswith("-"):
        chosen = [c for c in everything if c.name == args[0]]
        if chosen:
            app.registered_commands = chosen
    return everything


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script: run, and end with the documented exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    everything = _only_the_command_run(args)
    try:
        code = app(args=args, standalone_mode=False)
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
    finally:
        app.registered_commands = everything
    _quiet_closed_pipe()
    sys.exit(code)


def _quiet_closed_pipe() -> None:
    """Flush stdout now; if the reader has gone (``| head``), drop the rest without a traceback."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
