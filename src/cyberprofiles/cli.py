"""The ``cyberprofiles`` command: arguments in, a call to the library, a result out.

Each command parses its options, asks the Python API for a result (``results``) and hands it to
``output.emit`` in the format asked for. Data goes to stdout; messages, counts and errors go to
stderr. The exit codes are ``errors.ExitCode``.
"""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer
from typer._click.exceptions import ClickException  # Typer 0.28 vendors Click

from . import __version__
from .errors import CyberprofilesError, ExitCode, UsageError
from .formats import Format
from .helptext import HelpCommand, HelpGroup
from .messages import conclude, note, report
from .output import Closed
from .vocabulary import LAW_AREAS, BodyStatus, Kind, MapField, MembershipStatus, choices

if TYPE_CHECKING:
    from .dataset import Dataset
    from .formats import Result

_EXIT_CODES = "\n".join(f"  {int(code):<4}{code.meaning}" for code in ExitCode)

app = typer.Typer(
    cls=HelpGroup,
    name="cyberprofiles",
    help=f"""Look up, filter, search and compare national cyber-policy profiles, offline.

\b
Examples:
  cyberprofiles show serbia
  cyberprofiles show BIH "south korea" eu
  cyberprofiles list --strategy-since 2018 --cert
  cyberprofiles list --partner nato --format json | jq '.[].name'
  cyberprofiles search "critical infrastructure" --region europe
  cyberprofiles compare serbia croatia

Names resolve by id, name, alias or ISO code, in any case. Every command that prints data takes
--format table|json|ndjson|csv|markdown (--json for short).

\b
Exit codes:
{_EXIT_CODES}""",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


F = TypeVar("F", bound=Callable[..., Any])


def _complete_name(incomplete: str) -> list[str]:
    """Shell completion of profile ids."""
    try:
        from .dataset import load

        data = load()
    except Exception:  # completion must never fail loudly
        return []
    start = incomplete.lower()
    return sorted(p.id for p in data if p.id.startswith(start))


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table for people; json, ndjson, csv, markdown for scripts and reports.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
DataOption = Annotated[
    list[str] | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help="Extra folder (or file) of TOML profiles laid over the packaged data; repeatable. "
        "Also read from CYBERPROFILES_DATA (folders separated by ':').",
        show_default=False,
    ),
]
PagerOption = Annotated[
    bool,
    typer.Option(
        "--pager/--no-pager",
        help="Page long output on a terminal (CYBERPROFILES_PAGER, PAGER, else less).",
    ),
]
CsvSafeOption = Annotated[
    bool,
    typer.Option(
        "--csv-safe",
        help="In CSV, prefix cells that start with = + - @ with ' so that spreadsheets do not "
        "run them as formulas.",
    ),
]
StrategyYear = Annotated[
    int | None,
    typer.Option(metavar="YEAR", help="A national strategy adopted in YEAR.", show_default=False),
]
StrategySince = Annotated[
    int | None,
    typer.Option(
        metavar="YEAR", help="A national strategy adopted in or after YEAR.", show_default=False
    ),
]
StrategyUntil = Annotated[
    int | None,
    typer.Option(
        metavar="YEAR", help="A national strategy adopted in or before YEAR.", show_default=False
    ),
]
NoStrategy = Annotated[bool, typer.Option("--no-strategy", help="No national strategy recorded.")]
CertFlag = Annotated[
    bool | None,
    typer.Option(
        "--cert/--no-cert",
        help="National CERT established / not established where one applies (planned, none, "
        "unknown; organisations marked not-applicable are left out).",
        show_default=False,
    ),
]
CertStatusOption = Annotated[
    BodyStatus | None,
    typer.Option(
        metavar="STATUS",
        help="National CERT status: " + ", ".join(choices(BodyStatus)) + ".",
        show_default=False,
    ),
]
PartnerOption = Annotated[
    str | None,
    typer.Option(
        metavar="NAME",
        help="Has a tie of any kind with NAME (membership, cooperation...), recorded by "
        "either side.",
        show_default=False,
    ),
]
MemberOption = Annotated[
    str | None,
    typer.Option(metavar="NAME", help="A member of the organisation NAME.", show_default=False),
]
MemberStatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--member-status",
        metavar="STATUS",
        help="With --member: a status that counts, repeatable (default member): "
        + ", ".join(choices(MembershipStatus))
        + ".",
        show_default=False,
    ),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        metavar="REGION",
        help="UN M49 region or sub-region, or 'Latin America and the Caribbean', "
        "'Sub-Saharan Africa'.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    int | None,
    typer.Option(
        "--as-of",
        metavar="YEAR",
        min=1945,
        max=2100,
        help="The world as it stood at the end of YEAR, from the dates in the data; what a "
        "missing date leaves open is shown as unknown.",
        show_default=False,
    ),
]
KindOption = Annotated[
    Kind | None,
    typer.Option(
        metavar="KIND",
        help="state, observer-state, partially-recognised-state or organisation.",
        show_default=False,
    ),
]


def handles_errors(command: F) -> F:
    """Run a command under the error handling of ``main`` when called through Typer's test
    runner as well."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CyberprofilesError as error:
            raise _fail(error) from None
        except Closed:
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def _fail(error: CyberprofilesError) -> typer.Exit:
    return typer.Exit(report(error))


def _dataset(data: Sequence[str] | None, as_of: int | None = None) -> Dataset:
    from .dataset import load

    if data and any(not p.strip() for p in data):
        raise UsageError("--data needs a folder or file; an empty value names none")
    from .commands import warn

    dataset = load(extra=[Path(p) for p in data or ()])
    warn(dataset)
    return dataset if as_of is None else dataset.as_of(as_of)


def _emit(
    result: Result, fmt: Any, as_json: bool, pager: bool = True, csv_safe: bool = False
) -> None:
    from .output import emit

    emit(result, "json" if as_json else fmt, pager=pager, csv_safe=csv_safe)


def _filters(**options: Any) -> Any:
    """The filters a command's options describe (options that are not filters are ignored)."""
    from .query import Filters

    chosen = {k: v for k, v in options.items() if k in Filters.FIELDS and v is not None}
    for repeatable in ("member_status", "law", "no_law", "draft_law"):
        if not chosen.get(repeatable):
            chosen.pop(repeatable, None)
    return Filters(**chosen)


@app.command("show", cls=HelpCommand, short_help="Show profiles in full.")
@handles_errors
def show_command(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...",
            help="One or more ids, names, aliases or ISO codes.",
            show_default=False,
            autocompletion=_complete_name,
        ),
    ],
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    as_of: AsOfOption = None,
    data: DataOption = None,
    pager: PagerOption = True,
    csv_safe: CsvSafeOption = False,
) -> None:
    """Show one or more profiles in full.

    \b
    Examples:
      cyberprofiles show serbia
      cyberprofiles show BIH "south korea" eu
      cyberprofiles show "Bosnia & Herzegovina" --json | jq '.[0].cert'
      cyberprofiles show ba mk rs --format csv
      cyberprofiles show estonia --as-of 2015

    JSON and NDJSON print each profile's full record (JSON an array, even for one name); CSV
    and Markdown its one-row summary. With --as-of, the record as it stood then.
    """
    from .commands import show

    dataset = _dataset(data, as_of)
    profiles = [dataset.resolve(name) for name in names]
    show(dataset, profiles, "json" if as_json else fmt, pager, csv_safe)


SortKey = Literal["name", "strategy-year", "changed", "gci"]
_AREAS = ", ".join(LAW_AREAS)


def _area_option(flag: str, help: str) -> Any:
    """A repeatable option naming an area of law (--law, --no-law, --draft-law)."""
    return typer.Option(flag, metavar="AREA", help=help, show_default=False)


LawOption = Annotated[
    list[str] | None,
    _area_option("--law", f"Has adopted a law on AREA, repeatable (all must hold): {_AREAS}."),
]
NoLawOption = Annotated[
    list[str] | None,
    _area_option(
        "--no-law",
        "A source says it has no law on AREA (not merely none recorded: for the gaps, use "
        "--missing cybercrime_law and the like).",
    ),
]
DraftLawOption = Annotated[
    list[str] | None, _area_option("--draft-law", "Only a draft or bill in progress on AREA.")
]


@app.command("list", cls=HelpCommand, short_help="List profiles, filtered.")
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
    member_status: MemberStatusOption = None,
    region: RegionOption = None,
    kind: KindOption = None,
    law: LawOption = None,
    no_law: NoLawOption = None,
    draft_law: DraftLawOption = None,
    gci_tier: Annotated[
        int | None,
        typer.Option(
            "--gci-tier",
            metavar="TIER",
            min=1,
            max=5,
            help="Its tier in the ITU Global Cybersecurity Index 2024 (1 highest, 5 lowest).",
            show_default=False,
        ),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="DATE",
            help="Adopted a strategy, law or other document in or after DATE (YYYY or "
            "YYYY-MM; a document dated by year alone counts as that whole year).",
            show_default=False,
        ),
    ] = None,
    missing: Annotated[
        str | None,
        typer.Option(
            metavar="FIELD",
            help="Does not know FIELD, one of those stats --coverage counts (e.g. cert_year, "
            "agency): the gaps.",
            show_default=False,
        ),
    ] = None,
    known: Annotated[
        str | None,
        typer.Option(
            metavar="FIELD",
            help="Knows FIELD, one of those stats --coverage counts: e.g. "
            "international_law_position for the states that have published one.",
            show_default=False,
        ),
    ] = None,
    fields: Annotated[
        str | None,
        typer.Option(
            metavar="NAME,...",
            help="Only these summary fields, in this order, for every format; e.g. "
            "name,cert_year (stats --coverage lists them).",
            show_default=False,
        ),
    ] = None,
    sort: Annotated[
        SortKey,
        typer.Option(
            metavar="KEY",
            help="name; strategy-year (the first strategy's year, oldest first); changed (the "
            "newest document's date, newest first); gci (ITU GCI tier, tier 1 first).",
        ),
    ] = "name",
    as_of: AsOfOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    data: DataOption = None,
    pager: PagerOption = True,
    csv_safe: CsvSafeOption = False,
) -> None:
    """List profiles, filtered; filters combine (all must hold).

    \b
    Examples:
      cyberprofiles list --strategy-since 2018 --cert
      cyberprofiles list --partner nato --format json | jq '.[].name'
      cyberprofiles list --member nato --no-cert --json | jq -r '.[].name'
      cyberprofiles list --member nato --member-status partner
      cyberprofiles list --region 'latin america' --fields name,cert_acronym --format csv
      cyberprofiles list --kind state --missing agency
      cyberprofiles list --member asean --known international_law_position \
          --fields name,law_position_years
      cyberprofiles list --kind state --cert --as-of 2010
      cyberprofiles list --law data-protection --no-law cybercrime
      cyberprofiles list --sort changed --changed-since 2025-06 --fields name,latest_change
      cyberprofiles list --gci-tier 1 --region africa

    Strategy filters count national strategies only, not laws or policies. With --as-of, the
    filters and columns describe the end of that year. An empty result is an empty table, or
    [] in JSON, with exit code 0; the count goes to stderr.
    """
    from .commands import list_profiles

    dataset = _dataset(data, as_of)
    chosen = _fields(fields)
    filters = _filters(**locals())
    list_profiles(dataset, filters, sort, chosen, "json" if as_json else fmt, pager, csv_safe)


def _fields(value: str | None) -> list[str] | None:
    if value is None:
        return None
    from .query import _unknown
    from .results import SUMMARY_COLUMNS

    chosen = [f.strip() for f in value.split(",") if f.strip()]
    for name in chosen:
        if name not in SUMMARY_COLUMNS:
            raise UsageError(_unknown("field", name, list(SUMMARY_COLUMNS)))
    if not chosen:
        raise UsageError("--fields needs at least one field name")
    return chosen


@app.command("search", cls=HelpCommand, short_help="Search every text field, ranked.")
@handles_errors
def search_command(
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help='Words and "quoted phrases"; all must match.')
    ],
    limit: Annotated[
        int | None,
        typer.Option(min=1, metavar="N", help="Show at most N results.", show_default=False),
    ] = None,
    strategy_year: StrategyYear = None,
    strategy_since: StrategySince = None,
    strategy_until: StrategyUntil = None,
    no_strategy: NoStrategy = False,
    cert: CertFlag = None,
    cert_status: CertStatusOption = None,
    partner: PartnerOption = None,
    member: MemberOption = None,
    member_status: MemberStatusOption = None,
    region: RegionOption = None,
    kind: KindOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    data: DataOption = None,
    pager: PagerOption = True,
    csv_safe: CsvSafeOption = False,
) -> None:
    """Full-text search over every text field, ranked; takes the filters of list.

    \b
    Examples:
      cyberprofiles search "critical infrastructure"
      cyberprofiles search exercise --partner nato
      cyberprofiles search '"capacity building" asean' --limit 5 --json

    Case, accents and punctuation are ignored; every word must match (a quoted phrase as a
    phrase); "exercise" also finds "exercises". Matches in names and titles rank higher, and
    so do profiles where the words meet in one field. The table shows the best 25 unless
    --limit says otherwise; JSON, NDJSON, CSV and Markdown give all of them.
    """
    from .commands import search_profiles

    dataset = _dataset(data)
    filters = _filters(**locals())
    search_profiles(dataset, query, filters, limit, "json" if as_json else fmt, pager, csv_safe)


@app.command("compare", cls=HelpCommand, short_help="Compare profiles side by side.")
@handles_errors
def compare_command(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...",
            help="Two to twelve names.",
            show_default=False,
            autocompletion=_complete_name,
        ),
    ],
    as_of: AsOfOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    data: DataOption = None,
    pager: PagerOption = True,
    csv_safe: CsvSafeOption = False,
) -> None:
    """Compare two or more profiles side by side.

    \b
    Examples:
      cyberprofiles compare serbia "north macedonia" bih
      cyberprofiles compare japan "south korea" --json | jq '.shared'
      cyberprofiles compare brazil "el salvador" --format csv
      cyberprofiles compare estonia latvia lithuania --as-of 2010

    Rows where the profiles differ are marked; memberships all of them hold as full members,
    and partners all of them share, are marked too.
    """
    from .compare import compare
    from .results import ComparisonResult

    dataset = _dataset(data, as_of)
    comparison = compare(dataset, names)
    _emit(ComparisonResult(comparison, dataset.names()), fmt, as_json, pager, csv_safe)


NetworkFormat = Literal[Format, "dot", "mermaid"]


@app.command("partners", cls=HelpCommand, short_help="Who cooperates with whom.")
@handles_errors
def partners_command(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="A profile; leave out for the whole network.",
            show_default=False,
            autocompletion=_complete_name,
        ),
    ] = None,
    fmt: Annotated[
        NetworkFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table, json, ndjson, csv, markdown, or dot / mermaid for drawing.",
        ),
    ] = "table",
    as_json: JsonOption = False,
    data: DataOption = None,
    pager: PagerOption = True,
    csv_safe: CsvSafeOption = False,
) -> None:
    """Who cooperates with whom: one profile's ties, or the whole network.

    \b
    Examples:
      cyberprofiles partners serbia
      cyberprofiles partners nato --format csv
      cyberprofiles partners --format dot | dot -Tsvg > network.svg
      cyberprofiles partners --format mermaid > network.mmd

    Each tie appears once, whichever side recorded it, seen from NAME: the relation says what
    NAME is to the partner (member, candidate, partner...; given, received or mutual).
    """
    from .network import network, partners, to_dot, to_mermaid
    from .output import emit_text
    from .results import Edges

    dataset = _dataset(data)
    focus = dataset.resolve(name).id if name else None
    edges = partners(dataset, focus) if focus else network(dataset)
    if not as_json and (fmt == "dot" or fmt == "mermaid"):
        draw = to_dot if fmt == "dot" else to_mermaid
        emit_text(draw(edges, dataset.names()))
        return
    _emit(Edges(edges, dataset.names(), focus), fmt, as_json, pager, csv_safe)


GroupBy = Literal["region", "kind"]


@app.command("timeline", cls=HelpCommand, short_help="Strategy adoptions per year.")
@handles_errors
def timeline_command(
    by: Annotated[
        GroupBy | None,
        typer.Option(metavar="GROUP", help="Count per region or per kind.", show_default=False),
    ] = None,
    first: Annotated[
        bool, typer.Option("--first", help="Count only each actor's first strategy.")
    ] = False,
    strategy_year: StrategyYear = None,
    strategy_since: StrategySince = None,
    strategy_until: StrategyUntil = None,
    no_strategy: NoStrategy = False,
    cert: CertFlag = None,
    cert_status: CertStatusOption = None,
    partner: PartnerOption = None,
    member: MemberOption = None,
    member_status: MemberStatusOption = None,
    region: RegionOption = None,
    kind: KindOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    data: DataOption = None,
    pager: PagerOption = True,
    csv_safe: CsvSafeOption = False,
) -> None:
    """National strategy adoptions per year, as a chart or as data.

    \b
    Examples:
      cyberprofiles timeline
      cyberprofiles timeline --first --by region
      cyberprofiles timeline --region europe --strategy-since 2015 --format csv

    Each bar counts the actors that adopted a national strategy that year (laws do not count);
    years without one are shown as zero. --strategy-since/--until/--year choose the years.
    """
    from .query import filter_profiles
    from .results import Timeline
    from .stats import timeline

    dataset = _dataset(data)
    options = dict(locals())
    for key in ("strategy_year", "strategy_since", "strategy_until"):
        options.pop(key)
    profiles = filter_profiles(dataset, _filters(**options))
    since = strategy_year if strategy_year is not None else strategy_since
    until = strategy_year if strategy_year is not None else strategy_until
    bars = timeline(profiles, by=by, first_only=first, since=since, until=until)
    _emit(Timeline(bars, dataset.names(), by), fmt, as_json, pager, csv_safe)


@app.command("stats", cls=HelpCommand, short_help="The dataset at a glance, and what it knows.")
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
    as_of: AsOfOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    data: DataOption = None,
    pager: PagerOption = True,
    csv_safe: CsvSafeOption = False,
) -> None:
    """The dataset at a glance: counts, strategy and CERT shares, hubs, sources, coverage.

    \b
    Examples:
      cyberprofiles stats
      cyberprofiles stats --coverage --kind state
      cyberprofiles stats --json | jq '.coverage'
      cyberprofiles stats --as-of 2015

    JSON gives every figure, coverage included; CSV and Markdown give one figure per row.
    """
    from .commands import stats

    dataset = _dataset(data, as_of)
    stats(dataset, _filters(kind=kind), coverage, "json" if as_json else fmt, pager, csv_safe)


@app.command("validate", cls=HelpCommand, short_help="Check profile files for every problem.")
@handles_errors
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Files or folders to check (default: the packaged data).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
) -> None:
    """Check profile files and report every problem, not only the first.

    \b
    Examples:
      cyberprofiles validate
      cyberprofiles validate my-profiles/
      cyberprofiles validate draft.toml --format json

    Checks TOML syntax, the schema (unknown keys, types, years, sources), file names, duplicate
    ids, names and ISO codes that clash with other profiles, references to profiles that do not
    exist, and what a file that replaces a packaged profile breaks elsewhere. Exit code 0 when
    clean, 1 when problems were found.
    """
    from .results import Problems
    from .validation import validate

    problems, checked = validate(paths or [])
    _emit(Problems(problems), fmt, as_json, pager=False)
    files = f"{checked} file{'s' if checked != 1 else ''}"
    verdict = (
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''}" if problems else "no problems"
    )
    note(f"{verdict} in {files}")
    if problems:
        raise typer.Exit(int(ExitCode.NOT_FOUND))


@app.command("schema", cls=HelpCommand, short_help="Print the JSON Schema of a profile file.")
@handles_errors
def schema_command() -> None:
    """Print the JSON Schema of a profile file, for editors and other validators.

    \b
    Examples:
      cyberprofiles schema > profile.schema.json
      # then start a TOML file with:  #:schema ./profile.schema.json
    """
    from .output import emit_text
    from .schema import profile_schema

    emit_text(profile_schema())


@app.command("new", cls=HelpCommand, short_help="Write a template profile to start from.")
@handles_errors
def new_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Name of the state or organisation.")],
    kind: Annotated[
        Kind,
        typer.Option(
            metavar="KIND",
            help="What the profile describes: " + ", ".join(choices(Kind)) + ".",
        ),
    ] = "state",
    directory: Annotated[
        Path,
        typer.Option(
            "--dir", metavar="FOLDER", help="Folder to write the file in (made if need be)."
        ),
    ] = Path("."),
) -> None:
    """Write a commented template profile to start from (never overwrites a file).

    \b
    Examples:
      cyberprofiles new "Atlantis" --dir ~/my-profiles
      cyberprofiles new "Pacific Cyber Forum" --kind organisation --dir my-profiles
      cyberprofiles validate ~/my-profiles/atlantis.toml
      CYBERPROFILES_DATA=~/my-profiles cyberprofiles show atlantis

    Also writes profile.schema.json beside it (if missing), which the template's first line
    points editors to.
    """
    from .output import emit_text
    from .template import write_template

    path, notes = write_template(name, kind, directory.expanduser())
    emit_text(f"{path}\n")
    for message in notes:
        note(message)


@app.command("panel", cls=HelpCommand, short_help="A country-year panel for analysis.")
@handles_errors
def panel_command(
    start: Annotated[int, typer.Option("--from", metavar="YEAR", min=1945, max=2100)] = 1990,
    end: Annotated[int, typer.Option("--to", metavar="YEAR", min=1945, max=2100)] = 2026,
    organisations: Annotated[
        list[str] | None,
        typer.Option(
            "--member",
            metavar="NAME",
            help="An organisation to report membership of (repeatable; default: the UN, EU, "
            "NATO, OSCE, Council of Europe, AU, OAS, ASEAN).",
            show_default=False,
        ),
    ] = None,
    kind: KindOption = "state",
    region: RegionOption = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="csv (the default), json, ndjson, markdown, table.",
        ),
    ] = "csv",
    as_json: JsonOption = False,
    data: DataOption = None,
    pager: PagerOption = True,
    csv_safe: CsvSafeOption = False,
) -> None:
    """A country-year panel for analysis: one row per actor and year.

    \b
    Examples:
      cyberprofiles panel --from 1990 --to 2026 > panel.csv
      cyberprofiles panel --from 2000 --member nato --member "european union" --region europe
      cyberprofiles panel --format json | jq '.[] | select(.year == 2015)'

    Each row holds the values at the end of its year, worked out from the dates in the data:
    1/0 flags, counts, statuses; a value the dates do not settle is empty (CSV) or null (JSON),
    never 0. The codebook is in the README (and docs/PANEL.md).
    """
    from .panel import DEFAULT_ORGANISATIONS, columns, rows
    from .query import filter_profiles
    from .results import Panel

    if start > end:
        raise UsageError(f"--from {start} is after --to {end}")
    dataset = _dataset(data)
    chosen = [dataset.resolve(o).id for o in organisations or ()] or list(DEFAULT_ORGANISATIONS)
    profiles = filter_profiles(dataset, _filters(kind=kind, region=region))
    table = list(rows(dataset, profiles, start, end, chosen))
    _emit(Panel(table, columns(chosen)), fmt, as_json, pager, csv_safe)
    note(f"{len(table)} rows: {len(profiles)} profiles, {end - start + 1} years")


MapFormat = Literal[Format, "svg", "html"]


@app.command("map", cls=HelpCommand, short_help="A world map of a field, as SVG or HTML.")
@handles_errors
def map_command(
    field: Annotated[
        MapField,
        typer.Argument(
            metavar="FIELD",
            help="What colours the map: " + ", ".join(choices(MapField)) + ".",
            show_default=False,
        ),
    ],
    organisation: Annotated[
        str | None,
        typer.Option(
            "--organisation",
            "-o",
            metavar="NAME",
            help="With 'member': the organisation whose membership is shown.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            metavar="FILE",
            help="Write the map to FILE: .svg for a picture, .html for a page to open in a "
            "browser (hover and click).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    strategy_year: StrategyYear = None,
    strategy_since: StrategySince = None,
    strategy_until: StrategyUntil = None,
    no_strategy: NoStrategy = False,
    cert: CertFlag = None,
    cert_status: CertStatusOption = None,
    partner: PartnerOption = None,
    member: MemberOption = None,
    member_status: MemberStatusOption = None,
    region: RegionOption = None,
    fmt: Annotated[
        MapFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="html or svg (the map), or the values: table, json, ndjson, csv, markdown.",
        ),
    ] = "table",
    as_json: JsonOption = False,
    data: DataOption = None,
    pager: PagerOption = True,
    csv_safe: CsvSafeOption = False,
) -> None:
    """A world map of a field: strategies, CERTs, agencies, treaties, memberships, a filter.

    \b
    Examples:
      cyberprofiles map first-strategy --output strategies.html
      cyberprofiles map cert --as-of 2010 --output certs-2010.svg
      cyberprofiles map member -o nato --output nato.html
      cyberprofiles map filter --cert --strategy-since 2020 --format svg > recent.svg
      cyberprofiles map budapest --json

    Drawn entirely offline from shapes shipped with the package (Natural Earth, public domain).
    The filters of list choose the profiles for 'filter'; the others show every state.
    """
    from .query import filter_profiles
    from .results import WorldMap
    from .worldmap import map_data, page, svg

    dataset = _dataset(data)  # map_data reads the dates itself, for the year asked
    if as_of is not None and field == "filter":
        dataset = dataset.as_of(as_of)  # the filters then describe that year
    everyone = filter_profiles(dataset, _filters(kind="state"))
    everyone += filter_profiles(dataset, _filters(kind="observer-state"))
    everyone += filter_profiles(dataset, _filters(kind="partially-recognised-state"))
    matched = None
    if field == "filter":
        options = dict(locals())
        options.pop("organisation", None)
        matched = {p.id for p in filter_profiles(dataset, _filters(**options))}
    if field == "member" and organisation is None:
        raise UsageError("a map of membership needs --organisation NAME, e.g. -o nato")
    org = dataset.resolve(organisation).id if organisation else None
    result = map_data(dataset, everyone, field, year=as_of, organisation=org, matched=matched)
    kind = fmt
    if output is not None:
        kind = "html" if output.lower().endswith((".html", ".htm")) else "svg"
        if not output.lower().endswith((".svg", ".html", ".htm")):
            raise UsageError(f"--output {output}: the name must end in .svg or .html")
    if kind in ("svg", "html") and not as_json:
        text = svg(result) if kind == "svg" else page(result)
        if output is None:
            from .output import emit_text

            emit_text(text)
        else:
            _write_file(Path(output), text)
            note(f"wrote {output}: {result.title}, {len(result.values)} places")
        return
    _emit(WorldMap(result), kind, as_json, pager, csv_safe)


def _write_file(path: Path, text: str) -> None:
    from .errors import WriteError

    try:
        path.expanduser().write_text(text, encoding="utf-8")
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None


@app.command("export", cls=HelpCommand, short_help="Export for SQLite, Datasette, Frictionless.")
@handles_errors
def export_command(
    target: Annotated[
        Literal["sqlite", "datapackage"],
        typer.Argument(
            metavar="FORMAT", help="sqlite: one database file; datapackage: CSV tables + JSON."
        ),
    ],
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="The file (sqlite) or folder (datapackage).")
    ],
    data: DataOption = None,
) -> None:
    """Export the dataset for SQLite, Datasette, pandas and the Frictionless tools.

    \b
    Examples:
      cyberprofiles export sqlite cyberprofiles.db && datasette cyberprofiles.db
      sqlite-utils tables cyberprofiles.db --counts
      cyberprofiles export datapackage package
      frictionless validate package/datapackage.json

    Both hold the same normalised tables (profiles, documents, document_areas, certs, agencies,
    memberships, treaties, cooperation, positions, indices, absences, aliases, sources,
    other_facts), keyed and linked, and the dataset's version and date. The database adds
    full-text indexes (profiles_fts, documents_fts, ...) that Datasette searches.
    """
    from .export import to_datapackage, to_sqlite
    from .output import emit_text

    dataset = _dataset(data)
    where = path.expanduser()
    counts = to_sqlite(dataset, where) if target == "sqlite" else to_datapackage(dataset, where)
    emit_text(f"{where}\n")
    total = sum(counts.values())
    note(f"wrote {where}: {counts['profiles']} profiles, {total} rows in {len(counts)} tables")


@app.command("changes", cls=HelpCommand, short_help="What each dataset version changed.")
@handles_errors
def changes_command(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="VERSION|DATE",
            help="Only what came after this dataset version (2026.11.29), package version "
            "(0.1.0) or date (2026-11-29).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    pager: PagerOption = True,
) -> None:
    """What each version of the dataset added and corrected, newest first.

    \b
    Examples:
      cyberprofiles changes
      cyberprofiles changes --since 2026.11.29
      cyberprofiles changes --since 2026-11-30 --format markdown
    """
    from .releases import history
    from .releases import since as releases_since
    from .results import Changes

    try:
        found = history() if since is None else releases_since(since)
    except ValueError as error:
        raise UsageError(str(error)) from None
    _emit(Changes(found), fmt, as_json, pager)


def _version(value: bool) -> None:
    if not value:
        return
    from .output import emit_text
    from .releases import current

    release = current()
    try:
        dataset = _dataset(None)
        newest = max(p.reviewed for p in dataset).isoformat()
        detail = f"{len(dataset)} profiles, last reviewed {newest}"
    except CyberprofilesError:
        detail = "could not be loaded (run 'cyberprofiles validate')"
    emit_text(
        f"cyberprofiles {__version__}\ndataset {release.version} ({release.date}): {detail}\n"
    )
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
    """Look up, filter, search and compare national cyber-policy profiles, offline."""


def _only_the_command_run(args: Sequence[str]) -> list[Any]:
    """Register only the subcommand ``args`` start with, and return the full list to restore.

    Typer turns the signature of every registered command into Click parameters on each run;
    building just the one being run saves that work for the others. Anything else (top-level
    options, a mistyped command, shell completion) keeps every command.
    """
    everything = list(app.registered_commands)
    completing = any(k.endswith("_COMPLETE") for k in os.environ)
    if args and not args[0].startswith("-") and not completing:
        chosen = [c for c in everything if c.name == args[0]]
        if chosen:
            app.registered_commands = chosen
    return everything


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: the process's arguments); return the exit code.
    No traceback reaches the user: a bug says "internal error" (set CYBERPROFILES_DEBUG=1 to
    see the traceback behind it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    everything = _only_the_command_run(args)

    def run_app() -> int:
        """The app's exit code; Typer's and Click's own ways of ending turned into codes."""
        try:
            code = app(args=args, standalone_mode=False, prog_name="cyberprofiles")
        except typer.Exit as done:
            return done.exit_code
        except ClickException as error:
            shown = io.StringIO()
            error.show(file=shown)
            note(shown.getvalue().rstrip("\n"))
            return error.exit_code
        except (typer.Abort, KeyboardInterrupt):
            sys.stderr.write("cyberprofiles: interrupted\n")
            return int(ExitCode.INTERRUPTED)
        return code if isinstance(code, int) else 0

    try:
        return conclude(run_app)
    finally:
        app.registered_commands = everything
