"""Answers "can I sit for this exam?" from the EligibilityRoute rows alone.

Each route's fields are generic conditions (training and its accreditation, hours, dates, months
of work, CPR, diploma, review by the body). A profile is checked against every condition of
every route. A condition can be met, missing (the profile says it is not met) or unknown (the
profile leaves the deciding fact blank, or only the body can decide). A route is then:

- "now": every condition met;
- "from": every condition met on a date we can compute (a student's test window, months of
  work still adding up);
- "maybe": nothing missing, but something unknown or left to the body's review;
- "not-yet": something missing; the missing items are the plan.

The answer for a credential is its best route; a "not-yet" answer also lists the plan of every
route the person could still take.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certifications.models import EligibilityRoute

NOW, FROM, MAYBE, NOT_YET = "now", "from", "maybe", "not-yet"
RANK = {NOW: 0, FROM: 1, MAYBE: 2, NOT_YET: 3}

# Training answers that count as "a program", and those at an accredited institution (a
# CAAHEP- or ABHES-accredited program is always offered by an accredited institution).
PROGRAM_ANSWERS = {"programmatic", "institutional", "unaccredited"}
ACCREDITED_SCHOOL_ANSWERS = {"programmatic", "institutional"}

# Finder query strings (programs:list) that list programs fixing a missing condition.
FINDER_ACCREDITED = "accreditation=caahep&accreditation=abhes"


@dataclass
class Profile:
    diploma: bool | None
    training: str
    training_status: str | None
    finish_in_days: int | None
    completed_months_ago: int | None
    program_hours: int | None
    practicum_hours: int | None
    military: bool
    military_months_ago: int | None
    experience_months: int | None
    experience_ended_months_ago: int | None
    cpr: bool | None
    today: datetime.date


@dataclass
class Need:
    """One missing condition, said as a step to take; finder is a query string for programs."""

    text: str
    finder: str = ""
    # False where nothing the reader can do now would meet it (military training, say).
    reachable: bool = True


@dataclass
class RouteResult:
    route: EligibilityRoute
    verdict: str
    missing: list = field(default_factory=list)
    unknown: list = field(default_factory=list)
    from_date: datetime.date | None = None
    as_student: bool = False
    # The route asks for another kind of training than the reader's (an apprenticeship instead
    # of the program they took): a plan, but after those that build on what they have.
    other_training: bool = False

    @property
    def reachable(self):
        return all(need.reachable for need in self.missing)

    def sort_key(self):
        unreachable = sum(not need.reachable for need in self.missing)
        date = self.from_date or datetime.date.min
        return (
            RANK[self.verdict],
            unreachable,
            self.other_training,
            len(self.missing),
            date,
            self.route.sort_order,
        )


@dataclass
class Answer:
    certification: object
    best: RouteResult | None
    results: list

    @property
    def verdict(self):
        return self.best.verdict if self.best else NOT_YET

    @property
    def plans(self):
        """For a "not yet" answer: the routes still open to the reader, closest first."""
        if self.verdict != NOT_YET:
            return []
        return [r for r in self.results if r.verdict == NOT_YET and r.reachable]


def months(count):
    return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}


def hours(count):
    return number_format(count, force_grouping=True) if count is not None else ""


def add_months(date, count):
    month_index = date.month - 1 + count
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return date.replace(
        year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1])
    )


def months_of_work_still_needed(worked, ended_ago, needed, window):
    """Months of full-time work from today until `needed` months fall within the window.

    The work done so far is taken as one stretch that ended `ended_ago` months ago; as new
    months are added, the oldest ones slide out of the window. None if the window is shorter
    than what is needed.
    """
    if window is not None and window < needed:
        return None
    for extra in range(needed + 1):
        if window is None:
            counted = worked + extra
        else:
            counted = extra + min(worked, max(0, window - ended_ago - extra))
        if counted >= needed:
            return extra
    return needed


def training_wanted(route):
    """The training a route asks for, in words, for a reader who has not had it."""
    kind = route.training
    if kind == EligibilityRoute.Training.MILITARY:
        return _("medical assisting training in the armed forces")
    if kind == EligibilityRoute.Training.APPRENTICESHIP:
        what = _("a medical assisting apprenticeship")
    elif route.programmatic_accreditation_required:
        what = _("a CAAHEP- or ABHES-accredited medical assisting program")
    elif route.institution_accreditation_required:
        what = _("a medical assisting program at a school accredited by a recognized accreditor")
    else:
        what = _("a medical assisting program")
    hours = hours_wanted(route)
    return _("%(training)s %(hours)s") % {"training": what, "hours": hours} if hours else what


def hours_wanted(route):
    params = {
        "hours": hours(route.min_program_hours),
        "practicum": hours(route.min_practicum_hours),
        "work": hours(route.alternative_work_hours),
    }
    if route.min_program_hours and route.min_practicum_hours:
        if route.practicum_counts_toward_hours:
            text = _("of at least %(hours)s clock hours, including a %(practicum)s-hour practicum")
        else:
            text = _("of at least %(hours)s clock hours plus a practicum of %(practicum)s hours")
    elif route.min_program_hours:
        text = _("of at least %(hours)s clock hours")
    elif route.min_practicum_hours:
        text = _("with a practicum of at least %(practicum)s hours")
    else:
        return ""
    if route.min_practicum_hours and route.alternative_work_hours:
        text += " " + _("(or %(work)s hours of medical assisting work after finishing instead)")
    return text % params


class RouteCheck:
    """Collects what one profile misses, and does not know, for one route."""

    def __init__(self, route, profile):
        self.route, self.profile = route, profile
        self.missing, self.unknown = [], []
        self.earliest = profile.today
        self.as_student = False
        self.other_training = False

    def result(self):
        route, today = self.route, self.profile.today
        self.check_training()
        self.check_experience()
        if route.cpr_required and self.profile.cpr is not True:
            if self.profile.cpr is None:
                self.unknown.append(
                    _("whether you hold a current CPR card (this route needs one)")
                )
            else:
                self.missing.append(Need(_("a current CPR card")))
        if route.diploma_required and self.profile.diploma is not True:
            if self.profile.diploma is None:
                self.unknown.append(_("whether you have a high-school diploma or GED"))
            else:
                self.missing.append(Need(_("a high-school diploma or GED")))
        if route.body_reviews_first:
            body = route.certification.body.abbreviation
            note = route.review_note or _("your training")
            self.unknown.append(
                _("%(body)s reviews %(what)s first") % {"body": body, "what": note}
            )
        from_date = self.earliest if self.earliest > today else None
        if self.missing:
            verdict = NOT_YET
        elif self.unknown:
            verdict = MAYBE
        elif from_date:
            verdict = FROM
        else:
            verdict = NOW
        return RouteResult(
            route,
            verdict,
            self.missing,
            self.unknown,
            from_date,
            as_student=self.as_student,
            other_training=self.other_training,
        )

    def later(self, date):
        self.earliest = max(self.earliest, date)

    def check_training(self):
        route, profile = self.route, self.profile
        kind = route.training
        if kind == EligibilityRoute.Training.NONE:
            return
        if kind == EligibilityRoute.Training.MILITARY:
            if not profile.military:
                self.missing.append(Need(training_wanted(route), reachable=False))
                return
            self.check_ended(profile.military_months_ago, _("your military training"))
            return
        answers = PROGRAM_ANSWERS if kind == EligibilityRoute.Training.PROGRAM else {kind}
        if profile.training not in answers:
            needs_accreditation = (
                route.programmatic_accreditation_required
                or route.institution_accreditation_required
            )
            finder = FINDER_ACCREDITED if needs_accreditation else ""
            if kind == EligibilityRoute.Training.APPRENTICESHIP:
                finder = ""
            self.other_training = profile.training != "none"
            self.missing.append(Need(training_wanted(route), finder))
            return
        self.check_accreditation()
        self.check_hours()
        if profile.training_status == "enrolled":
            self.check_student()
        else:
            self.check_ended(profile.completed_months_ago, _("your training"))

    def check_accreditation(self):
        route, training = self.route, self.profile.training
        if route.programmatic_accreditation_required and training != "programmatic":
            self.missing.append(
                Need(
                    _("a CAAHEP- or ABHES-accredited medical assisting program"), FINDER_ACCREDITED
                )
            )
        elif route.institution_accreditation_required:
            if training == "apprenticeship":
                self.unknown.append(
                    _(
                        "whether your apprenticeship is offered by a school accredited by a USDE- "
                        "or CHEA-recognized accreditor"
                    )
                )
            elif training not in ACCREDITED_SCHOOL_ANSWERS:
                self.missing.append(
                    Need(
                        _(
                            "training at a school accredited by a USDE- or CHEA-recognized "
                            "accreditor (not sure about yours? ask the school, and if it is, "
                            "answer “institutional” above)"
                        ),
                        FINDER_ACCREDITED,
                    )
                )

    def check_hours(self):
        route, profile = self.route, self.profile
        needed = route.min_program_hours
        if needed:
            counted = profile.program_hours
            if counted is not None and not route.practicum_counts_toward_hours:
                counted -= profile.practicum_hours or 0
            params = {"need": needed, "have": counted}
            if counted is None:
                self.unknown.append(
                    _("how many clock hours your training had (this route needs %(need)d)")
                    % params
                )
            elif counted < needed:
                params["short"] = needed - counted
                if route.practicum_counts_toward_hours:
                    text = _(
                        "%(short)d more clock hours of training: this route needs "
                        "%(need)d, yours had %(have)d"
                    )
                else:
                    text = _(
                        "%(short)d more clock hours of training: this route needs %(need)d "
                        "not counting the practicum, yours had %(have)d"
                    )
                self.missing.append(Need(text % params))
            elif not route.practicum_counts_toward_hours and profile.practicum_hours is None:
                self.unknown.append(
                    _(
                        "how many of your hours were practicum (this route needs %(need)d "
                        "hours besides it)"
                    )
                    % params
                )
        self.check_practicum()

    def check_practicum(self):
        route, profile = self.route, self.profile
        needed, work = route.min_practicum_hours, route.alternative_work_hours
        if not needed:
            return
        params = {"need": needed, "have": profile.practicum_hours, "work": hours(work)}
        if profile.practicum_hours is None:
            self.unknown.append(
                _("how many hours of practicum or externship you had (this route needs %(need)d)")
                % params
            )
        elif profile.practicum_hours >= needed:
            return
        elif work and profile.experience_months:
            self.unknown.append(
                _(
                    "whether you have worked %(work)s hours as a medical assistant since "
                    "finishing, which this route accepts instead of a %(need)d-hour practicum"
                )
                % params
            )
        elif work:
            self.missing.append(
                Need(
                    _(
                        "a practicum of at least %(need)d hours (yours: %(have)d), or %(work)s "
                        "hours of medical assisting work after finishing"
                    )
                    % params,
                )
            )
        else:
            self.missing.append(
                Need(
                    _("a practicum or externship of at least %(need)d hours (yours: %(have)d)")
                    % params,
                )
            )

    def check_student(self):
        route, profile = self.route, self.profile
        finish_in = profile.finish_in_days
        self.as_student = route.students_may_apply
        if route.students_may_apply and route.student_days_before_finish is None:
            return
        days_before = route.student_days_before_finish if route.students_may_apply else 0
        if finish_in is None:
            if route.students_may_apply:
                text = _("when you finish: students may test from %(days)d days before") % {
                    "days": days_before
                }
            else:
                text = _("when you finish: this route opens when you have finished")
            self.unknown.append(text)
            return
        self.later(profile.today + datetime.timedelta(days=max(0, finish_in - days_before)))

    def check_ended(self, ended_ago, what):
        limit = self.route.completed_within_months
        if limit is None:
            return
        params = {"what": what, "limit": months(limit)}
        if ended_ago is None:
            self.unknown.append(
                _("when %(what)s ended (it must be within the last %(limit)s)") % params
            )
        elif ended_ago > limit:
            params["ago"] = months(ended_ago)
            self.missing.append(
                Need(
                    _("%(what)s ended %(ago)s ago; this route needs it within the last %(limit)s")
                    % params,
                    reachable=False,
                )
            )

    def check_experience(self):
        route, profile = self.route, self.profile
        needed, window = route.min_experience_months, route.experience_window_months
        if not needed:
            return
        params = {"need": months(needed), "window": months(window or 0)}
        if window:
            wanted = _("%(need)s of full-time medical assisting work within the last %(window)s")
        else:
            wanted = _("%(need)s of full-time medical assisting work")
        worked, ended = profile.experience_months, profile.experience_ended_months_ago
        if worked is None or (worked and ended is None and window):
            what = _("how many months you have worked as a medical assistant, and when")
            self.unknown.append(
                _("%(what)s (this route needs %(wanted)s)")
                % {"what": what, "wanted": wanted % params}
            )
            return
        extra = months_of_work_still_needed(worked, ended or 0, needed, window)
        if extra is None:
            self.missing.append(Need(wanted % params, reachable=False))
        elif extra and worked and not ended:
            self.later(add_months(profile.today, extra))
        elif extra:
            params["more"] = ngettext("%(count)d more month", "%(count)d more months", extra) % {
                "count": extra
            }
            if window:
                text = _(
                    "%(more)s of full-time medical assisting work (this route counts "
                    "%(need)s within the last %(window)s)"
                )
            else:
                text = _("%(more)s of full-time medical assisting work")
            self.missing.append(Need(text % params))


def answer_for(certification, profile):
    """The credential's best route first, then the others, closest first."""
    results = [RouteCheck(route, profile).result() for route in certification.routes.all()]
    results.sort(key=RouteResult.sort_key)
    return Answer(certification, results[0] if results else None, results)
