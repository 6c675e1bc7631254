"""The commented starting point that ``cyberprofiles new`` writes for a new profile."""

from __future__ import annotations

import datetime

from .names import normalise


def slug(name: str) -> str:
    """The id a profile named ``name`` would get: ``"Côte d'Ivoire"`` -> ``cote-d-ivoire``."""
    return normalise(name).replace(" ", "-")


def profile_template(name: str, kind: str = "state", today: datetime.date | None = None) -> str:
    """A TOML profile for ``name`` with every section shown and explained in comments.

    The required keys are present; those a user must fill in are empty, so that ``cyberprofiles
    validate`` points at each of them until they are.
    """
    reviewed = (today or datetime.date.today()).isoformat()
    codes = 'iso2 = ""                 # ISO 3166-1 alpha-2, e.g. "RS"\n'
    codes += 'iso3 = ""                 # ISO 3166-1 alpha-3, e.g. "SRB"\n'
    if kind != "state":
        codes = ""
    name_toml = _quote(name)
    return f"""#:schema ./profile.schema.json
# A cyberprofiles profile (format: docs/DATA.md).
# Check it with: cyberprofiles validate {slug(name)}.toml
# Every fact needs a source URL. Leave out what you do not know; never guess.
id = "{slug(name)}"
name = {name_toml}
official_name = ""
kind = "{kind}"
{codes}aliases = []
region = ""               # UN M49: Africa, Americas, Asia, Europe, Oceania
subregion = ""
summary = \"\"\"In your own words: strategy, CERT, notable laws and cooperation.\"\"\"
sources = []              # URLs for the identity facts and the summary
reviewed = {reviewed}

# [[memberships]]
# organisation = "osce"   # id of the organisation's profile
# status = "member"       # member | candidate | partner | observer | suspended | former
# year = 1992
# source = "https://..."

# [[documents]]
# title = "National Cybersecurity Strategy"
# kind = "strategy"       # strategy | law | policy | plan | directive | regulation | decree | ...
# year = 2020
# valid_from = 2020
# valid_until = 2025
# status = "in-force"     # in-force | superseded | expired | repealed | in-preparation | ...
# source = "https://..."

[cert]
status = "unknown"        # established | planned | none | unknown
# name = ""
# acronym = ""
# host = ""
# year = 2010
# source = "https://..."

# [[cooperation]]
# partner = "nato"        # id of the partner's profile
# kind = "mou"            # mou | agreement | joint-exercise | capacity-building | donation | ...
# year = 2021
# summary = "In your own words."
# source = "https://..."
"""


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
