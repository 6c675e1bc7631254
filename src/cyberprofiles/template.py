"""The commented starting point that ``cyberprofiles new`` writes for a new profile."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from .errors import UsageError, WriteError
from .names import normalise
from .vocabulary import BodyStatus, CooperationKind, DocumentKind, DocumentStatus, choices

SCHEMA_FILE = "profile.schema.json"


def slug(name: str) -> str:
    """The id a profile named ``name`` would get: ``"Côte d'Ivoire"`` -> ``cote-d-ivoire``."""
    return normalise(name).replace(" ", "-")


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def profile_template(name: str, kind: str = "state", today: datetime.date | None = None) -> str:
    """A TOML profile for ``name`` with every section shown and explained in comments.

    The file is valid as written (``cyberprofiles validate`` passes it); the comments show what
    to fill in, and each fact added needs its source.
    """
    reviewed = (today or datetime.date.today()).isoformat()
    pid = slug(name)
    codes = ""
    if kind != "organisation":
        codes = (
            '# iso2 = "XX"              # ISO 3166-1 alpha-2, where the place has one\n'
            '# iso3 = "XXX"             # ISO 3166-1 alpha-3\n'
        )
    return f"""#:schema ./{SCHEMA_FILE}
# A cyberprofiles profile (format: docs/DATA.md in the project).
# Check it with: cyberprofiles validate {pid}.toml
# Every fact needs a source URL. Leave out what you do not know; never guess.
id = "{pid}"
name = {toml_string(name)}
official_name = ""
kind = "{kind}"
{codes}aliases = []
# region = "Europe"         # UN M49: Africa, Americas, Asia, Europe, Oceania
# subregion = "Southern Europe"
summary = \"\"\"In your own words: strategy, CERT, notable laws and cooperation.\"\"\"
sources = []              # URLs for the identity facts and the summary
reviewed = {reviewed}

# [[memberships]]
# organisation = "osce"   # id of the organisation's profile
# status = "member"       # member | candidate | partner | observer | ...
# year = 1992
# source = "https://..."

# [[documents]]
# title = "National Cybersecurity Strategy"
# kind = "strategy"       # {" | ".join(choices(DocumentKind))}
# area = []               # laws: cybercrime | cybersecurity | data-protection | ...
# year = 2020
# status = "in-force"     # {" | ".join(choices(DocumentStatus))}
# source = "https://..."

# [agency]
# status = "established"  # {" | ".join(choices(BodyStatus))}
# name = ""
# source = "https://..."

[cert]
status = "unknown"        # {" | ".join(choices(BodyStatus))}
# name = ""
# acronym = ""
# host = ""
# year = 2010
# source = "https://..."

# [[cooperation]]
# partner = "nato"        # id of the partner's profile
# kind = "mou"            # {" | ".join(choices(CooperationKind)[:6])} | ...
# year = 2021
# summary = "In your own words."
# source = "https://..."
"""


def write_template(name: str, kind: str, folder: Path) -> tuple[Path, list[str]]:
    """Write the template for ``name`` into ``folder`` (made if need be), never overwriting a
    file; also the JSON Schema its first line refers to, if missing. Returns the file written
    and notes for the user."""
    if "\ufffd" in name or any(0xD800 <= ord(c) <= 0xDFFF for c in name):
        raise UsageError(
            "the name is not valid text in your locale's encoding; type it again, e.g. in UTF-8"
        )
    if not slug(name):
        raise UsageError(f"{name!r} has no letters or digits to make an id from; give a real name")
    if any(c in name for c in "\n\r\t") or not name.isprintable():
        raise UsageError("a name must be one line of printable text")
    text = profile_template(name, kind)
    path = folder / f"{slug(name)}.toml"
    notes = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise WriteError(f"{path} already exists; choose another name or --dir") from None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    schema = folder / SCHEMA_FILE
    if not schema.exists():
        from .schema import profile_schema  # imports Pydantic: only when the file is missing

        try:
            schema.write_text(profile_schema(), encoding="utf-8")
            notes.append(f"wrote {schema}, for editors that check TOML against a schema")
        except OSError:
            pass
    notes.append(f"wrote {path}; fill it in, then run: cyberprofiles validate {path}")
    return path, notes
