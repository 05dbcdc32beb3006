"""Chart text is readable on a phone: every chart shown at 390 px draws its text at 12 px or more.

The size is measured as drawn: an SVG's text scales with the chart (its font size times the
chart's rendered width over its viewBox width). A chart hidden at this width must leave a table
with its figures in its place.
"""

import pytest

pytestmark = pytest.mark.browser

MEASURE = """() => [...document.querySelectorAll("svg.chart")].map((svg) => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return {
    id: svg.getAttribute("aria-labelledby"),
    shown: box.width > 0 && getComputedStyle(svg).display !== "none",
    sizes: [...svg.querySelectorAll("text")].map(
      (text) => parseFloat(getComputedStyle(text).fontSize) * scale
    ),
  };
})"""


@pytest.mark.parametrize(
    ("path", "shown_at_least"),
    [("/salary-and-outlook/", 1), ("/cost-and-financial-aid/", 1), ("/states/illinois/", 1)],
)
def test_chart_text_is_at_least_12_px_at_390_px(browser, site_server, path, shown_at_least):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_server + path)
    charts = page.evaluate(MEASURE)
    shown = [chart for chart in charts if chart["shown"]]
    assert len(shown) >= shown_at_least, charts
    for chart in shown:
        assert chart["sizes"], chart["id"]
        assert min(chart["sizes"]) >= 12, (chart["id"], min(chart["sizes"]))
    for chart in charts:
        if not chart["shown"]:
            # The table beside a hidden chart holds its figures.
            assert page.locator("table").first.is_visible(), chart["id"]
    context.close()


def test_the_same_charts_are_drawn_at_a_readable_size_on_a_laptop(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_server + "/salary-and-outlook/")
    charts = page.evaluate(MEASURE)
    assert len([chart for chart in charts if chart["shown"]]) == 2, charts
    sizes = [size for chart in charts for size in chart["sizes"]]
    assert min(sizes) >= 12 and max(sizes) <= 20, (min(sizes), max(sizes))
    context.close()
