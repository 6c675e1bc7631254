"""Generate the world map geometry that `cyberprofiles map` draws: src/cyberprofiles/worldmap.json.

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    pip install pycountry
    python scripts/make_worldmap.py package/countries-50m.json

The country shapes are Natural Earth's 1:50m admin-0 countries (public domain) as packaged in
TopoJSON by world-atlas (ISC licence, (c) Michael Bostock). This script decodes the TopoJSON,
projects it with the Equal Earth projection, drops points that would fall within a quarter of a
pixel of the previous one, and writes one SVG path per country, keyed by its ISO 3166-1 alpha-3
code (or its name where Natural Earth gives no code, as for Kosovo). The generated file is
committed, so that building and running the package needs neither npm nor pycountry, and no
network ever.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "cyberprofiles" / "worldmap.json"
WIDTH = 1000.0
#: Places too small for the 1:50m shapes, drawn as a dot: (longitude, latitude) of the capital.
MISSING = {
    "VAT": (12.453, 41.903),  # Vatican City
    "MCO": (7.420, 43.738),  # Monaco
    "NRU": (166.931, -0.547),  # Yaren, Nauru
    "TUV": (179.194, -8.521),  # Funafuti, Tuvalu
}
#: A shape smaller than this many units across also gets a dot, so that it can be seen and
#: pointed at.
SMALL = 4.0
#: Equal Earth constants (Šavrič, Patterson and Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(max(-90.0, min(90.0, lat)))
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring's points, with longitudes made continuous where it crosses the antimeridian
    (-179 after 179 becomes 181): the part beyond the edge is clipped when drawn, instead of
    a line drawn across the whole map."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    shift = 0.0
    out = [points[0]] if points else []
    for (lon0, _), (lon, lat) in itertools.pairwise(points):
        if lon - lon0 > 180:
            shift -= 360
        elif lon0 - lon > 180:
            shift += 360
        out.append((lon + shift, lat))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
    args = parser.parse_args()

    import pycountry

    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    xmax = equal_earth(180, 0)[0]
    ymax = equal_earth(0, 90)[1]
    scale = WIDTH / (2 * xmax)
    height = round(2 * ymax * scale, 1)

    def project(lon: float, lat: float) -> tuple[float, float]:
        x, y = equal_earth(lon, lat)
        return (x + xmax) * scale, (ymax - y) * scale

    countries: dict[str, str] = {}
    markers: dict[str, list[float]] = {}
    boxes: dict[str, list[float]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        name = geometry["properties"]["name"]
        found = pycountry.countries.get(numeric=code) if code else None
        key = found.alpha_3 if found else f"name:{name}"
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        parts = []
        xs: list[float] = []
        ys: list[float] = []
        for polygon in polygons:
            for indexes in polygon:
                points = [project(lon, lat) for lon, lat in ring(indexes, arcs)]
                kept = [points[0]]
                for x, y in points[1:]:
                    if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= 0.25:
                        kept.append((x, y))
                xs += [x for x, _ in points]
                ys += [y for _, y in points]
                if len(kept) < 3:
                    continue
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
        if parts:
            countries[key] = countries.get(key, "") + "".join(parts)
        if xs:
            box = boxes.setdefault(key, [min(xs), min(ys), max(xs), max(ys)])
            box[:] = [min(box[0], *xs), min(box[1], *ys), max(box[2], *xs), max(box[3], *ys)]
    for key, (x0, y0, x1, y1) in boxes.items():
        if max(x1 - x0, y1 - y0) < SMALL:
            markers[key] = [round((x0 + x1) / 2, 1), round((y0 + y1) / 2, 1)]
    for key, (lon, lat) in MISSING.items():
        markers[key] = [round(v, 1) for v in project(lon, lat)]

    OUT.write_text(
        json.dumps(
            {
                "source": "Natural Earth 1:50m admin-0 countries (public domain), via world-atlas "
                "2.0.2 (ISC licence, (c) 2013-2019 Michael Bostock); Equal Earth projection",
                "width": WIDTH,
                "height": height,
                "countries": dict(sorted(countries.items())),
                "markers": dict(sorted(markers.items())),
            },
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{OUT}: {len(countries)} shapes, {OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
