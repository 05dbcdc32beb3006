import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.addresses import address
from core.models import (
    NaturalKeyMixin,
    PublishedQuerySet,
    SlugNaturalKeyManager,
    TranslatedModel,
    reviewer_field,
)
from core.validators import FigureRange, not_in_future, within
from guide.models import Source

# How far each kind of source can be trusted, best first: a figure shows only from the best kind
# that gives it, so a test-prep page drops out once a better source gives the same figure.
SOURCE_RANK = {
    Source.Kind.OFFICIAL: 0,
    Source.Kind.OFFICIAL_DATA: 0,
    Source.Kind.QUOTES_OFFICIAL: 1,
    Source.Kind.SECONDARY: 2,
    Source.Kind.LOW: 3,
}
OFFICIAL_KINDS = {Source.Kind.OFFICIAL, Source.Kind.OFFICIAL_DATA}

# Sane bounds for exam rules: no body asks for more hours than a long program holds, and no
# window or credential runs beyond ten years.
MAX_HOURS = 4000
MAX_MONTHS = 120
# No exam or renewal fee of these credentials comes near $1,000; a larger amount is a slip.
FEE = FigureRange(0, 1_000, money=True)
FEE_KINDS = {"exam_fee", "renewal_fee"}
# The amounts a fee text names: "$125", "$1,250.00".
DOLLARS = re.compile(r"\$\s?(\d[\d,]*(?:\.\d{1,2})?)")


class CertifyingBody(NaturalKeyMixin, TranslatedModel):
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=160)
    abbreviation = models.CharField(max_length=20)
    url = models.URLField(max_length=300)
    description = models.TextField(blank=True)

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("certifying bodies")

    def __str__(self):
        return f"{self.name} ({self.abbreviation})"


class CertificationQuerySet(PublishedQuerySet):
    def for_comparison(self):
        """Everything the side-by-side table shows, in a fixed number of queries."""
        return (
            self.for_eligibility()
            .with_figures()
            .select_related("renewal_source", "delivery_source", "accreditation_source")
            .prefetch_related("sources")
        )

    def with_figures(self, *kinds):
        """With the published exam figures (of these kinds, if given) and their sources as
        `figures`: every page, search and the API read figures only through this."""
        figures = ExamFigure.objects.published().select_related("source")
        if kinds:
            figures = figures.filter(kind__in=kinds)
        return self.prefetch_related(models.Prefetch("figures", queryset=figures))

    def for_eligibility(self):
        """The credentials with the rule rows the checker reads, in a fixed number of queries."""
        return self.select_related("body").prefetch_related(
            models.Prefetch(
                "routes", queryset=EligibilityRoute.objects.published().select_related("source")
            )
        )


class CheckedByAnEditor:
    """A figure or rule is "checked" only with its whole review record: the date and the editor
    who recorded it in admin (core.models.reviewer_field); a date alone claims nothing."""

    @property
    def checked_on(self) -> date | None:
        return self.verified_on if self.verified_by_id else None


class Certification(CheckedByAnEditor, NaturalKeyMixin, TranslatedModel):
    code = models.CharField(max_length=10, unique=True, help_text=_("“CMA”."))
    slug = models.SlugField(max_length=40, unique=True, help_text=_("The page's address."))
    name = models.CharField(max_length=120, help_text=_("“Certified Medical Assistant”."))
    body = models.ForeignKey(
        CertifyingBody, on_delete=models.PROTECT, related_name="certifications"
    )
    summary = models.TextField(help_text=_("Two or three plain sentences for the overview."))
    at_test_center = models.BooleanField(default=True, help_text=_("At a test center."))
    at_school = models.BooleanField(default=False, help_text=_("At a school, with a proctor."))
    at_home = models.BooleanField(default=False, help_text=_("At home, live remote proctor."))
    delivery_note = models.CharField(max_length=300, blank=True)
    delivery_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where the places and the note come from; shown beside them."),
    )
    renewal_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)],
        help_text=_("How long the credential lasts before renewal."),
    )
    renewal_requirement = models.TextField(blank=True)
    renewal_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where the renewal period and requirement come from; shown beside them."),
    )
    credential_accreditation = models.CharField(
        max_length=120, blank=True, help_text=_("Who accredits the credential: “NCCA”.")
    )
    accreditation_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where the credential's accreditation comes from; shown beside it."),
    )
    official_url = models.URLField(max_length=300)
    verified_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_(
            "When an editor last checked every figure against the body's official pages; "
            "blank until someone has."
        ),
    )
    verified_by = reviewer_field()
    sources = models.ManyToManyField(Source, related_name="certifications", blank=True)
    editors_note = models.TextField(
        blank=True,
        help_text=_("Shown to readers where sources disagree: say which figure we show and why."),
    )
    confirm_before_applying = models.TextField(
        blank=True,
        help_text=_(
            "Shown with every eligibility answer until an editor has checked the rules: what a "
            "reader should ask the body before applying, in plain words."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(default=True)

    objects = CertificationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[sources])
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {
        "delivery_source": ["at_test_center", "at_school", "at_home", "delivery_note"],
        "renewal_source": ["renewal_months", "renewal_requirement"],
        "accreditation_source": ["credential_accreditation"],
    }

    class Meta:
        ordering = ["sort_order", "code"]
        constraints = [within("certification", "renewal_months", 0, MAX_MONTHS)]

    def __str__(self):
        return f"{self.code} ({self.body.abbreviation})"

    def get_absolute_url(self):
        return address("certifications:detail", slug=self.slug)

    @property
    def delivery_places(self):
        places = [
            (self.at_test_center, _("At a test center")),
            (self.at_school, _("At a school, with a proctor")),
            (self.at_home, _("At home, with a live remote proctor")),
        ]
        return [label for offered, label in places if offered]

    def figures_of(self, kind):
        """This credential's figures of one kind, from the prefetched rows."""
        return [figure for figure in self.figures.all() if figure.kind == kind]

    def shown_figures_of(self, kind):
        """The figures of one kind a page shows: those from the best kind of source."""
        return best_sourced(self.figures_of(kind))

    @property
    def exam_fee_bounds(self):
        """(lowest, highest) exam fee its best sources give, or None while none may be shown."""
        return amount_bounds(self.shown_figures_of(ExamFigure.Kind.EXAM_FEE))


def best_sourced(figures):
    """The figures whose source is of the best kind among them, in their order."""
    figures = list(figures)
    best = min((SOURCE_RANK[f.source.kind] for f in figures), default=None)
    return [f for f in figures if SOURCE_RANK[f.source.kind] == best]


def amount_bounds(figures):
    """The lowest and highest amount a set of fee figures names; None when none names one.

    A test-prep or marketing page's amount never counts: such a fee is "not confirmed".
    """
    amounts = [
        a for f in figures if f.shows_value for a in (f.amount_low, f.amount_high) if a is not None
    ]
    return (min(amounts), max(amounts)) if amounts else None


class ExamFigure(CheckedByAnEditor, NaturalKeyMixin, TranslatedModel):
    """One figure as one source gives it; where sources disagree, each gets its own row."""

    class Kind(models.TextChoices):
        QUESTIONS = "questions", _("Exam questions")
        TESTING_TIME = "testing_time", _("Testing time")
        EXAM_FEE = "exam_fee", _("Exam fee")
        PASSING_SCORE = "passing_score", _("Passing score")
        ATTEMPTS = "attempts", _("Attempts and retakes")
        RENEWAL_FEE = "renewal_fee", _("Renewal fee")

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="figures"
    )
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(
        max_length=200, help_text=_("The figure as readers see it: “$135 for members”.")
    )
    amount_low = models.DecimalField(
        validators=[FEE],
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Fees only: the lowest amount this source gives, for the range we show."),
    )
    amount_high = models.DecimalField(
        validators=[FEE],
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Fees only: the highest amount, where this source gives more than one."),
    )
    note = models.CharField(
        max_length=300, blank=True, help_text=_("A caveat: “probably includes breaks”.")
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="exam_figures")
    verified_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_(
            "When an editor checked this figure on the body's official page; blank until then."
        ),
    )
    verified_by = reviewer_field()
    sort_order = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(
        default=True,
        help_text=_(
            "Untick to take the figure off the credential's pages, the fee ranges, search and "
            "the API; it can be published again."
        ),
    )

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {"source": ["value", "amount_low", "amount_high"]}

    class Meta:
        ordering = ["certification", "kind", "sort_order"]
        constraints = [
            *FEE.constraints("examfigure", "amount_low", "amount_high"),
            models.CheckConstraint(
                condition=models.Q(amount_low__isnull=True)
                | models.Q(amount_high__isnull=True)
                | models.Q(amount_low__lte=models.F("amount_high")),
                name="examfigure_amounts_in_order",
                violation_error_message=_("The lowest amount cannot be above the highest."),
            ),
        ]

    def __str__(self):
        return f"{self.certification.code}: {self.get_kind_display()} {self.value}"

    @property
    def is_fee(self):
        return self.kind in (self.Kind.EXAM_FEE, self.Kind.RENEWAL_FEE)

    @property
    def shows_value(self):
        """Whether pages may show this figure: never a fee that a test-prep seller gives."""
        return not (self.is_fee and self.source.kind == Source.Kind.LOW)

    def clean(self):
        if None not in (self.amount_low, self.amount_high) and self.amount_low > self.amount_high:
            raise ValidationError(
                {"amount_high": _("The highest amount cannot be below the lowest.")}
            )
        if self.kind in FEE_KINDS:
            self.check_amounts_in_text()

    def check_amounts_in_text(self):
        """A fee's amounts are the ones its text gives readers, so the range we show and the
        text beside it cannot disagree."""
        named = {Decimal(amount.replace(",", "")) for amount in DOLLARS.findall(self.value)}
        errors = {
            name: _("%(amount)s is not in the text “%(text)s”: give the amounts the text gives.")
            % {"amount": f"${amount:,}", "text": self.value}
            for name in ("amount_low", "amount_high")
            if (amount := getattr(self, name)) is not None and amount not in named
        }
        if errors:
            raise ValidationError(errors)


class EligibilityRoute(CheckedByAnEditor, NaturalKeyMixin, TranslatedModel):
    """One way to qualify for an exam, written as data so editors can change the rules.

    Every condition is a field the checker reads; a blank number means the route sets no such
    condition. Conditions the checker cannot ask about go in other_requirements, in words.
    """

    class Training(models.TextChoices):
        NONE = "none", _("No training required")
        PROGRAM = "program", _("A medical assisting program")
        APPRENTICESHIP = "apprenticeship", _("A medical assisting apprenticeship")
        MILITARY = "military", _("Medical assisting training in the armed forces")
        ANY = (
            "any",
            _(
                "Any completed medical assisting training (a program counts; an apprenticeship is "
                "for the body to confirm)"
            ),
        )

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="routes"
    )
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(
        max_length=160, help_text=_("“Recent graduate of an accredited program”.")
    )
    description = models.TextField(help_text=_("Who this route is for, in plain words."))
    training = models.CharField(
        max_length=20,
        choices=Training.choices,
        default=Training.NONE,
        help_text=_("The training this route asks for; the conditions below apply to it."),
    )
    programmatic_accreditation_required = models.BooleanField(
        default=False, help_text=_("The program itself must be accredited by CAAHEP or ABHES.")
    )
    institution_accreditation_required = models.BooleanField(
        default=False,
        help_text=_(
            "The school must be accredited by a USDE- or CHEA-recognized accreditor "
            "(a CAAHEP- or ABHES-accredited program always is)."
        ),
    )
    min_program_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS)],
        help_text=_("Clock hours the training must last; blank = none."),
    )
    practicum_counts_toward_hours = models.BooleanField(
        default=True,
        help_text=_(
            "Tick when the practicum counts toward the minimum hours (AMT's 720 “including” "
            "the externship); untick when it does not (the AAMA's 560 “not counting” it)."
        ),
    )
    min_practicum_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS)],
        help_text=_("Hours of practicum or externship required; blank = none."),
    )
    alternative_work_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS)],
        help_text=_(
            "Hours of MA work after finishing that may replace the practicum; blank = none."
        ),
    )
    students_may_apply = models.BooleanField(
        default=False,
        help_text=_("Students still in the training may test before they finish."),
    )
    student_days_before_finish = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "Students may test from this many days before finishing; blank = at any time while "
            "enrolled. Ignored unless students may apply."
        ),
    )
    student_window_unstated = models.BooleanField(
        default=False,
        help_text=_(
            "Tick when the source lets students apply but says nothing of how early: the checker "
            "then answers students “maybe” and tells them to ask the body."
        ),
    )
    completed_within_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)],
        help_text=_(
            "The training must have ended at most this many months ago; blank = no limit."
        ),
    )
    min_experience_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)],
        help_text=_("Full-time months of MA work needed; blank = none."),
    )
    experience_window_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)],
        help_text=_("The work must fall within this many recent months; blank = any time."),
    )
    cpr_required = models.BooleanField(default=False, help_text=_("A current CPR card."))
    diploma_required = models.BooleanField(
        default=False, help_text=_("A high-school diploma or GED is required.")
    )
    body_reviews_first = models.BooleanField(
        default=False,
        help_text=_(
            "The body decides case by case (reviews a transcript, keeps a list of approved "
            "programs): the checker then answers “maybe” at best."
        ),
    )
    review_note = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "What the body reviews, in plain words: “a transcript and an attestation form”."
        ),
    )
    other_requirements = models.TextField(
        blank=True,
        help_text=_(
            "Conditions the checker cannot ask about (subjects covered, length in semesters)."
        ),
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="routes")
    verified_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_(
            "When an editor checked this rule on the body's official page; blank until then."
        ),
    )
    verified_by = reviewer_field()
    sort_order = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(
        default=True,
        help_text=_(
            "Untick to take the route off the credential's page and out of the eligibility "
            "checker; it can be published again."
        ),
    )

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {
        "source": [
            "min_program_hours",
            "min_practicum_hours",
            "alternative_work_hours",
            "student_days_before_finish",
            "completed_within_months",
            "min_experience_months",
            "experience_window_months",
        ]
    }

    class Meta:
        ordering = ["certification", "sort_order"]
        constraints = [
            within("eligibilityroute", "min_program_hours", 0, MAX_HOURS),
            within("eligibilityroute", "min_practicum_hours", 0, MAX_HOURS),
            within("eligibilityroute", "alternative_work_hours", 0, MAX_HOURS),
            within("eligibilityroute", "student_days_before_finish", 0, 365),
            within("eligibilityroute", "completed_within_months", 0, MAX_MONTHS),
            within("eligibilityroute", "min_experience_months", 0, MAX_MONTHS),
            within("eligibilityroute", "experience_window_months", 0, MAX_MONTHS),
        ]

    def __str__(self):
        return f"{self.certification.code}: {self.name}"
