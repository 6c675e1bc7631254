"""World maps of a field of the data, as SVG and as a self-contained HTML page.

The shapes ship with the package (``worldmap.json``, made by ``scripts/make_worldmap.py`` from
Natural Earth's public-domain 1:50m countries as packaged by world-atlas, ISC licence): nothing is
fetched, ever. Places too small to see get a dot. The HTML page embeds everything it shows (the
map, its styles, a few lines of script and each profile's summary) and forbids itself any
request (a Content-Security-Policy of ``default-src 'none'``); hovering shows a country and its
value, clicking shows its profile's summary.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import history

if TYPE_CHECKING:
    from .dataset import Dataset
    from .profile import Profile

GEOMETRY = Path(__file__).resolve().parent / "worldmap.json"

#: Colour of a place with no profile, and of an unknown value.
NO_PROFILE, UNKNOWN = "#eeeeee", "#d9d9d9"


class Category:
    """A value on the map: its key, how the legend says it, its colour."""

    __slots__ = ("colour", "key", "label")

    def __init__(self, key: str, label: str, colour: str) -> None:
        self.key = key
        self.label = label
        self.colour = colour


class MapData:
    """The value of each profile on the map, and the legend."""

    def __init__(
        self,
        title: str,
        values: dict[str, str],
        legend: Sequence[Category],
        profiles: Sequence[Profile],
    ) -> None:
        self.title = title
        self.values = values
        self.legend = list(legend)
        self.profiles = list(profiles)
        self.by_key = {c.key: c for c in self.legend}

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "id": p.id,
                "name": p.name,
                "iso3": p.iso3,
                "value": self.values[p.id],
                "label": self.by_key[self.values[p.id]].label,
            }
            for p in self.profiles
        ]


_BINS = (
    ("2005", "2005 or before", "#08306b"),
    ("2010", "2006-2010", "#2171b5"),
    ("2015", "2011-2015", "#4292c6"),
    ("2020", "2016-2020", "#9ecae1"),
    ("later", "2021 or later", "#c6dbef"),
)
_STATUS = {
    "cert": (
        Category("established", "established", "#1a9850"),
        Category("planned", "planned", "#fee08b"),
        Category("none", "none", "#d73027"),
    ),
    "budapest": (
        Category("party", "party", "#1a9850"),
        Category("signatory", "signatory", "#fee08b"),
        Category("not-party", "not a party", "#d73027"),
    ),
    "gci": (
        Category("1", "Tier 1 (role-modelling)", "#006837"),
        Category("2", "Tier 2 (advancing)", "#31a354"),
        Category("3", "Tier 3 (establishing)", "#78c679"),
        Category("4", "Tier 4 (evolving)", "#c2e699"),
        Category("5", "Tier 5 (building)", "#ffffcc"),
    ),
    "member": (
        Category("member", "member", "#08519c"),
        Category("candidate", "candidate", "#6baed6"),
        Category("partner", "partner", "#9ecae1"),
        Category("observer", "observer", "#c6dbef"),
        Category("other", "another status", "#dadaeb"),
        Category("none", "no tie", "#fcfbfd"),
    ),
    "filter": (
        Category("yes", "matches", "#e6550d"),
        Category("no", "does not match", "#fdd0a2"),
    ),
}
_STATUS["agency"] = _STATUS["cert"]


def map_data(
    dataset: Dataset,
    profiles: Sequence[Profile],
    field: str,
    *,
    year: int | None = None,
    organisation: str | None = None,
    matched: set[str] | None = None,
) -> MapData:
    """Each profile's value of ``field`` (at the end of ``year``, when given)."""
    unknown = Category("unknown", "unknown", UNKNOWN)
    values: dict[str, str] = {}
    at = f" at the end of {year}" if year is not None else ""
    if field == "first-strategy":
        title = f"First national cybersecurity strategy{at}"
        legend = [Category(k, label, colour) for k, label, colour in _BINS]
        legend += [Category("none", "no strategy", "#fdd0a2"), unknown]
        for p in profiles:
            years = [y for y in p.strategy_years if year is None or y <= year]
            if years:
                first = years[0]
                values[p.id] = next(
                    (k for k, _, _ in _BINS if k != "later" and first <= int(k)), "later"
                )
            elif history.strategy_in_force(p.record, year if year is not None else 9999) is False:
                values[p.id] = "none"
            else:
                values[p.id] = "unknown"
    elif field in ("cert", "agency"):
        title = ("National CERT" if field == "cert" else "Lead cybersecurity agency") + at
        legend = [*_STATUS[field], unknown]
        for p in profiles:
            body = p.record[field]
            if year is not None:
                exists = history.body_exists(body, year)
                status = {True: "established", False: "none", None: "unknown"}[exists]
                if exists is False and body["status"] == "planned":
                    status = "planned"
            else:
                status = (
                    body["status"]
                    if body["status"] in ("established", "planned", "none")
                    else "unknown"
                )
            values[p.id] = status
    elif field == "budapest":
        title = f"Budapest Convention on Cybercrime{at}"
        legend = [*_STATUS["budapest"], unknown]
        for p in profiles:
            found = history.treaty_status(p.record, "budapest-convention", year or 9999)
            values[p.id] = found or "unknown"
    elif field == "gci":
        title = "ITU Global Cybersecurity Index 2024: tier"
        legend = [*_STATUS["gci"], Category("unknown", "not ranked", UNKNOWN)]
        for p in profiles:
            tiers = [i.tier for i in p.indices if i.index == "itu-gci" and i.tier]
            if year is not None:
                tiers = [
                    i.tier
                    for i in p.indices
                    if i.index == "itu-gci" and i.tier and i.edition <= year
                ]
            values[p.id] = str(tiers[-1]) if tiers else "unknown"
    elif field == "member":
        if organisation is None:
            raise ValueError("a map of memberships needs an organisation")
        title = f"Membership of {dataset[organisation].name}{at}"
        legend = [*_STATUS["member"], unknown]
        for p in profiles:
            held: str | None
            if year is not None:
                held = history.membership_status(dataset, p.id, organisation, year)
            else:
                statuses = [m[1] for m in dataset.memberships_of(p.id) if m[0] == organisation]
                held = statuses[0] if statuses else "none"
            if held is None:
                values[p.id] = "unknown"
            elif held in ("member", "candidate", "partner", "observer", "none"):
                values[p.id] = held
            else:
                values[p.id] = "other"
    elif field == "filter":
        title = "Profiles matching the filters" + at
        legend = list(_STATUS["filter"])
        chosen = matched or set()
        for p in profiles:
            values[p.id] = "yes" if p.id in chosen else "no"
    else:
        raise ValueError(f"unknown map field {field!r}")
    used = set(values.values())
    return MapData(title, values, [c for c in legend if c.key in used], profiles)


def _geometry() -> dict[str, Any]:
    with open(GEOMETRY, encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def _shape_keys(profile: Profile) -> list[str]:
    return [key for key in (profile.iso3, f"name:{profile.name}") if key]


def svg(data: MapData, *, standalone: bool = True) -> str:
    """The map as SVG: one shape (or dot) per place, a title, a legend and the sources."""
    geometry = _geometry()
    width, height = geometry["width"], geometry["height"]
    shapes = geometry["countries"]
    markers = geometry["markers"]
    legend_height = 24 + 18 * ((len(data.legend) + 2) // 3)
    total = height + 40 + legend_height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {total:g}" '
        f'width="{width:g}" height="{total:g}" font-family="sans-serif" role="img">',
        f"<title>{html.escape(data.title)}</title>",
        f'<rect width="{width:g}" height="{total:g}" fill="#ffffff"/>',
        f'<text x="10" y="24" font-size="18" fill="#222">{html.escape(data.title)}</text>',
        f'<clipPath id="edge"><rect width="{width:g}" height="{height:g}"/></clipPath>',
        '<g transform="translate(0,36)" stroke="#8c8c8c" stroke-width="0.3">',
        '<g clip-path="url(#edge)">',
    ]
    drawn: set[str] = set()
    by_key = {}
    for p in data.profiles:
        for key in _shape_keys(p):
            by_key[key] = p
    for key, path in shapes.items():
        profile = by_key.get(key)
        if profile is None:
            out.append(f'<path d="{path}" fill="{NO_PROFILE}"/>')
            continue
        category = data.by_key[data.values[profile.id]]
        drawn.add(profile.id)
        out.append(
            f'<path d="{path}" fill="{category.colour}" data-id="{html.escape(profile.id)}" '
            f'data-value="{html.escape(category.key)}"><title>'
            f"{html.escape(profile.name)}: {html.escape(category.label)}</title></path>"
        )
    for key, (x, y) in markers.items():
        profile = by_key.get(key)
        if profile is None:
            continue
        category = data.by_key[data.values[profile.id]]
        drawn.add(profile.id)
        out.append(
            f'<circle cx="{x}" cy="{y}" r="3" fill="{category.colour}" stroke="#555" '
            f'stroke-width="0.6" data-id="{html.escape(profile.id)}" '
            f'data-value="{html.escape(category.key)}"><title>{html.escape(profile.name)}: '
            f"{html.escape(category.label)}</title></circle>"
        )
    out.append("</g></g>")
    top = height + 48
    for n, category in enumerate(data.legend):
        x = 10 + (n % 3) * 330
        y = top + (n // 3) * 18
        count = sum(1 for v in data.values.values() if v == category.key)
        out.append(
            f'<rect x="{x}" y="{y}" width="14" height="12" fill="{category.colour}" '
            'stroke="#999" stroke-width="0.5"/>'
            f'<text x="{x + 20}" y="{y + 10}" font-size="12" fill="#222">'
            f"{html.escape(category.label)} ({count})</text>"
        )
    missing = [p.name for p in data.profiles if p.id not in drawn]
    note = "Data: cyberprofiles. Shapes: Natural Earth (public domain) via world-atlas."
    if missing:
        note += " Not drawn (no shape): " + ", ".join(missing) + "."
    out.append(
        f'<text x="10" y="{total - 8:g}" font-size="10" fill="#666">{html.escape(note)}</text>'
    )
    out.append("</svg>")
    text = "\n".join(out) + "\n"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text) if standalone else text


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 1em; color: #222; }}
svg {{ max-width: 100%; height: auto; }}
[data-id] {{ cursor: pointer; }}
[data-id]:hover {{ stroke: #000; stroke-width: 0.8; }}
#tip {{ position: fixed; pointer-events: none; background: #fff; border: 1px solid #999;
  padding: 2px 6px; font-size: 13px; display: none; }}
#info {{ border-top: 1px solid #ccc; margin-top: 0.5em; padding-top: 0.5em; max-width: 60em; }}
#info h2 {{ margin: 0.2em 0; font-size: 1.2em; }}
#info dt {{ font-weight: bold; }}
</style>
</head>
<body>
{svg}
<div id="tip"></div>
<div id="info"><p>Point at a country to see its value; click it to see its profile.</p></div>
<script type="application/json" id="profiles">{profiles}</script>
<script>
(function () {{
  var profiles = JSON.parse(document.getElementById("profiles").textContent);
  var tip = document.getElementById("tip");
  var info = document.getElementById("info");
  function label(el) {{
    var p = profiles[el.getAttribute("data-id")];
    return p.name + ": " + p.value;
  }}
  function field(list, name, value) {{
    if (value === null || value === "") {{ return; }}
    var dt = document.createElement("dt"); dt.textContent = name;
    var dd = document.createElement("dd"); dd.textContent = value;
    list.appendChild(dt); list.appendChild(dd);
  }}
  document.querySelectorAll("[data-id]").forEach(function (el) {{
    el.addEventListener("mousemove", function (event) {{
      tip.textContent = label(el);
      tip.style.left = (event.clientX + 12) + "px";
      tip.style.top = (event.clientY + 12) + "px";
      tip.style.display = "block";
    }});
    el.addEventListener("mouseleave", function () {{ tip.style.display = "none"; }});
    el.addEventListener("click", function () {{
      var p = profiles[el.getAttribute("data-id")];
      info.textContent = "";
      var h = document.createElement("h2"); h.textContent = p.name; info.appendChild(h);
      var list = document.createElement("dl");
      field(list, "Official name", p.official_name);
      field(list, "On this map", p.value);
      field(list, "First national strategy", p.first_strategy);
      field(list, "National CERT", p.cert);
      field(list, "Lead agency", p.agency);
      field(list, "Summary", p.summary);
      info.appendChild(list);
    }});
  }});
}})();
</script>
</body>
</html>
"""


def _summary(profile: Profile, label: str) -> dict[str, Any]:
    cert = profile.cert
    agency = profile.agency
    return {
        "name": profile.name,
        "official_name": profile.official_name,
        "value": label,
        "first_strategy": profile.first_strategy_year,
        "cert": (cert.name or cert.status) if cert.status != "not-applicable" else None,
        "agency": agency.name if agency.status == "established" else None,
        "summary": profile.summary,
    }


def page(data: MapData) -> str:
    """The map as a self-contained HTML page (see the module's notes)."""
    profiles = {p.id: _summary(p, data.by_key[data.values[p.id]].label) for p in data.profiles}
    embedded = json.dumps(profiles, ensure_ascii=False).replace("</", "<\\/")
    return _PAGE.format(
        title=html.escape(data.title), svg=svg(data, standalone=False), profiles=embedded
    )
