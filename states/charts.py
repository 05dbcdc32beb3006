"""Geometry for the state page's pay chart: one entry per area, a line from the 10th to the 90th
percentile with a mark at the median. The template turns the numbers into SVG.

The chart is drawn 360 units wide, so on a 390 px phone it shows at about its own size and
its 13-unit text stays above 12 px; labels wrap onto lines of their own above each bar.
"""

import textwrap
from dataclasses import dataclass

WIDTH = 360
VALUE_WIDTH = 78
FONT_SIZE = 13
LINE_HEIGHT = 16
BAR_BLOCK = 22
ROW_GAP = 10
LABEL_CHARACTERS = 44
AXIS_HEIGHT = 22


@dataclass
class AreaLine:
    label_lines: list
    median: object
    y: float
    emphasised: bool = False
    x10: float = 0
    x50: float = 0
    x90: float = 0

    @property
    def published(self):
        return self.median is not None

    @property
    def mid(self):
        return self.y + BAR_BLOCK / 2

    @property
    def text_y(self):
        return self.y + BAR_BLOCK / 2 + FONT_SIZE / 2 - 2


def area_chart(rows, emphasised=()):
    """rows: (label, p10, median, p90) in display order; emphasised: labels drawn in bold."""
    values = [v for _label, *figures in rows for v in figures if v is not None]
    if not values:
        return {"lines": [], "height": 0, "width": WIDTH, "ticks": []}
    step = 10_000
    low = (int(min(values)) // step) * step
    high = (int(max(values)) // step + 1) * step
    span = WIDTH - VALUE_WIDTH - 4

    def x(value):
        return round(2 + span * (float(value) - low) / (high - low), 1)

    lines = []
    y = AXIS_HEIGHT
    for label, p10, median, p90 in rows:
        wrapped = textwrap.wrap(str(label), LABEL_CHARACTERS) or [""]
        label_y = [y + LINE_HEIGHT * (n + 1) - 3 for n in range(len(wrapped))]
        y += LINE_HEIGHT * len(wrapped)
        line = AreaLine(
            label_lines=list(zip(wrapped, label_y, strict=True)),
            median=median,
            y=y,
            emphasised=label in emphasised,
        )
        if median is not None:
            line.x50 = x(median)
            line.x10 = x(p10) if p10 is not None else line.x50
            line.x90 = x(p90) if p90 is not None else line.x50
        lines.append(line)
        y += BAR_BLOCK + ROW_GAP
    ticks = [
        {"x": x(value), "label": f"${value // 1000}k"} for value in range(low + step, high, step)
    ]
    return {
        "lines": lines,
        "ticks": ticks,
        "height": y,
        "width": WIDTH,
        "value_x": WIDTH,
        "font_size": FONT_SIZE,
    }
