"""Server-rendered SVG chart geometry: plain numbers the templates turn into <rect> and <text>.

No JavaScript and no chart library; every chart has a table beside it with the same figures.
"""

from dataclasses import dataclass

BAR_HEIGHT = 16
BAR_GAP = 4
LABEL_WIDTH = 150
CHART_WIDTH = 640
VALUE_WIDTH = 70


@dataclass
class Bar:
    label: str
    value: float
    y: int
    width: float
    highlighted: bool = False

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 4


def bar_chart(items, highlight=None):
    """Horizontal bars, longest first. items: (label, value) pairs with values above zero."""
    items = sorted((item for item in items if item[1]), key=lambda item: -item[1])
    if not items:
        return {"bars": [], "height": 0}
    largest = items[0][1]
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = [
        Bar(
            label=label,
            value=value,
            y=index * (BAR_HEIGHT + BAR_GAP),
            width=round(span * value / largest, 1),
            highlighted=label == highlight,
        )
        for index, (label, value) in enumerate(items)
    ]
    return {
        "bars": bars,
        "height": len(bars) * (BAR_HEIGHT + BAR_GAP),
        "width": CHART_WIDTH,
        "label_width": LABEL_WIDTH,
        "value_x": LABEL_WIDTH + 6,
    }


def distribution(rows, low, high):
    """One row per area: where its 10th, 25th, median, 75th and 90th percentiles fall.

    rows: (label, p10, p25, p50, p75, p90); low/high: the scale's ends in dollars.
    """
    span = CHART_WIDTH - LABEL_WIDTH - 20

    def x(value):
        return round(LABEL_WIDTH + span * (float(value) - low) / (high - low), 1)

    lines = []
    for index, (label, p10, p25, p50, p75, p90) in enumerate(rows):
        if None in (p10, p25, p50, p75, p90):
            continue
        y = 30 + index * 44
        lines.append(
            {
                "label": label,
                "y": y,
                "mid": y + 10,
                "text_y": y + 14,
                "x10": x(p10),
                "x25": x(p25),
                "x50": x(p50),
                "x75": x(p75),
                "x90": x(p90),
                "box_width": round(x(p75) - x(p25), 1),
            }
        )
    ticks = []
    step = 10_000
    value = (int(low) // step + 1) * step
    while value < high:
        ticks.append({"x": x(value), "label": f"${value // 1000}k"})
        value += step
    return {"lines": lines, "ticks": ticks, "height": 40 + len(lines) * 44, "width": CHART_WIDTH}
