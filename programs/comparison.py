"""The rows of the program page and the compare view, as plain text per program; None or ""
where the program reports nothing, which the or_not_reported filter shows as "Not reported".
Cost and length read as everywhere else: Program.cost_shown and Program.length_shown."""

from django.utils.translation import gettext as _

from core.comparison import Row
from core.formatting import dollars, is_missing
from programs import costs, geo
from programs.models import check_with_school


def amount_or_range(low, high):
    if low == high:
        return dollars(low)
    return _("%(low)s to %(high)s") % {"low": dollars(low), "high": dollars(high)}


def total_to_credential(total):
    if total.cost is None:
        return None
    text = amount_or_range(total.low, total.high)
    if total.fee_included:
        text += " " + _("(exam fee included)")
    elif total.fee:
        text += " " + _("(with %(fee)s for an exam)") % {
            "fee": amount_or_range(total.fee.low, total.fee.high)
        }
    return text + (" " + _("(estimate)") if total.is_estimate else "")


def months_of_pay(total):
    if total.low is None or not total.monthly_pay:
        return None
    months = (
        f"{total.months_low}"
        if total.months_low == total.months_high
        else f"{total.months_low}–{total.months_high}"
    )
    return _("About %(months)s months of the %(area)s median (%(monthly)s a month)") % {
        "months": months,
        "area": total.pay.area_name,
        "monthly": dollars(total.monthly_pay),
    }


def tuition(program):
    if program.cost_suspect:
        return check_with_school(dollars(program.tuition_fees))
    return dollars(program.tuition_fees)


def program_format(program):
    label = program.format_label
    return (
        label
        if program.format_confirmed
        else _("%(format)s (not yet confirmed)") % {"format": label}
    )


def yes_no_unknown(value):
    if value is None:
        return _("Not known")
    return _("Yes") if value else _("No")


def schedule(program):
    options = [
        label
        for offered, label in (
            (program.evening, _("Evenings")),
            (program.weekend, _("Weekends")),
            (program.part_time, _("Part time")),
        )
        if offered
    ]
    return ", ".join(str(o) for o in options) if options else None


def externship(program):
    if program.externship_hours:
        return _("%(hours)d hours") % {"hours": program.externship_hours}
    return yes_no_unknown(program.has_externship)


def graduates(program):
    if program.graduates_per_year is None:
        return None
    return _("%(count)s in %(year)s") % {
        "count": f"{program.graduates_per_year:,}",
        "year": program.graduates_year,
    }


def distance(program, zip_code):
    school = program.school
    if school.latitude is None:
        return None
    miles = geo.miles_between(*geo.zip_coordinates(zip_code), school.latitude, school.longitude)
    return _("%(miles)s miles from %(zip)s") % {"miles": f"{miles:.1f}", "zip": zip_code}


def comparison_rows(programs, zip_code=""):
    """The rows, with distances when zip_code is one geo.zip_coordinates knows."""
    totals = costs.totals_to_credential(programs)
    # What students weigh first (cost, distance, length, accreditation) comes first.
    return [
        Row(_("School"), [p.school.name for p in programs]),
        Row(_("Location"), [f"{p.school.city}, {p.school.state}" for p in programs]),
        *([Row(_("Distance"), [distance(p, zip_code) for p in programs])] if zip_code else []),
        Row(_("Total cost"), [str(p.cost_shown) for p in programs]),
        Row(_("Total to a credential"), [total_to_credential(t) for t in totals]),
        Row(_("Length"), [str(p.length_shown) for p in programs]),
        Row(_("Accreditation"), [p.accreditation_label for p in programs]),
        Row(_("Credential"), [p.credential_label for p in programs]),
        Row(_("Format"), [program_format(p) for p in programs]),
        Row(_("Months of median MA pay"), [months_of_pay(t) for t in totals]),
        Row(
            _("Federal student aid"),
            [costs.AidOutlook(costs.federal_aid(p).outlook).label for p in programs],
        ),
        Row(_("Tuition and fees"), [tuition(p) for p in programs]),
        Row(_("Books and supplies"), [dollars(p.books_supplies) for p in programs]),
        Row(_("Other costs"), [dollars(p.other_costs) for p in programs]),
        Row(_("Exam fee included"), [yes_no_unknown(p.exam_fee_included) for p in programs]),
        Row(_("Schedule"), [schedule(p) for p in programs]),
        Row(_("Externship"), [externship(p) for p in programs]),
        Row(
            _("Hours on site"),
            [str(p.onsite_hours) if p.onsite_hours else None for p in programs],
        ),
        Row(
            _("Prepares you for"),
            [", ".join(c.code for c in p.certifications.all()) for p in programs],
        ),
        Row(_("Graduates a year"), [graduates(p) for p in programs]),
        Row(_("Where the cost comes from"), [p.cost_source_label for p in programs]),
        Row(_("Where the length comes from"), [p.length_source_label for p in programs]),
        Row(
            _("Where the graduates come from"),
            [p.graduates_source for p in programs],
        ),
    ]


def reported_somewhere(row):
    """Whether any compared program has this figure; rows unknown for all say nothing."""
    return not all(is_missing(cell) for cell in row.cells)
