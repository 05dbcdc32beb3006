"""Answers "can I sit for this exam?" from the EligibilityRoute rows alone.

Each route's fields are generic conditions (training and its accreditation, hours, dates, months
of work, CPR, diploma, review by the body). A profile is checked against every condition of
every route. A condition can be met, missing (the profile says it is not met) or unknown (the
profile leaves the deciding fact blank, or only the body can decide). A route is then:

- "now": every condition met;
- "maybe": nothing missing, but something unknown or left to the body's review;
- "from": every condition met on a date we can compute (a student's test window, months of
  work still adding up);
- "maybe-from": as "maybe", and not before a date we can compute;
- "not-yet": something missing; the missing items are the plan.

That is also the order of preference: a chance to test now, even one the body must confirm,
comes before a sure date. The answer for a credential is its best route; a "not-yet" answer
also lists the plan of every route the person could still take, and what would fix it (time,
more hours, another program, a card or a diploma). The answers are shown soonest first, under
a one-sentence plan.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certifications.models import OFFICIAL_KINDS, EligibilityRoute

NOW, MAYBE, FROM, MAYBE_FROM, NOT_YET = "now", "maybe", "from", "maybe-from", "not-yet"
RANK = {NOW: 0, MAYBE: 1, FROM: 2, MAYBE_FROM: 3, NOT_YET: 4}

# What would meet a missing condition, easiest first: a plan needing only a CPR card comes
# before one needing more months of work, more hours, or another program.
DOCUMENT, TIME, HOURS, PROGRAM = "document", "time", "hours", "program"
EFFORT = {DOCUMENT: 0, TIME: 1, HOURS: 2, PROGRAM: 3}

# Training answers that count as "a program", and those at an accredited institution (a
# CAAHEP- or ABHES-accredited program is always offered by an accredited institution).
PROGRAM_ANSWERS = {"programmatic", "institutional", "unaccredited"}
ACCREDITED_SCHOOL_ANSWERS = {"programmatic", "institutional"}

# Finder query strings (programs:list) that list programs fixing a missing condition.
FINDER_ACCREDITED = "accreditation=caahep&accreditation=abhes"
FINDER_EXTERNSHIP = "externship=1"


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
    """One missing condition, said as a step to take.

    fix: what would meet it (TIME, HOURS, PROGRAM or DOCUMENT); None where nothing the reader
    can do now would (military training, say). finder: a query string for the programs finder
    that lists programs meeting it, or None where no program would.
    """

    text: str
    fix: str | None
    finder: str | None = None
    short: str = ""

    @property
    def reachable(self):
        return self.fix is not None

    @property
    def summary(self):
        """The step in a few words, for the plan sentence."""
        return self.short or self.text


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

    @property
    def fixes(self):
        """What would meet the missing conditions, each once, in the order they are named; time
        too where the route opens only on a later date."""
        fixes = [need.fix for need in self.missing if need.fix]
        if self.from_date:
            fixes.append(TIME)
        return list(dict.fromkeys(fixes))

    def sort_key(self):
        unreachable = sum(not need.reachable for need in self.missing)
        date = self.from_date or datetime.date.min
        effort = max((EFFORT[need.fix] for need in self.missing if need.fix), default=0)
        return (
            RANK[self.verdict],
            unreachable,
            self.other_training,
            effort,
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

    @property
    def fixes(self):
        """For a "not yet" answer: what would fix it on the closest route, [] if nothing would."""
        plans = self.plans
        return plans[0].fixes if plans else []

    @property
    def cited_route(self):
        """The route whose rule the answer rests on: the best, or for "not yet" the closest."""
        plans = self.plans
        return plans[0].route if plans else (self.best.route if self.best else None)

    @property
    def unofficial(self):
        """Whether that rule comes from a page other than the body's own."""
        route = self.cited_route
        return route is not None and route.source.kind not in OFFICIAL_KINDS

    def sort_key(self):
        """Soonest first: now, maybe now, a sure date, maybe from a date, not yet."""
        date = self.best.from_date if self.best and self.best.from_date else datetime.date.min
        return (RANK[self.verdict], date, self.certification.sort_order)

    def plan_clause(self):
        """This credential's part of the plan sentence."""
        params = {"code": self.certification.code, "body": self.certification.body.abbreviation}
        if self.best and self.best.from_date:
            params["date"] = date_format(self.best.from_date, "F j, Y")
        if self.best:
            params["count"] = len(self.best.unknown)
        if self.verdict == NOW:
            return _("the %(code)s now") % params
        if self.verdict == FROM:
            return _("the %(code)s from %(date)s") % params
        if self.verdict == MAYBE:
            return (
                ngettext(
                    "the %(code)s perhaps now (%(count)d thing to confirm with %(body)s)",
                    "the %(code)s perhaps now (%(count)d things to confirm with %(body)s)",
                    params["count"],
                )
                % params
            )
        if self.verdict == MAYBE_FROM:
            return (
                ngettext(
                    "the %(code)s perhaps from %(date)s (%(count)d thing to confirm with "
                    "%(body)s)",
                    "the %(code)s perhaps from %(date)s (%(count)d things to confirm with "
                    "%(body)s)",
                    params["count"],
                )
                % params
            )
        plans = self.plans
        if not plans:
            return _("the %(code)s is not open to you on any of its routes") % params
        plan = plans[0]
        needs = [need.summary for need in plan.missing]
        if len(needs) > 1:
            needs = [
                _("%(first)s and %(last)s") % {"first": ", ".join(needs[:-1]), "last": needs[-1]}
            ]
        params["needs"] = needs[0]
        if plan.from_date:
            params["date"] = date_format(plan.from_date, "F j, Y")
            return _("the %(code)s not before %(date)s, with %(needs)s") % params
        return _("the %(code)s needs %(needs)s") % params


def in_order(answers):
    """The answers soonest first, as the page shows them under the plan."""
    return sorted(answers, key=Answer.sort_key)


def plan_sentence(answers):
    """One sentence naming every credential, soonest first: the plan at the top of the answer.

    answers: in_order(...) output.
    """
    if not answers:
        return ""
    clauses = "; ".join(answer.plan_clause() for answer in answers)
    if answers[0].verdict == NOT_YET:
        return _("None of these exams is open to you yet: %(clauses)s.") % {"clauses": clauses}
    return _("You can take %(clauses)s.") % {"clauses": clauses}


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


def training_wanted_briefly(route):
    """The same in a few words, for the plan sentence."""
    kind = route.training
    if kind == EligibilityRoute.Training.MILITARY:
        return _("military medical training")
    if kind == EligibilityRoute.Training.APPRENTICESHIP:
        return _("an apprenticeship")
    if route.programmatic_accreditation_required:
        return _("an accredited program")
    if route.institution_accreditation_required:
        return _("a program at an accredited school")
    return _("a medical assisting program")


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
                self.missing.append(Need(_("a current CPR card"), DOCUMENT))
        if route.diploma_required and self.profile.diploma is not True:
            if self.profile.diploma is None:
                self.unknown.append(_("whether you have a high-school diploma or GED"))
            else:
                self.missing.append(Need(_("a high-school diploma or GED"), DOCUMENT))
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
            verdict = MAYBE_FROM if from_date else MAYBE
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
                self.missing.append(
                    Need(training_wanted(route), None, short=training_wanted_briefly(route))
                )
                return
            self.check_ended(profile.military_months_ago, _("your military training"))
            return
        answers = {
            EligibilityRoute.Training.PROGRAM: PROGRAM_ANSWERS,
            EligibilityRoute.Training.ANY: PROGRAM_ANSWERS | {"apprenticeship"},
        }.get(kind, {kind})
        if profile.training not in answers:
            self.other_training = profile.training != "none"
            self.missing.append(
                Need(
                    training_wanted(route),
                    PROGRAM,
                    finder_for(route),
                    short=training_wanted_briefly(route),
                )
            )
            return
        if kind == EligibilityRoute.Training.ANY and profile.training == "apprenticeship":
            self.unknown.append(
                _(
                    "whether %(body)s counts your apprenticeship as the training this route asks "
                    "for (its sources name only a training program)"
                )
                % {"body": route.certification.body.abbreviation}
            )
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
                    _("a CAAHEP- or ABHES-accredited medical assisting program"),
                    PROGRAM,
                    FINDER_ACCREDITED,
                    short=_("an accredited program"),
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
                        PROGRAM,
                        FINDER_ACCREDITED,
                        short=_("a program at an accredited school"),
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
                self.missing.append(
                    Need(
                        text % params,
                        HOURS,
                        finder_preparing_for(route),
                        short=_("%(short)d more clock hours of training") % params,
                    )
                )
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
                    HOURS,
                    FINDER_EXTERNSHIP,
                    short=_("a %(need)d-hour practicum or %(work)s hours of work") % params,
                )
            )
        else:
            self.missing.append(
                Need(
                    _("a practicum or externship of at least %(need)d hours (yours: %(have)d)")
                    % params,
                    HOURS,
                    FINDER_EXTERNSHIP,
                    short=_("a %(need)d-hour practicum") % params,
                )
            )

    def check_student(self):
        route, profile = self.route, self.profile
        finish_in = profile.finish_in_days
        self.as_student = route.students_may_apply
        if route.students_may_apply and route.student_window_unstated:
            self.unknown.append(
                _(
                    "how long before finishing %(body)s lets students test: its sources say "
                    "students about to graduate may apply, but not how early"
                )
                % {"body": route.certification.body.abbreviation}
            )
            return
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
                    None,
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
            self.missing.append(Need(wanted % params, None))
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
            short = ngettext(
                "%(count)d more month of work", "%(count)d more months of work", extra
            ) % {"count": extra}
            self.missing.append(Need(text % params, TIME, short=short))


def finder_for(route):
    """The finder query listing programs that give a route's training; None for those it lists
    none of (apprenticeships, military training)."""
    if route.training not in (EligibilityRoute.Training.PROGRAM, EligibilityRoute.Training.ANY):
        return None
    if route.programmatic_accreditation_required or route.institution_accreditation_required:
        return FINDER_ACCREDITED
    return finder_preparing_for(route)


def finder_preparing_for(route):
    """The finder query listing programs that say they prepare for the route's credential."""
    return urlencode({"certification": route.certification.slug})


def answer_for(certification, profile):
    """The credential's best route first, then the others, closest first."""
    results = [RouteCheck(route, profile).result() for route in certification.routes.all()]
    results.sort(key=RouteResult.sort_key)
    return Answer(certification, results[0] if results else None, results)
