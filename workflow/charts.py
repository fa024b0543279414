"""Bar charts drawn as SVG on the server: a few rectangles need no library and
no CDN, print sharply and work without JavaScript."""

import textwrap
from dataclasses import dataclass, field

BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 10
LABEL_WIDTH = 220
PLOT_WIDTH = 360
VALUE_WIDTH = 70
LABEL_CHARACTERS = 34  # per line of a label: longer labels wrap, never truncated
LINE_HEIGHT = 14
# Colour-blind safe (Okabe–Ito), one per series.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")


@dataclass
class Bar:
    y: int
    width: float
    value: int
    colour: str
    series: str

    @property
    def text_x(self) -> float:
        return LABEL_WIDTH + self.width + 4

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 5


@dataclass
class Group:
    label: str
    y: int
    label_y: int
    bars: list[Bar] = field(default_factory=list)
    lines: list[tuple[str, int]] = field(default_factory=list)  # (text, y) of the wrapped label


@dataclass
class Chart:
    title: str
    series: list[tuple[str, str]]  # (name, colour) for the legend
    groups: list[Group]
    height: int
    width: int = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    label_width: int = LABEL_WIDTH
    label_x: int = LABEL_WIDTH - 8
    bar_height: int = BAR_HEIGHT


def bar_chart(title: str, rows: list[tuple[str, list[int]]], series: list[str]) -> Chart | None:
    """Horizontal bars, one group per row and one bar per series, scaled to the
    largest value. None when there is nothing to compare."""
    if not rows:
        return None
    largest = max((value or 0 for _label, values in rows for value in values), default=0) or 1
    groups, y = [], 0
    for label, values in rows:
        lines = textwrap.wrap(str(label), LABEL_CHARACTERS) or [""]
        bars_height = (BAR_HEIGHT + BAR_GAP) * len(values) - BAR_GAP
        height = max(bars_height, LINE_HEIGHT * len(lines))
        first_line = y + (height - LINE_HEIGHT * len(lines)) // 2 + LINE_HEIGHT - 3
        group = Group(str(label), y, y + bars_height // 2 + 5)
        group.lines = [(text, first_line + LINE_HEIGHT * index) for index, text in enumerate(lines)]
        bar_y = y + (height - bars_height) // 2
        for index, value in enumerate(values):
            group.bars.append(
                Bar(
                    y=bar_y,
                    width=round(PLOT_WIDTH * (value or 0) / largest, 1),
                    value=value or 0,
                    colour=COLOURS[index % len(COLOURS)],
                    series=str(series[index]),
                )
            )
            bar_y += BAR_HEIGHT + BAR_GAP
        groups.append(group)
        y += height + GROUP_GAP
    legend = [(str(name), COLOURS[index % len(COLOURS)]) for index, name in enumerate(series)]
    return Chart(title=str(title), series=legend, groups=groups, height=y)
