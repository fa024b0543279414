"""The public site's pictures, drawn as SVG on the server: the world map of
cooperation and bar charts. No library, no CDN, no JavaScript: the templates
(templates/public/_*.svg.html) write the shapes computed here, and every chart
comes with its data as a table for screen readers and for those who would
rather read numbers.

The country shapes are public/data/world.json, projected once by
scripts/build_map.py from the npm package world-atlas (Natural Earth, public
domain)."""

import json
import math
import re
import textwrap
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django_countries.fields import Country

WORLD_FILE = Path(__file__).resolve().parent / "data" / "world.json"
# Okabe–Ito colours (colour-blind safe), one per series; the map's are in the stylesheet.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9")
# A shape smaller than this (in map units, width × height) also gets a marker, so it can be seen and clicked.
SMALL_SHAPE_AREA = 40
MARKER_RADIUS = 4


@cache
def _world() -> dict:
    data = json.loads(WORLD_FILE.read_text())
    for shape in data["shapes"].values():
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape["d"])]
        xs, ys = numbers[0::2], numbers[1::2]
        if (max(xs) - min(xs)) * (max(ys) - min(ys)) < SMALL_SHAPE_AREA:
            shape["marker"] = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    return data


@dataclass
class MapShape:
    code: str
    name: str
    d: str = ""
    # (x, y) of a marker for a country too small to see, or with no shape at this scale.
    marker: tuple | None = None
    kind: str = ""
    url: str = ""
    kinds: list = field(default_factory=list)
    kind_keys: set = field(default_factory=set)


@dataclass
class WorldMap:
    width: float
    height: float
    # Countries with nothing recorded: drawn, not linked.
    background: list
    # Our own country: drawn apart, not linked.
    own: list
    # Partner countries, each linked to its page.
    partners: list

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def world_map(partners: dict, *, own_country: str, url_of) -> WorldMap:
    """The world with each partner country shaded by its strongest kind of
    cooperation (``partners``: code -> an object with ``kind`` and
    ``kind_labels``) and linked to ``url_of(code)``."""
    data = _world()
    background, own, linked = [], [], []
    for code, shape in data["shapes"].items():
        drawn = MapShape(code, Country(code).name, d=shape["d"], marker=shape.get("marker"))
        if code in partners:
            linked.append(drawn)
        elif code == own_country:
            own.append(drawn)
        else:
            background.append(drawn)
    # Partners too small for the 1:110m shapes: a marker alone.
    for code, point in data["points"].items():
        if code in partners:
            linked.append(MapShape(code, Country(code).name, marker=(point["x"], point["y"])))
    for drawn in linked:
        drawn.kind = partners[drawn.code].kind
        drawn.kinds = partners[drawn.code].kind_labels
        drawn.kind_keys = set(partners[drawn.code].kinds)
        drawn.url = url_of(drawn.code)
    # Markers are drawn last so that they lie on top of their neighbours' shapes.
    linked.sort(key=lambda s: (s.marker is not None, s.name))
    return WorldMap(data["width"], data["height"], background, own, linked)


def mapped_codes() -> set[str]:
    """Every country the map can show (by shape or by marker)."""
    data = _world()
    return set(data["shapes"]) | set(data["points"])


# --- bar charts ----------------------------------------------------------------


def nice_ticks(maximum: int, count: int = 4) -> list[int]:
    """Whole-number axis ticks from 0 past ``maximum`` (1, 2 or 5 times a power of ten apart)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(int(step), 1)
    top = step * math.ceil(maximum / step)
    return list(range(0, top + 1, step))


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    colour: str
    label: str


@dataclass
class Tick:
    value: int
    y: float


@dataclass
class ColumnGroup:
    label: str
    x: float
    show_label: bool
    bars: list = field(default_factory=list)


@dataclass
class ColumnChart:
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    baseline: float
    ticks: list
    groups: list
    series: list  # [(label, colour)]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"

    @property
    def tick_label_x(self) -> float:
        return self.plot_left - 4

    @property
    def group_label_y(self) -> float:
        return self.baseline + 16


def column_chart(rows, series_labels, *, bar_width=9, group_gap=6, label_every=None) -> ColumnChart:
    """Grouped vertical bars: ``rows`` is [(label, value per series...)]."""
    left, top, bottom_space, right_pad = 36, 12, 28, 8
    plot_height = 180
    group_width = bar_width * len(series_labels) + group_gap
    width = left + max(len(rows), 1) * group_width + right_pad
    ticks_values = nice_ticks(max((max(values) for _label, *values in rows), default=0))
    top_value = ticks_values[-1]
    baseline = top + plot_height
    scale = plot_height / top_value
    every = label_every or max(1, math.ceil(len(rows) * 34 / max(width - left, 1) / 1))
    groups = []
    for index, (label, *values) in enumerate(rows):
        x = left + index * group_width + group_gap / 2
        group = ColumnGroup(str(label), x + (group_width - group_gap) / 2, show_label=index % every == 0)
        for position, value in enumerate(values):
            height = value * scale
            group.bars.append(
                Bar(
                    x + position * bar_width,
                    baseline - height,
                    bar_width - 1,
                    height,
                    value,
                    SERIES_COLOURS[position],
                    str(series_labels[position]),
                )
            )
        groups.append(group)
    return ColumnChart(
        width,
        baseline + bottom_space,
        left,
        width - right_pad,
        top,
        baseline,
        [Tick(value, baseline - value * scale) for value in ticks_values],
        groups,
        [(str(label), SERIES_COLOURS[i]) for i, label in enumerate(series_labels)],
    )


# SVG text does not wrap: a label is cut into lines of at most this many
# characters, about the bar list's 560 units at the chart's 12 px (Vietnamese
# averages some 6.5 units a character), so "…, thông tin gần nhất 30/11/2019–
# 14/06/2020" is not cut off at the edge.
LABEL_CHARS = 76
LABEL_LINE_HEIGHT = 15


@dataclass
class HBar:
    label: str
    value: int
    y: float  # top of the bar; its label's last line sits just above
    width: float
    colour: str
    url: str = ""
    lines: list = field(default_factory=list)  # the label cut to fit

    @property
    def label_y(self) -> float:
        return self.y - 4

    @property
    def label_lines(self) -> list[tuple[str, float]]:
        """(text, baseline) of each line of the label, the last just above the bar."""
        last = len(self.lines) - 1
        return [(line, self.label_y - (last - i) * LABEL_LINE_HEIGHT) for i, line in enumerate(self.lines)]


@dataclass
class BarList:
    width: float
    height: float
    bars: list
    bar_height: float

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"

    @property
    def value_dy(self) -> float:
        return self.bar_height - 2


def bar_list(items, *, width=560, bar_height=14, label_height=20, gap=8) -> BarList:
    """Horizontal bars, one per (label, value, url), each under its label: the
    home page's figures in small."""
    maximum = max((value for _label, value, _url in items), default=0) or 1
    plot = width - 48  # room for the value after the longest bar
    bars, top = [], 0.0
    for label, value, url in items:
        lines = textwrap.wrap(str(label), LABEL_CHARS) or [""]
        y = top + label_height + (len(lines) - 1) * LABEL_LINE_HEIGHT
        bars.append(HBar(str(label), value, y, plot * value / maximum, SERIES_COLOURS[0], url, lines))
        top = y + bar_height + gap
    return BarList(width, top, bars, bar_height)
