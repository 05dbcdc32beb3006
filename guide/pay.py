"""The newest pay of medical assistants in the nation and each state: the one place pages that
quote it (the salary page, a program's months of pay, the comparison) read it from.

Every visitor sees the same rows, so they are read once per data version
(core.cache.kept_per_data_version); an edit to any of them shows at once.
"""

from dataclasses import dataclass
from functools import cached_property

from core.cache import kept_per_data_version
from guide.models import OutlookFigure, WageFigure

# The Standard Occupational Classification code of medical assistants.
MA_SOC = "31-9092"


@dataclass
class NewestPay:
    national: WageFigure | None
    states: list

    @cached_property
    def by_state(self):
        return {figure.state_code: figure for figure in self.states}


def newest_pay():
    """The nation's row and the states' rows (by name) of the newest year, with their sources.
    The 500-odd metro areas are the state pages' business."""

    def read():
        wages = WageFigure.objects.filter(soc_code=MA_SOC)
        figures = list((wages.national() | wages.states()).latest_year().select_related("source"))
        national = next((f for f in figures if f.area_type == WageFigure.AreaType.NATIONAL), None)
        states = sorted(
            (f for f in figures if f.area_type == WageFigure.AreaType.STATE),
            key=lambda f: f.area_name,
        )
        return NewestPay(national, states)

    return kept_per_data_version("newest-pay", read)


def national_outlook():
    """BLS's projection for medical assistants in the nation, with its source (None if absent)."""
    return kept_per_data_version(
        "national-outlook",
        lambda: OutlookFigure.objects.filter(soc_code=MA_SOC).select_related("source").first(),
    )
