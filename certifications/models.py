from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import NaturalKeyMixin, PublishedQuerySet, SlugNaturalKeyManager
from guide.models import Source


class CertifyingBody(NaturalKeyMixin, models.Model):
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
        return self.select_related("body").prefetch_related(
            "sources",
            models.Prefetch("routes", queryset=EligibilityRoute.objects.select_related("source")),
        )


class Certification(NaturalKeyMixin, models.Model):
    code = models.CharField(max_length=10, unique=True, help_text=_("“CMA”."))
    slug = models.SlugField(max_length=40, unique=True, help_text=_("The page's address."))
    name = models.CharField(max_length=120, help_text=_("“Certified Medical Assistant”."))
    body = models.ForeignKey(
        CertifyingBody, on_delete=models.PROTECT, related_name="certifications"
    )
    summary = models.TextField(help_text=_("Two or three plain sentences for the overview."))
    scored_items = models.PositiveSmallIntegerField(null=True, blank=True)
    pretest_items = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Unscored trial questions; blank if not published.")
    )
    exam_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Testing time, without breaks.")
    )
    fee_member = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Exam fee for members, or the single fee when there is only one."),
    )
    fee_non_member = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only where the body charges non-members more."),
    )
    fee_note = models.CharField(max_length=300, blank=True)
    at_test_center = models.BooleanField(default=True, help_text=_("At a test center."))
    at_school = models.BooleanField(default=False, help_text=_("At a school, with a proctor."))
    at_home = models.BooleanField(default=False, help_text=_("At home, live remote proctor."))
    delivery_note = models.CharField(max_length=300, blank=True)
    renewal_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("How long the credential lasts before renewal.")
    )
    renewal_requirement = models.TextField(blank=True)
    renewal_fee = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    credential_accreditation = models.CharField(
        max_length=120, blank=True, help_text=_("Who accredits the credential: “NCCA”.")
    )
    official_url = models.URLField(max_length=300)
    verified_on = models.DateField(help_text=_("When an editor last checked every figure."))
    sources = models.ManyToManyField(Source, related_name="certifications", blank=True)
    editors_note = models.TextField(
        blank=True,
        help_text=_("Shown to readers where sources disagree: say which figure we show and why."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(default=True)

    objects = CertificationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["sort_order", "code"]

    def __str__(self):
        return f"{self.code} ({self.body.abbreviation})"

    def get_absolute_url(self):
        return reverse("certifications:detail", kwargs={"slug": self.slug})

    @property
    def delivery_places(self):
        places = [
            (self.at_test_center, _("At a test center")),
            (self.at_school, _("At a school, with a proctor")),
            (self.at_home, _("At home, with a live remote proctor")),
        ]
        return [label for offered, label in places if offered]

    @property
    def total_items(self):
        if self.scored_items is None:
            return None
        return self.scored_items + (self.pretest_items or 0)


class EligibilityRoute(NaturalKeyMixin, models.Model):
    """One way to qualify for an exam, written as data so editors can change the rules."""

    class Education(models.TextChoices):
        NONE = "none", _("No training program required")
        ANY_PROGRAM = "any_program", _("Any medical assisting training program")
        ACCREDITED_PROGRAM = (
            "accredited_program",
            _("A CAAHEP- or ABHES-accredited medical assisting program"),
        )
        APPRENTICESHIP = "apprenticeship", _("An approved medical assisting apprenticeship")

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="routes"
    )
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(
        max_length=160, help_text=_("“Recent graduate of an accredited program”.")
    )
    description = models.TextField(help_text=_("Who this route is for, in plain words."))
    education = models.CharField(max_length=20, choices=Education.choices, default=Education.NONE)
    students_may_apply = models.BooleanField(
        default=False,
        help_text=_("Students still in the program may sit (or apply) before they finish."),
    )
    completed_within_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("Training must have ended at most this many months ago; blank = no limit."),
    )
    min_experience_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Months of MA work needed; blank = none.")
    )
    experience_window_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("The work must fall within this many recent months; blank = any time."),
    )
    military_training = models.BooleanField(
        default=False, help_text=_("This route is for MA training in the armed forces.")
    )
    diploma_required = models.BooleanField(
        default=False, help_text=_("A high-school diploma or GED is required.")
    )
    other_requirements = models.TextField(
        blank=True,
        help_text=_("Conditions the checker cannot ask about (CPR card, 720 hours...)."),
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="routes")
    verified_on = models.DateField()
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["certification", "sort_order"]

    def __str__(self):
        return f"{self.certification.code}: {self.name}"
