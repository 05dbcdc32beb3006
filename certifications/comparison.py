"""The side-by-side table: one row per fact, one cell per credential, as plain text."""

from django.template.defaultfilters import date as date_filter
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.comparison import Row
from guide.templatetags.guide_tags import dollars


def _minutes(value):
    if value is None:
        return _("Not confirmed")
    hours, minutes = divmod(value, 60)
    if not minutes:
        return ngettext("%(hours)d hour", "%(hours)d hours", hours) % {"hours": hours}
    return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}


def _items(cert):
    if cert.scored_items is None:
        return _("Not confirmed")
    if cert.pretest_items:
        return _("%(total)d questions: %(scored)d scored, %(pretest)d unscored pretest") % {
            "total": cert.total_items,
            "scored": cert.scored_items,
            "pretest": cert.pretest_items,
        }
    return _("%(scored)d scored questions") % {"scored": cert.scored_items}


def _fee(cert):
    if cert.fee_member is None:
        return _("Not confirmed")
    if cert.fee_non_member is not None:
        return _("%(low)s or %(high)s") % {
            "low": dollars(cert.fee_member),
            "high": dollars(cert.fee_non_member),
        }
    return dollars(cert.fee_member)


def _renewal(cert):
    if cert.renewal_months is None:
        return _("Not confirmed")
    if cert.renewal_months % 12 == 0:
        years = cert.renewal_months // 12
        return ngettext("Every year", "Every %(years)d years", years) % {"years": years}
    return _("Every %(months)d months") % {"months": cert.renewal_months}


def comparison_rows(certifications):
    certs = list(certifications)
    return [
        Row(_("Certifying body"), [f"{c.body.name} ({c.body.abbreviation})" for c in certs]),
        Row(_("Who may sit for the exam"), [list(c.routes.all()) for c in certs], "routes"),
        Row(_("Exam questions"), [_items(c) for c in certs]),
        Row(_("Testing time"), [_minutes(c.exam_minutes) for c in certs]),
        Row(_("Where it is taken"), [c.delivery_places for c in certs], "list"),
        Row(_("Exam fee"), [_fee(c) for c in certs]),
        Row(_("Renewal"), [_renewal(c) for c in certs]),
        Row(_("What renewal takes"), [c.renewal_requirement for c in certs]),
        Row(
            _("Renewal fee"),
            [dollars(c.renewal_fee) if c.renewal_fee else _("Not confirmed") for c in certs],
        ),
        Row(_("Credential accredited by"), [c.credential_accreditation for c in certs]),
        Row(_("Last verified"), [date_filter(c.verified_on, "M j, Y") for c in certs]),
    ]
