"""The data dictionary: what each column of the downloads means and where it comes from.

The downloads write exactly these columns, in this order (a test holds them to it), and the
API's page shows the same text.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SCORECARD_NOTE = _("IPEDS (U.S. Department of Education), as named in the source columns.")


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple

    @property
    def names(self):
        return [name for name, _meaning in self.columns]


PROGRAMS = Dataset(
    "programs",
    _("Medical assisting programs"),
    _(
        "Every published program at an open school, in the finder's default order (most "
        "graduates first). Empty means not reported: never zero. Costs are whole-program prices "
        "reported to IPEDS, or estimates from the school's yearly tuition, and say which."
    ),
    (
        ("slug", _("The program's key; its API address is /api/v1/programs/<slug>/.")),
        ("page", _("The program's page on this site.")),
        ("name", _("The program's name as the school reports it.")),
        ("school_slug", _("The school's key (/api/v1/schools/<slug>/).")),
        ("school_name", _("The school (IPEDS institution name).")),
        ("school_city", _("The school's city.")),
        ("school_state", _("Two-letter state or territory code.")),
        (
            "credential",
            _(
                "IPEDS award level: short_certificate (under 12 weeks), certificate (under one "
                "academic year), diploma (one academic year or more), associate, "
                "advanced_certificate (two academic years or more), bachelor. An academic year "
                "is 900 clock hours or 30 semester credits, not twelve months."
            ),
        ),
        ("credential_label", _("The award level in words.")),
        ("format", _("campus, hybrid or online.")),
        ("format_label", _("The format in words.")),
        ("length_months", _("Months the school reported; empty when not reported or flagged.")),
        (
            "flagged_length_months",
            _("A reported length that looks wrong, shown as reported and left out of sorts."),
        ),
        ("length_hours", _("Clock or credit hours the school reported.")),
        ("length_hours_unit", _("What length_hours counts: “clock hours”, “credit hours”.")),
        ("tuition_fees", _("Reported tuition and fees for the whole program, in dollars.")),
        ("books_supplies", _("Reported books and supplies for the whole program, in dollars.")),
        ("other_costs", _("Other reported costs for the whole program, in dollars.")),
        (
            "total_cost",
            _("Reported cost (tuition, fees, books, other), else the estimate; empty if neither."),
        ),
        ("cost_is_estimate", _("True when total_cost is an estimate, not a reported price.")),
        (
            "estimate_years",
            _("Academic years the estimate counts: (yearly tuition + books) × years."),
        ),
        ("graduates_per_year", _("Awards conferred in a year (IPEDS Completions).")),
        ("graduates_year", _("The academic year graduates_per_year counts.")),
        ("evening", _("Evening classes offered.")),
        ("weekend", _("Weekend classes offered.")),
        ("part_time", _("Can be taken part time.")),
        ("has_externship", _("Includes an externship; empty when not known.")),
        ("accreditation", _("caahep, abhes, none or unknown (programmatic accreditation).")),
        ("accreditation_label", _("Accreditation in words, with the day an editor checked it.")),
        ("certifications", _("Codes of the certification exams it prepares for, “|”-separated.")),
        ("cost_source", _("Where the cost comes from.")),
        ("length_source", _("Where the length comes from.")),
        ("graduates_source", _("Where the number of graduates comes from.")),
        ("data_source", _("The data release the program's row was imported from.")),
        ("data_as_of", _("The period that release describes.")),
        ("data_built", _("When the site's data last changed (UTC): the date of this file.")),
    ),
)

PAY = Dataset(
    "pay",
    _("Medical assistant pay (SOC 31-9092)"),
    _(
        "The U.S. Bureau of Labor Statistics' Occupational Employment and Wage Statistics "
        "(OEWS) for medical assistants: the nation, each state and territory, and each metro "
        "and nonmetropolitan area, for every May reference year the site holds. Empty means "
        "BLS did not publish the figure (too few responses, or above its top code)."
    ),
    (
        ("soc_code", _("Standard Occupational Classification code: 31-9092, Medical Assistants.")),
        ("area_type", _("national, state, metro or nonmetro.")),
        ("area_code", _("BLS seven-digit area code.")),
        ("area_name", _("The area as BLS names it.")),
        ("state_code", _("The area's state; for a metro area, the first state it names.")),
        ("state_codes", _("Every state the area lies in, space-separated.")),
        ("year", _("OEWS reference year: the figures describe May of that year.")),
        ("period", _("The reference period in words: “May 2024”.")),
        ("employment", _("Medical assistants employed in the area, rounded by BLS.")),
        ("annual_mean", _("Mean annual wage, dollars.")),
        ("hourly_mean", _("Mean hourly wage, dollars.")),
        ("annual_p10", _("Annual wage, 10th percentile.")),
        ("annual_p25", _("Annual wage, 25th percentile.")),
        ("annual_median", _("Median annual wage.")),
        ("annual_p75", _("Annual wage, 75th percentile.")),
        ("annual_p90", _("Annual wage, 90th percentile.")),
        ("hourly_p10", _("Hourly wage, 10th percentile.")),
        ("hourly_p25", _("Hourly wage, 25th percentile.")),
        ("hourly_median", _("Median hourly wage.")),
        ("hourly_p75", _("Hourly wage, 75th percentile.")),
        ("hourly_p90", _("Hourly wage, 90th percentile.")),
        (
            "employment_rse",
            _("BLS's relative standard error of the employment figure, in percent."),
        ),
        ("wage_rse", _("BLS's relative standard error of the mean wage, in percent.")),
        ("footnote_codes", _("BLS footnote codes on the row, space-separated (8: not released).")),
        (
            "weak_estimate",
            _(
                "True when BLS's own measures call the row weak: wage RSE above 10%, employment "
                "RSE above 20%, or a footnote. The site flags these figures too."
            ),
        ),
        ("weak_reasons", _("Why the row is weak, in words, “|”-separated.")),
        ("source_title", _("The BLS table the row comes from.")),
        ("source_publisher", _("Its publisher.")),
        ("source_url", _("Its address.")),
        ("source_as_of", _("The period the publisher says it describes.")),
        ("data_built", _("When the site's data last changed (UTC): the date of this file.")),
    ),
)

DATASETS = {dataset.slug: dataset for dataset in (PROGRAMS, PAY)}


def as_json():
    """{dataset: {title, description, columns: {name: meaning}}}."""
    return {
        dataset.slug: {
            "title": str(dataset.title),
            "description": str(dataset.description),
            "columns": {name: str(meaning) for name, meaning in dataset.columns},
        }
        for dataset in DATASETS.values()
    }
