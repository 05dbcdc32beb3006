from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from certifications.models import Certification
from guide.models import NaturalKeyMixin, SlugNaturalKeyManager, SlugNaturalKeyQuerySet


class School(NaturalKeyMixin, models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    ipeds_unitid = models.PositiveIntegerField(
        unique=True, null=True, blank=True, help_text=_("IPEDS unit ID; blank for other schools.")
    )
    name = models.CharField(max_length=200)
    alias = models.CharField(max_length=300, blank=True)
    address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, db_index=True)
    zip_code = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    sector = models.CharField(max_length=80, blank=True, help_text=_("“Public, 2-year”."))
    website = models.URLField(max_length=300, blank=True)
    net_price_calculator_url = models.URLField(max_length=500, blank=True)
    is_open = models.BooleanField(default=True)
    data_source = models.CharField(max_length=200, blank=True, help_text=_("“IPEDS HD2024”."))

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="school_coordinates")]
        constraints = [
            # The finder finds schools without a location by latitude alone, through the index.
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="school_coordinates_together",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.city}, {self.state})"


class ProgramQuerySet(SlugNaturalKeyQuerySet):
    def published(self):
        """Programs the public may see: published, at an open school, cost not suspect."""
        return self.filter(published=True, school__is_open=True)

    def visible_to(self, user):
        """Editors preview drafts; everyone else sees published programs only."""
        return self.all() if user.is_staff else self.published()

    def for_listing(self):
        """What a result card shows, in a fixed number of queries."""
        return self.select_related("school").prefetch_related(
            models.Prefetch(
                "certifications", queryset=Certification.objects.order_by("sort_order")
            )
        )

    def matching_text(self, text):
        """School name, alias or city contains the text."""
        return self.filter(
            models.Q(school__name__icontains=text)
            | models.Q(school__alias__icontains=text)
            | models.Q(school__city__icontains=text)
        )

    def in_state(self, state):
        return self.filter(school__state=state)

    def costing_at_most(self, dollars):
        """Known total cost within budget, plus every program whose cost is unknown."""
        return self.filter(models.Q(total_cost__lte=dollars) | models.Q(total_cost__isnull=True))

    def lasting_at_most(self, months):
        """Known length within the limit, plus every program whose length is unknown."""
        return self.filter(
            models.Q(length_months__lte=months) | models.Q(length_months__isnull=True)
        )

    def count_by_state(self):
        """{state code: number of programs}, for states with at least one."""
        return dict(
            self.order_by()
            .values("school__state")
            .annotate(n=models.Count("pk"))
            .values_list("school__state", "n")
        )

    def cost_and_length_facts(self):
        """(pk, total cost, cost is an estimate, school-reported months) of each program.

        One light query for a summary over many programs (a state page's typical cost,
        cheapest and shortest); fetch the few programs to show afterwards by pk.
        """
        # Every stored total cost is reported until the cost_is_estimate field lands; then
        # Value(False) becomes F("cost_is_estimate") and the state pages label estimates.
        return self.annotate(
            school_length=models.Case(
                models.When(length_is_typical=False, then="length_months"),
                default=None,
                output_field=models.DecimalField(max_digits=4, decimal_places=1),
            ),
            estimated=models.Value(False, output_field=models.BooleanField()),
        ).values_list("pk", "total_cost", "estimated", "school_length")


class Program(NaturalKeyMixin, models.Model):
    class Credential(models.TextChoices):
        SHORT_CERTIFICATE = "short_certificate", _("Certificate (under 12 weeks)")
        CERTIFICATE = "certificate", _("Certificate (under 1 year)")
        DIPLOMA = "diploma", _("Certificate or diploma (1 to 2 years)")
        ASSOCIATE = "associate", _("Associate degree")
        ADVANCED_CERTIFICATE = "advanced_certificate", _("Certificate (2 to 4 years)")
        BACHELOR = "bachelor", _("Bachelor's degree")

    class Format(models.TextChoices):
        CAMPUS = "campus", _("On campus")
        HYBRID = "hybrid", _("Hybrid")
        ONLINE = "online", _("Online")

    class Accreditation(models.TextChoices):
        CAAHEP = "caahep", _("CAAHEP")
        ABHES = "abhes", _("ABHES")
        NONE = "none", _("Not programmatically accredited")
        UNKNOWN = "unknown", _("Not yet checked")

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="programs")
    slug = models.SlugField(max_length=160, unique=True)
    name = models.CharField(max_length=200, help_text=_("“Medical Assisting, certificate”."))
    credential = models.CharField(max_length=24, choices=Credential.choices, db_index=True)
    ipeds_award_level = models.PositiveSmallIntegerField(null=True, blank=True)

    format = models.CharField(
        max_length=10, choices=Format.choices, default=Format.CAMPUS, db_index=True
    )
    format_confirmed = models.BooleanField(
        default=False, help_text=_("Tick once the school has confirmed the format.")
    )
    length_months = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True, db_index=True
    )
    length_is_typical = models.BooleanField(
        default=False,
        help_text=_("The length is the credential's typical length, not the school's figure."),
    )
    length_hours = models.PositiveIntegerField(null=True, blank=True)
    length_hours_unit = models.CharField(max_length=20, blank=True, help_text=_("“clock hours”."))

    tuition_fees = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    books_supplies = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    other_costs = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    total_cost = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Computed: tuition and fees plus books and other costs."),
    )
    cost_suspect = models.BooleanField(
        default=False, help_text=_("The reported cost looks wrong; it is not shown.")
    )
    exam_fee_included = models.BooleanField(
        null=True, blank=True, help_text=_("Does the cost include the certification exam fee?")
    )

    evening = models.BooleanField(default=False, help_text=_("Evening classes offered."))
    weekend = models.BooleanField(default=False, help_text=_("Weekend classes offered."))
    part_time = models.BooleanField(default=False, help_text=_("Can be taken part time."))
    has_externship = models.BooleanField(
        null=True, blank=True, help_text=_("Includes an externship; blank = not known.")
    )
    externship_hours = models.PositiveIntegerField(null=True, blank=True)
    onsite_hours = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Hours that must be done in person.")
    )

    accreditation = models.CharField(
        max_length=10, choices=Accreditation.choices, default=Accreditation.UNKNOWN, db_index=True
    )
    accreditation_note = models.CharField(
        max_length=200, blank=True, help_text=_("“ABHES (2020 record, not re-checked)”.")
    )
    accreditation_checked_on = models.DateField(null=True, blank=True)
    certifications = models.ManyToManyField(
        Certification, related_name="programs", blank=True, help_text=_("Exams it prepares for.")
    )

    graduates_per_year = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    graduates_year = models.CharField(max_length=10, blank=True, help_text=_("“2023-24”."))

    cost_source = models.CharField(max_length=200, blank=True)
    length_source = models.CharField(max_length=200, blank=True)
    graduates_source = models.CharField(max_length=200, blank=True)
    data_source = models.CharField(max_length=200, blank=True)
    data_as_of = models.CharField(max_length=40, blank=True)
    last_verified = models.DateField(null=True, blank=True)
    published = models.BooleanField(default=True, db_index=True)

    objects = ProgramQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[certifications])

    class Meta:
        ordering = ["school__name", "name"]

    def __str__(self):
        return f"{self.name}, {self.school.name}"

    def save(self, *args, **kwargs):
        self.total_cost = self.compute_total_cost()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("programs:detail", kwargs={"slug": self.slug})

    def compute_total_cost(self):
        """Tuition plus any known extras; unknown when tuition is unknown or suspect."""
        if self.tuition_fees is None or self.cost_suspect:
            return None
        extras = (self.books_supplies, self.other_costs)
        return self.tuition_fees + sum((x for x in extras if x is not None), Decimal(0))
