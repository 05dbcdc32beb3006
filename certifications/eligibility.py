"""Answers "can I sit for this exam?" from the EligibilityRoute rows alone.

Each route's fields are generic conditions (education, time since training, months of work,
military training, diploma). A profile is checked against every condition of every route; the
answer for a credential is its best route: eligible now, eligible soon (only finishing the
program is missing), or not yet with the missing conditions of the closest route.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certifications.models import EligibilityRoute

NOW, SOON, NOT_YET = "now", "soon", "not_yet"

# Which training answers satisfy each education requirement.
SATISFIES = {
    EligibilityRoute.Education.NONE: {"accredited", "other", "apprenticeship", "none"},
    EligibilityRoute.Education.ANY_PROGRAM: {"accredited", "other"},
    EligibilityRoute.Education.ACCREDITED_PROGRAM: {"accredited"},
    EligibilityRoute.Education.APPRENTICESHIP: {"apprenticeship"},
}


@dataclass
class Profile:
    diploma: bool
    training: str
    training_status: str
    completed_months_ago: int | None
    experience_months: int
    military: bool


@dataclass
class RouteResult:
    route: EligibilityRoute
    status: str
    missing: list = field(default_factory=list)
    as_student: bool = False


@dataclass
class Answer:
    certification: object
    status: str
    best: RouteResult
    results: list


def months(count):
    return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}


def check_route(route, profile):
    missing = []
    training_needed = route.education != EligibilityRoute.Education.NONE
    still_studying = False
    if training_needed:
        if profile.training not in SATISFIES[route.education]:
            missing.append(route.get_education_display())
        elif profile.training_status == "enrolled":
            still_studying = True
    if route.military_training and not profile.military:
        missing.append(_("Medical assisting training in the armed forces"))
    if route.completed_within_months is not None and (training_needed or route.military_training):
        finished = profile.completed_months_ago
        if (
            not still_studying
            and finished is not None
            and finished > route.completed_within_months
        ):
            missing.append(
                _("Training finished within the last %(limit)s (yours: %(yours)s ago)")
                % {"limit": months(route.completed_within_months), "yours": months(finished)}
            )
    if route.min_experience_months and profile.experience_months < route.min_experience_months:
        params = {
            "need": months(route.min_experience_months),
            "yours": months(profile.experience_months),
        }
        if route.experience_window_months:
            params["window"] = months(route.experience_window_months)
            text = _(
                "%(need)s of medical assisting work within the last %(window)s (yours: %(yours)s)"
            )
        else:
            text = _("%(need)s of medical assisting work (yours: %(yours)s)")
        missing.append(text % params)
    if route.diploma_required and not profile.diploma:
        missing.append(_("A high-school diploma or GED"))

    if missing:
        return RouteResult(route, NOT_YET, missing)
    if still_studying and route.students_may_apply:
        return RouteResult(route, NOW, as_student=True)
    if still_studying:
        return RouteResult(route, SOON, [_("Finish your program")])
    return RouteResult(route, NOW)


RANK = {NOW: 0, SOON: 1, NOT_YET: 2}


def answer_for(certification, profile):
    """The credential's best route first; routes in order of how little is missing."""
    results = [check_route(route, profile) for route in certification.routes.all()]
    results.sort(key=lambda r: (RANK[r.status], len(r.missing), r.route.sort_order))
    best = results[0] if results else None
    return Answer(certification, best.status if best else NOT_YET, best, results)
