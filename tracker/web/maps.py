"""SVG paths for the US map, drawn on the server from the vendored us-atlas TopoJSON.

us-atlas 3.0.1 (ISC licence; Census cartographic boundary files, 2017 edition) ships states and counties
already projected with AlbersUsa (about 975×610 units), so drawing is delta-decoding each arc, applying the
transform and joining the arcs of each ring. Ids are Census GEOIDs: 2 digits for a state, 5 for a county.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

ATLAS_DIR = Path(settings.BASE_DIR) / "static" / "vendor" / "us-atlas"

Point = tuple[float, float]


def _decoded_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _path(arcs: list[list[Point]], geometry: dict[str, Any]) -> str:
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = _ring(arcs, ring)
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


@cache
def _shapes(file_name: str, layer: str) -> tuple[tuple[str, str, str], ...]:
    topology = json.loads((ATLAS_DIR / file_name).read_text())
    arcs = _decoded_arcs(topology)
    return tuple(
        (g["id"], g.get("properties", {}).get("name", ""), _path(arcs, g))
        for g in topology["objects"][layer]["geometries"]
        if g.get("type") in ("Polygon", "MultiPolygon")
    )


@cache
def viewbox() -> str:
    """The SVG viewBox that holds every shape (the files' own bounding box, rounded out)."""
    x0, y0, x1, y1 = json.loads((ATLAS_DIR / "states-albers-10m.json").read_text())["bbox"]
    return f"{int(x0) - 1} {int(y0) - 1} {int(x1 - x0) + 3} {int(y1 - y0) + 3}"


def state_shapes() -> tuple[tuple[str, str, str], ...]:
    """(state GEOID, name, SVG path) for the 50 states and DC."""
    return _shapes("states-albers-10m.json", "states")


def county_shapes(state_geoid: str) -> tuple[tuple[str, str, str], ...]:
    """(county GEOID, name, SVG path) for the counties of one state."""
    return tuple(shape for shape in _shapes("counties-albers-10m.json", "counties") if shape[0][:2] == state_geoid)


def fit_viewbox(paths: list[str], margin: float = 4.0) -> str:
    """The viewBox that frames these paths (a state's counties), or the national one when there are none."""
    xs: list[float] = []
    ys: list[float] = []
    for path in paths:
        for pair in path.replace("M", " ").replace("L", " ").replace("Z", " ").split():
            x, _, y = pair.partition(",")
            xs.append(float(x))
            ys.append(float(y))
    if not xs:
        return viewbox()
    x0, y0 = min(xs) - margin, min(ys) - margin
    return f"{x0:.0f} {y0:.0f} {max(xs) - x0 + margin:.0f} {max(ys) - y0 + margin:.0f}"
