"""Server-rendered SVG chart geometry: plain numbers the chart templates (templates/includes/
pay_range_chart.html and bar_chart.html) turn into <line>, <rect> and <text>.

No JavaScript and no chart library; every chart has a table beside it with the same figures.
Charts are drawn WIDTH units wide with FONT_SIZE-unit text and each label on a line of its own
above its bar, so on a 390 px phone (about 360 px of content) they show at about their own size
and their text stays at 12 px or more.
"""

import textwrap
from dataclasses import dataclass

from core.formatting import dollars

WIDTH = 360
FONT_SIZE = 13
LINE_HEIGHT = 16
BAR_BLOCK = 22
ROW_GAP = 10
LABEL_CHARACTERS = 44
AXIS_HEIGHT = 22
VALUE_WIDTH = 78
SCALE_STEP = 10_000


@dataclass
class Row:
    """One labelled row of a chart: its label's lines and where its bar or line sits."""

    label_lines: list
    y: float
    value: object = None
    emphasised: bool = False
    x10: float = 0
    x25: float | None = None
    x50: float = 0
    x75: float | None = None
    x90: float = 0
    width: float = 0

    @property
    def published(self):
        return self.value is not None

    @property
    def mid(self):
        return self.y + BAR_BLOCK / 2

    @property
    def text_y(self):
        return self.y + BAR_BLOCK / 2 + FONT_SIZE / 2 - 2

    @property
    def value_text(self):
        return dollars(self.value)

    @property
    def value_x(self):
        """Where a bar's figure starts: just past the end of the bar."""
        return round(self.width + 8, 1)

    @property
    def box_width(self):
        return round(self.x75 - self.x25, 1) if self.x25 is not None else 0


def _label_rows(labels, emphasised):
    """Rows with each label wrapped onto lines of its own above the row's bar."""
    rows, y = [], AXIS_HEIGHT
    for label in labels:
        wrapped = textwrap.wrap(str(label), LABEL_CHARACTERS) or [""]
        label_y = [y + LINE_HEIGHT * (n + 1) - 3 for n in range(len(wrapped))]
        y += LINE_HEIGHT * len(wrapped)
        rows.append(
            Row(list(zip(wrapped, label_y, strict=True)), y, emphasised=label in emphasised)
        )
        y += BAR_BLOCK + ROW_GAP
    return rows, y


def _chart(rows, height, **extra):
    return {
        "rows": rows,
        "height": height,
        "width": WIDTH,
        "value_x": WIDTH,
        "font_size": FONT_SIZE,
        "bar_height": BAR_BLOCK,
        **extra,
    }


def pay_range_chart(rows, emphasised=()):
    """The one pay-range chart (the salary page and every state page): per area, a line from the
    10th to the 90th percentile, a box over the middle half where it is published, and a mark
    at the median. rows: (label, p10, p25, median, p75, p90) in display order; emphasised:
    labels drawn in bold."""
    values = [v for _label, *figures in rows for v in figures if v is not None]
    if not values:
        return _chart([], 0, ticks=[])
    low = (int(min(values)) // SCALE_STEP) * SCALE_STEP
    high = (int(max(values)) // SCALE_STEP + 1) * SCALE_STEP
    span = WIDTH - VALUE_WIDTH - 4

    def x(value):
        return round(2 + span * (float(value) - low) / (high - low), 1)

    chart_rows, height = _label_rows([label for label, *_figures in rows], set(emphasised))
    for row, (_label, p10, p25, median, p75, p90) in zip(chart_rows, rows, strict=True):
        row.value = median
        if median is None:
            continue
        row.x50 = x(median)
        row.x10 = x(p10) if p10 is not None else row.x50
        row.x90 = x(p90) if p90 is not None else row.x50
        if p25 is not None and p75 is not None:
            row.x25, row.x75 = x(p25), x(p75)
    ticks = [
        {"x": x(value), "label": f"${value // 1000}k"}
        for value in range(low + SCALE_STEP, high, SCALE_STEP)
    ]
    return _chart(chart_rows, height, ticks=ticks)


def bar_chart(items, highlight=None):
    """Horizontal bars, longest first, each under its label. items: (label, value) pairs with
    values above zero; highlight: the label drawn in bold."""
    items = sorted((item for item in items if item[1]), key=lambda item: -item[1])
    if not items:
        return _chart([], 0)
    largest = items[0][1]
    chart_rows, height = _label_rows(
        [label for label, _value in items], {highlight} if highlight else set()
    )
    span = WIDTH - VALUE_WIDTH - 4
    for row, (_label, value) in zip(chart_rows, items, strict=True):
        row.value = value
        row.width = round(span * value / largest, 1)
    return _chart(chart_rows, height)
