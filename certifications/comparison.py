"""The side-by-side table: one row per fact, one cell per credential."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certifications.models import Certification, ExamFigure, amount_bounds
from core.cache import kept_per_data_version
from core.comparison import Row
from core.formatting import dollars

FEE_KINDS = {ExamFigure.Kind.EXAM_FEE, ExamFigure.Kind.RENEWAL_FEE}
# The figures about sitting the exam, in the order pages show them.
EXAM_KINDS = [
    ExamFigure.Kind.QUESTIONS,
    ExamFigure.Kind.TESTING_TIME,
    ExamFigure.Kind.EXAM_FEE,
    ExamFigure.Kind.PASSING_SCORE,
    ExamFigure.Kind.ATTEMPTS,
]


@dataclass
class FigureCell:
    """What the best sources say about one figure of one credential; summary is the fee range.

    unconfirmed: a fee that only test-prep or marketing pages give, shown without a number.
    """

    figures: list
    body: object
    summary: str = ""
    unconfirmed: bool = False


@dataclass
class SourcedCell:
    """A fact about one credential and the source it comes from (None while none is recorded).

    Only the value decides whether a row differs: two credentials with the same renewal period
    read the same whoever says so.
    """

    value: object
    source: object = field(default=None, compare=False, repr=False)
    body: object = field(default=None, compare=False, repr=False)


def fee_range(figures):
    """ "$120 to $150" across every amount the sources give; "" when none gives one."""
    bounds = amount_bounds(figures)
    if bounds is None:
        return ""
    low, high = bounds
    if low == high:
        return dollars(low)
    return _("%(low)s to %(high)s") % {"low": dollars(low), "high": dollars(high)}


def figure_cell(certification, kind):
    figures = certification.shown_figures_of(kind)
    summary = fee_range(figures) if kind in FEE_KINDS else ""
    unconfirmed = bool(figures) and not any(figure.shows_value for figure in figures)
    return FigureCell(figures, certification.body, summary, unconfirmed)


def renewal_period(cert):
    """How often the credential is renewed, in words."""
    if cert.renewal_months is None:
        return _("Not confirmed")
    if cert.renewal_months % 12 == 0:
        years = cert.renewal_months // 12
        return ngettext("Every year", "Every %(years)d years", years) % {"years": years}
    return _("Every %(months)d months") % {"months": cert.renewal_months}


def published_for_comparison():
    """The published credentials with everything the table shows, and how many sources each
    cites. Every visitor's table is the same, so the rows are read once per data version
    (core.cache.kept_per_data_version)."""
    return kept_per_data_version(
        "certifications-for-comparison",
        lambda: list(
            Certification.objects.published()
            .for_comparison()
            .annotate(source_count=Count("sources", distinct=True))
        ),
    )


def comparison_rows(certifications):
    certs = list(certifications)

    def figures(kind):
        return Row(ExamFigure.Kind(kind).label, [figure_cell(c, kind) for c in certs], "figures")

    def sourced(label, value, source, kind="sourced"):
        cells = [SourcedCell(value(c), source(c), c.body) for c in certs]
        return Row(label, cells, kind)

    return [
        Row(_("Certifying body"), [f"{c.body.name} ({c.body.abbreviation})" for c in certs]),
        Row(_("Who may sit for the exam"), [list(c.routes.all()) for c in certs], "routes"),
        figures(ExamFigure.Kind.QUESTIONS),
        figures(ExamFigure.Kind.TESTING_TIME),
        sourced(
            _("Where it is taken"),
            lambda c: c.delivery_places,
            lambda c: c.delivery_source,
            "sourced_list",
        ),
        figures(ExamFigure.Kind.EXAM_FEE),
        figures(ExamFigure.Kind.PASSING_SCORE),
        figures(ExamFigure.Kind.ATTEMPTS),
        sourced(_("Renewal"), renewal_period, lambda c: c.renewal_source),
        sourced(
            _("What renewal takes"), lambda c: c.renewal_requirement, lambda c: c.renewal_source
        ),
        figures(ExamFigure.Kind.RENEWAL_FEE),
        sourced(
            _("Credential accredited by"),
            lambda c: c.credential_accreditation,
            lambda c: c.accreditation_source,
        ),
        Row(_("Checked against the body's own pages"), [c.checked_on for c in certs], "checked"),
    ]
