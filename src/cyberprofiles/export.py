"""Exports for the tools analysts use: an SQLite database (for sqlite-utils, Datasette, any SQL
client) and a Frictionless data package (CSV tables and ``datapackage.json``), both written from
the same normalised tables (``tables``) and both carrying the dataset's version and date.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, releases
from .errors import WriteError
from .tables import TABLES, rows

if TYPE_CHECKING:
    from .dataset import Dataset

_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "date": "TEXT"}
#: Tables that get a full-text index (Datasette offers a search box on them), and the columns.
FULL_TEXT = {
    "profiles": ("name", "official_name", "summary"),
    "documents": ("title", "summary", "note"),
    "cooperation": ("title", "summary", "partner_detail", "note"),
    "positions": ("title", "summary", "note"),
}
LICENCE = {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}


def metadata() -> dict[str, str]:
    """What every export says of itself."""
    release = releases.current()
    return {
        "dataset_version": release.version,
        "dataset_date": release.date,
        "package_version": __version__,
        "licence": LICENCE["name"],
        "citation": releases.citation(),
    }


def _collect(dataset: Dataset) -> dict[str, list[dict[str, Any]]]:
    collected: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for table, values in rows(dataset):
        collected[table].append(values)
    return collected


def to_sqlite(dataset: Dataset, path: Path) -> dict[str, int]:
    """Write the tables to a new SQLite file at ``path`` (replacing one that is there); return
    the number of rows per table."""
    data = _collect(dataset)
    temporary = path.with_name(path.name + ".partial")
    try:
        temporary.unlink(missing_ok=True)
        db = sqlite3.connect(temporary)
    except (OSError, sqlite3.Error) as exc:
        raise WriteError(f"cannot write {path}: {exc}") from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        for name, (columns, foreign) in TABLES.items():
            parts = []
            for n, (column, kind, _) in enumerate(columns):
                key = " PRIMARY KEY" if n == 0 else ""
                parts.append(f"[{column}] {_SQL_TYPES[kind]}{key}")
            for column, (table, target) in foreign.items():
                parts.append(f"FOREIGN KEY([{column}]) REFERENCES [{table}]([{target}])")
            db.execute(f"CREATE TABLE [{name}] ({', '.join(parts)})")
        for name, (columns, _) in TABLES.items():
            names = [c for c, _, _ in columns]
            marks = ", ".join("?" * len(names))
            db.executemany(
                f"INSERT INTO [{name}] ({', '.join(f'[{n}]' for n in names)}) VALUES ({marks})",
                [[row.get(n) for n in names] for row in data[name]],
            )
        for name, (_, foreign) in TABLES.items():
            for column in foreign:
                db.execute(f"CREATE INDEX [idx_{name}_{column}] ON [{name}]([{column}])")
        for name, searched in FULL_TEXT.items():
            listed = ", ".join(f"[{c}]" for c in searched)
            db.execute(f"CREATE VIRTUAL TABLE [{name}_fts] USING FTS5 ({listed}, content=[{name}])")
            db.execute(
                f"INSERT INTO [{name}_fts] (rowid, {listed}) SELECT rowid, {listed} FROM [{name}]"
            )
        db.execute("CREATE TABLE [metadata] ([key] TEXT PRIMARY KEY, [value] TEXT)")
        db.executemany("INSERT INTO [metadata] VALUES (?, ?)", list(metadata().items()))
        db.commit()
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise WriteError(f"the export would hold {len(broken)} broken references; a bug")
    except sqlite3.Error as exc:
        raise WriteError(f"cannot write {path}: {exc}") from None
    finally:
        db.close()
    try:
        temporary.replace(path)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    return {name: len(values) for name, values in data.items()}


def to_datapackage(dataset: Dataset, folder: Path) -> dict[str, int]:
    """Write one CSV per table and ``datapackage.json`` (a Frictionless tabular data package)
    into ``folder``; return the number of rows per table."""
    data = _collect(dataset)
    meta = metadata()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        resources = []
        for name, (fields, foreign) in TABLES.items():
            names = [c for c, _, _ in fields]
            with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(names)
                for values in data[name]:
                    writer.writerow(["" if values.get(n) is None else values[n] for n in names])
            schema: dict[str, Any] = {
                "fields": [
                    {"name": c, "type": kind, "description": meaning} for c, kind, meaning in fields
                ],
                "primaryKey": [names[0]],
                "missingValues": [""],
            }
            if foreign:
                schema["foreignKeys"] = [
                    {"fields": [column], "reference": {"resource": table, "fields": [target]}}
                    for column, (table, target) in foreign.items()
                ]
            resources.append(
                {
                    "name": name,
                    "path": f"{name}.csv",
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": schema,
                }
            )
        package = {
            "profile": "tabular-data-package",
            "name": "cyberprofiles",
            "title": "cyberprofiles: national cyber-policy profiles",
            "description": "States' and organisations' cybersecurity strategies, laws, CERTs, "
            "lead agencies, memberships, cooperation and positions, each fact with its source.",
            "version": meta["dataset_version"],
            "created": meta["dataset_date"] + "T00:00:00Z",
            "licenses": [LICENCE],
            "sources": [
                {"title": "cyberprofiles: every fact cites its own source (a 'source' column)"},
                {
                    "title": "Kostyuk, National Cybersecurity Strategy Data v1.0",
                    "path": "https://github.com/nadiyakostyuk/National-Cybersecurity-Strategy-Data",
                },
            ],
            "citation": meta["citation"],
            "resources": resources,
        }
        (folder / "datapackage.json").write_text(
            json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    except OSError as exc:
        raise WriteError(f"cannot write into {folder}: {exc.strerror or exc}") from None
    return {name: len(values) for name, values in data.items()}
