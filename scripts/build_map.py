"""Build the public site's world map shapes (public/data/world.json) from the
npm package world-atlas (Natural Earth's 1:110m countries as TopoJSON, public
domain; the package is ISC-licensed).

    .venv/bin/python scripts/build_map.py            # fetches world-atlas@2.0.2 with `npm pack`
    .venv/bin/python scripts/build_map.py DIR        # or reads an unpacked package in DIR

The output is committed (about 100 KB) so that neither `make run` nor a page
view needs npm or the network; run this again only to change the shapes. It
projects every country once, here, with the Natural Earth projection, and keeps
one SVG path per country keyed by its ISO 3166-1 alpha-2 code. Countries too
small for the 1:110m file (Singapore, Hong Kong, Malta...) get a point at
their centre taken from the 1:50m file, drawn as a marker on the map.
"""

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
OUTPUT = Path(__file__).resolve().parent.parent / "public" / "data" / "world.json"
WIDTH = 1000.0
SOUTHERN_LIMIT = -58.0  # Antarctica is left out: no cooperation there, and it takes a fifth of the map.


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Natural Earth projection (Šavrič et al. 2011), in radians of the unit sphere."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def decode_arcs(topology) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs as lists of (lon, lat)."""
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


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        # Consecutive arcs share their end point.
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry, arcs):
    if geometry["type"] == "Polygon":
        return [[ring_points(ring, arcs) for ring in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring_points(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
    return []


def alpha2(numeric: str | None) -> str | None:
    from django_countries import countries

    if not numeric:
        return None  # N. Cyprus, Somaliland, Kosovo: no ISO code in the file
    return countries.alpha2(int(numeric)) or None


class Projector:
    def __init__(self):
        left, _ = natural_earth(-180, 0)
        right, top = natural_earth(180, 0)[0], natural_earth(0, 90)[1]
        self.scale = WIDTH / (right - left)
        self.left, self.top = left, top
        self.height = (top - natural_earth(0, SOUTHERN_LIMIT)[1]) * self.scale

    def __call__(self, lon, lat):
        x, y = natural_earth(lon, lat)
        return round((x - self.left) * self.scale, 1), round((self.top - y) * self.scale, 1)


def unwrap(ring):
    """A ring crossing the antimeridian (Russia's Chukotka, Fiji), drawn on the
    side where most of its points lie, the rest pressed onto ±180°: drawn as
    is, it would streak across the map."""
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:], strict=False)):
        return [ring]
    if sum(1 for lon, _lat in ring if lon > 0) >= len(ring) / 2:
        return [[(min(lon + 360 if lon < 0 else lon, 180), lat) for lon, lat in ring]]
    return [[(max(lon - 360 if lon > 0 else lon, -180), lat) for lon, lat in ring]]


def path_data(rings, project) -> str:
    parts = []
    for ring in (piece for whole in rings for piece in unwrap(whole)):
        points = []
        for lon, lat in ring:
            point = project(lon, lat)
            if not points or point != points[-1]:
                points.append(point)
        if len(points) < 3:
            continue
        first, rest = points[0], points[1:]
        parts.append(f"M{first[0]:g} {first[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in rest) + "Z")
    return "".join(parts)


def centre(polygon_list):
    """The centre of the largest polygon's outer ring (its vertices' mean: enough for a marker)."""
    ring = max((polygon[0] for polygon in polygon_list), key=len)
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)


def build(package_dir: Path) -> dict:
    project = Projector()
    shapes = {}
    topology = json.loads((package_dir / "countries-110m.json").read_text())
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2(geometry.get("id"))
        if not code or code == "AQ":
            continue
        rings = [ring for polygon in polygons(geometry, arcs) for ring in polygon]
        d = path_data(rings, project)
        if d:
            shapes[code] = {"d": shapes.get(code, {}).get("d", "") + d}
    # Small countries: a point from the finer file.
    detailed = json.loads((package_dir / "countries-50m.json").read_text())
    detailed_arcs = decode_arcs(detailed)
    points = {}
    for geometry in detailed["objects"]["countries"]["geometries"]:
        code = alpha2(geometry.get("id"))
        if not code or code in shapes or code == "AQ":
            continue
        polygon_list = polygons(geometry, detailed_arcs)
        if polygon_list:
            x, y = project(*centre(polygon_list))
            points[code] = {"x": x, "y": y}
    return {
        "source": f"Natural Earth via the npm package {PACKAGE} (countries-110m, small countries from countries-50m)",
        "projection": "Natural Earth",
        "width": WIDTH,
        "height": round(project.height, 1),
        "shapes": dict(sorted(shapes.items())),
        "points": dict(sorted(points.items())),
    }


def main(argv):
    from django.conf import settings

    # django-countries holds the ISO numeric -> alpha-2 table; it reads settings.
    settings.configure()
    if len(argv) > 1:
        data = build(Path(argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
            tarball = next(Path(tmp).glob("world-atlas-*.tgz"))
            subprocess.run(["tar", "xzf", tarball.name], cwd=tmp, check=True)
            data = build(Path(tmp) / "package")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{OUTPUT}: {len(data['shapes'])} shapes, {len(data['points'])} points, {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv)
