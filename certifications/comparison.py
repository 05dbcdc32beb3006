"""The side-by-side table: one row per fact, one cell per credential."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certifications.models import ExamFigure, amount_bounds
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
    """What the sources say about one figure of one credential; summary is the fee range."""

    figures: list
    body: object
    summary: str = ""


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
    figures = certification.figures_of(kind)
    summary = fee_range(figures) if kind in FEE_KINDS else ""
    return FigureCell(figures, certification.body, summary)


def _renewal(cert):
    if cert.renewal_months is None:
        return _("Not confirmed")
    if cert.renewal_months % 12 == 0:
        years = cert.renewal_months // 12
        return ngettext("Every year", "Every %(years)d years", years) % {"years": years}
    return _("Every %(months)d months") % {"months": cert.renewal_months}


def comparison_rows(certifications):
    certs = list(certifications)

    def figures(kind):
        return Row(ExamFigure.Kind(kind).label, [figure_cell(c, kind) for c in certs], "figures")

    return [
        Row(_("Certifying body"), [f"{c.body.name} ({c.body.abbreviation})" for c in certs]),
        Row(_("Who may sit for the exam"), [list(c.routes.all()) for c in certs], "routes"),
        figures(ExamFigure.Kind.QUESTIONS),
        figures(ExamFigure.Kind.TESTING_TIME),
        Row(_("Where it is taken"), [c.delivery_places for c in certs], "list"),
        figures(ExamFigure.Kind.EXAM_FEE),
        figures(ExamFigure.Kind.PASSING_SCORE),
        figures(ExamFigure.Kind.ATTEMPTS),
        Row(_("Renewal"), [_renewal(c) for c in certs]),
        Row(_("What renewal takes"), [c.renewal_requirement for c in certs]),
        figures(ExamFigure.Kind.RENEWAL_FEE),
        Row(_("Credential accredited by"), [c.credential_accreditation for c in certs]),
        Row(_("Checked against the body's own pages"), [c.verified_on for c in certs], "checked"),
    ]
