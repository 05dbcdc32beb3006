from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.addresses import address
from core.history import create_missing_history
from core.models import (
    NaturalKeyMixin,
    PublishedQuerySet,
    SlugNaturalKeyManager,
    TranslatedModel,
    reviewer_field,
)
from core.validators import FigureRange, not_in_future

# Plausible ranges of the labour-market figures (core.validators.FigureRange).
ANNUAL_PAY = FigureRange(1_000, 500_000, money=True)
HOURLY_PAY = FigureRange(1, 250, money=True)
SHARE_PCT = FigureRange(0, 100)
GROWTH_PCT = FigureRange(-100, 1_000)
HEADCOUNT = FigureRange(0, 10_000_000)
YEAR = FigureRange(1990, 2100)


class Source(NaturalKeyMixin, TranslatedModel):
    class Kind(models.TextChoices):
        OFFICIAL_DATA = "official_data", _("Official statistics")
        OFFICIAL = "official", _("Official: the body's own page or handbook, or the law")
        QUOTES_OFFICIAL = (
            "quotes_official",
            _("A school's or public agency's page quoting the official one"),
        )
        SECONDARY = "secondary", _("Secondary page (a job board, guide or news site)")
        LOW = (
            "low",
            _("Test-prep seller or marketing page (shown with a caveat; its fees are not shown)"),
        )

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.OFFICIAL,
        help_text=_(
            "Shown beside every citation. Official only for the body's own page or document (a "
            "copy hosted elsewhere keeps that kind); a page retelling it is not official."
        ),
    )
    as_of = models.CharField(
        max_length=60,
        help_text=_("The period the figures describe, as the publisher names it: “May 2025”."),
    )
    accessed_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_("When we last read this source."),
    )
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_("When an editor last checked our use of it."),
    )
    reviewed_by = reviewer_field()

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["publisher", "title"]

    def __str__(self):
        return f"{self.publisher}: {self.title} ({self.as_of})"

    @property
    def kind_beside_citation(self):
        """What kind of page it is, as readers see it in brackets after a citation."""
        # Translated here, not left lazy: the template would resolve a lazy string at length.
        return str(CITED_KIND[self.kind])


# Shorter than the kinds' labels, which are written for editors choosing one.
CITED_KIND = {
    Source.Kind.OFFICIAL_DATA: _("official statistics"),
    Source.Kind.OFFICIAL: _("official"),
    Source.Kind.QUOTES_OFFICIAL: _("a school's or public agency's page quoting the official one"),
    Source.Kind.SECONDARY: _("a secondary page"),
    Source.Kind.LOW: _("a test-prep or marketing page: treat with care"),
}


class Contributor(NaturalKeyMixin, TranslatedModel):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, help_text=_("Shown in bylines: “Editor”."))
    bio = models.TextField(blank=True)

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class GuidePageQuerySet(PublishedQuerySet):
    def for_display(self):
        """What a page template needs beside the page itself."""
        return self.select_related("author", "reviewed_by").prefetch_related("sources")


class GuidePage(NaturalKeyMixin, TranslatedModel):
    class Kind(models.TextChoices):
        """Pages the site is built around. The kind, fixed when the page is made, picks the
        page's template (guide/page_<kind>.html) and its sections, so an editor may rename the
        page's address without losing either."""

        HOME = "home", _("Front page")
        BECOME = "become_a_medical_assistant", _("The path into the career")
        DUTIES = "what_medical_assistants_do", _("Duties and scope of practice")
        SALARY = "salary_and_outlook", _("Salary and outlook")
        TRAINING = "training", _("Training")
        COST = "cost_and_financial_aid", _("Cost and financial aid")
        CAREER_PATHS = "career_paths", _("Career paths")
        FAQ = "faq", _("Frequently asked questions")
        RESOURCES = "resources", _("Resources")
        ABOUT = "about", _("About the guide")
        ABOUT_DATA = "about_our_data", _("About our data")

    kind = models.CharField(
        max_length=40,
        choices=Kind.choices,
        blank=True,
        help_text=_("Set when the page is made; decides its template and sections."),
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text=_("The page's address: “faq” is served at /faq/; “home” is the front page."),
    )
    title = models.CharField(max_length=120)
    summary = models.CharField(
        max_length=300,
        help_text=_("One or two sentences; used as the meta description for search engines."),
    )
    body = models.TextField(
        blank=True, help_text=_("Markdown. Put figures in their own tables, not in the prose.")
    )
    author = models.ForeignKey(
        Contributor, on_delete=models.PROTECT, related_name="authored_pages", null=True
    )
    # Not a callable default: the admin would treat the field as changed on every save.
    written_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_(
            "The day the text was written (today if left blank): shown until an editor records "
            "a review."
        ),
    )
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_(
            "When you last checked every fact: setting it records you as the reviewer. Blank "
            "until an editor has."
        ),
    )
    reviewed_by = reviewer_field()
    sources = models.ManyToManyField(Source, related_name="pages", blank=True)
    published = models.BooleanField(default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)
    # Not auto_now: raw fixture loads skip auto_now, and this default lets fixtures omit it.
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = GuidePageQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["sort_order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=~models.Q(kind=""), name="one_guide_page_per_kind"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        self.written_on = self.written_on or timezone.localdate()
        if self.pk is not None:
            # Pages loaded without `seed` have no history, and an old address finds its page
            # through history: keep the stored version before it changes, or a renamed page's
            # old address would answer 404.
            create_missing_history(
                GuidePage,
                gettext("Starting version, kept before the first edit"),
                GuidePage.objects.filter(pk=self.pk),
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.kind == self.Kind.HOME:
            return address("guide:home")
        return address("guide:page", slug=self.slug)

    def clean(self):
        # The front page, the guide's sections and the about pages are linked from every page
        # (header, footer, home): taking one down would leave broken links across the site.
        if self.kind and not self.published:
            raise ValidationError(
                {
                    "published": _(
                        "“%(title)s” is one of the pages the site is built around (%(kind)s): "
                        "it stays published. Edit it, or ask an administrator."
                    )
                    % {"title": self.title, "kind": self.get_kind_display()}
                }
            )


class OrderedContent(NaturalKeyMixin, models.Model):
    """Small editable pieces of the guide: ordered, addressable by slug."""

    slug = models.SlugField(max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = SlugNaturalKeyManager()

    class Meta:
        abstract = True
        ordering = ["sort_order"]


class LiveFigure(models.TextChoices):
    """Figures computed from the site's data, shown beside text so no one types the number."""

    PROGRAM_COST = "program_cost", _("Typical program cost (from the program data)")
    EXAM_FEES = "exam_fees", _("Certification exam fees (from the certifications data)")


LIVE_FIGURE_HELP = _(
    "A figure computed from the site's data and shown under the text; write no number for it."
)


class CareerStep(OrderedContent, TranslatedModel):
    page = models.ForeignKey(GuidePage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(max_length=120)
    body = models.TextField(help_text=_("Markdown."))
    typical_time = models.CharField(max_length=120, blank=True)
    typical_cost = models.CharField(max_length=120, blank=True)
    live_figure = models.CharField(
        max_length=20, choices=LiveFigure, blank=True, help_text=LIVE_FIGURE_HELP
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    history = HistoricalRecords()
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {"source": ["typical_time", "typical_cost"]}

    class Meta(OrderedContent.Meta):
        pass

    def __str__(self):
        return self.title


class Duty(OrderedContent, TranslatedModel):
    class Kind(models.TextChoices):
        CLINICAL = "clinical", _("Clinical")
        ADMINISTRATIVE = "administrative", _("Administrative")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta(OrderedContent.Meta):
        verbose_name_plural = _("duties")

    def __str__(self):
        return self.title


class ScopeItem(OrderedContent, TranslatedModel):
    class Allowed(models.TextChoices):
        MAY = "may", _("May do")
        MAY_NOT = "may_not", _("May not do")

    allowed = models.CharField(max_length=10, choices=Allowed.choices)
    task = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta(OrderedContent.Meta):
        pass

    def __str__(self):
        return self.task


class NamedContent(OrderedContent):
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta(OrderedContent.Meta):
        abstract = True

    def __str__(self):
        return self.name


class Specialty(NamedContent, TranslatedModel):
    history = HistoricalRecords()

    class Meta(NamedContent.Meta):
        verbose_name_plural = _("specialties")


class Skill(NamedContent, TranslatedModel):
    history = HistoricalRecords()


class TrainingTopic(NamedContent, TranslatedModel):
    history = HistoricalRecords()


class WorkSetting(NamedContent, TranslatedModel):
    share_of_jobs_pct = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True, validators=[SHARE_PCT]
    )
    year = models.CharField(max_length=20, blank=True, help_text=_("“2024”."))
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    history = HistoricalRecords()
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {"source": ["share_of_jobs_pct"]}

    class Meta(NamedContent.Meta):
        constraints = SHARE_PCT.constraints("worksetting", "share_of_jobs_pct")


class IndustryWage(NamedContent, TranslatedModel):
    annual_mean = models.DecimalField(max_digits=9, decimal_places=0, validators=[ANNUAL_PAY])
    year = models.CharField(max_length=20, help_text=_("The reference period: “May 2023”."))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {"source": ["annual_mean"]}

    class Meta(NamedContent.Meta):
        constraints = ANNUAL_PAY.constraints("industrywage", "annual_mean")


MEDICAL_ASSISTANTS_SOC = "31-9092"


class CareerPath(OrderedContent, TranslatedModel):
    title = models.CharField(max_length=120)
    description = models.TextField()
    extra_training = models.TextField(
        blank=True, help_text=_("What the role requires beyond MA training; shown before its pay.")
    )
    soc_code = models.CharField(max_length=7, blank=True, help_text=_("BLS SOC code, if any."))
    pay_occupation = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "Whose pay the figure is when BLS has no occupation for this role, and what that "
            "occupation requires: “medical and health services managers, a role that usually "
            "needs a bachelor's degree”. Blank when the pay is the role's own."
        ),
    )
    median_annual_pay = models.DecimalField(
        max_digits=9, decimal_places=0, null=True, blank=True, validators=[ANNUAL_PAY]
    )
    pay_year = models.CharField(max_length=20, blank=True, help_text=_("“May 2025”."))
    pay_source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    history = HistoricalRecords()
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {"pay_source": ["median_annual_pay"]}

    class Meta(OrderedContent.Meta):
        constraints = ANNUAL_PAY.constraints("careerpath", "median_annual_pay")

    def __str__(self):
        return self.title

    def is_medical_assistant(self):
        """A path within the MA occupation itself, whose pay the salary page covers in full."""
        return self.soc_code == MEDICAL_ASSISTANTS_SOC

    @property
    def pay_period(self):
        """pay_year in the page's language: editors write it as BLS does ("May 2025"), the
        month of every OEWS release; other wording shows as written."""
        month, _space, year = self.pay_year.partition(" ")
        if month == "May" and year.isdigit():
            return gettext("May %(year)s") % {"year": year}
        return self.pay_year

    def bls_url(self):
        """BLS's own pay and employment page for the path's occupation (OEWS), if it has one."""
        if not self.soc_code:
            return ""
        return f"https://www.bls.gov/oes/current/oes{self.soc_code.replace('-', '')}.htm"


class FAQ(OrderedContent, TranslatedModel):
    page = models.ForeignKey(
        GuidePage, on_delete=models.CASCADE, related_name="faqs", null=True, blank=True
    )
    question = models.CharField(max_length=200)
    answer = models.TextField(help_text=_("Markdown."))
    live_figure = models.CharField(
        max_length=20, choices=LiveFigure, blank=True, help_text=LIVE_FIGURE_HELP
    )
    published = models.BooleanField(default=True)

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(OrderedContent.Meta):
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self):
        return self.question


class Association(OrderedContent, TranslatedModel):
    name = models.CharField(max_length=160)
    abbreviation = models.CharField(max_length=20)
    credential = models.CharField(max_length=40, blank=True, help_text=_("“CMA (AAMA)”."))
    description = models.TextField()
    url = models.URLField(max_length=300)
    history = HistoricalRecords()

    class Meta(OrderedContent.Meta):
        pass

    def __str__(self):
        return self.name


class FundingFactQuerySet(PublishedQuerySet):
    def for_display(self):
        """Each fact with the source its citation shows."""
        return self.select_related("source")


class FundingFact(OrderedContent, TranslatedModel):
    """One sourced fact about paying for training: an amount, a rule or a date."""

    class Topic(models.TextChoices):
        FEDERAL_AID = "federal_aid", _("Federal student aid")
        WORKFORCE_PELL = "workforce_pell", _("Workforce Pell")
        WIOA = "wioa", _("WIOA training accounts")
        MILITARY = "military", _("GI Bill and MyCAA")
        EMPLOYER = "employer", _("Apprenticeships and employer-paid training")

    topic = models.CharField(max_length=20, choices=Topic.choices)
    title = models.CharField(max_length=160, help_text=_("“The Pell Grant maximum, 2026-27”."))
    body = models.TextField(
        help_text=_("Markdown, our own words; the figure and date as the source gives them.")
    )
    caveat = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Shown after the fact: what is unconfirmed or may change, where to check."),
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="funding_facts")
    published = models.BooleanField(default=True)

    objects = FundingFactQuerySet.as_manager()
    history = HistoricalRecords()

    def __str__(self):
        return self.title


# When an OEWS estimate is shown as weak, the site's one rule: BLS attached a footnote to the
# row, or the relative standard error it publishes (in percent) is above these. A 10% RSE on
# the mean wage puts the 95% confidence range at about ±20% of the wage; employment RSEs run
# higher, and above 20% the count (and the pay behind it) rests on few responses.
WEAK_WAGE_RSE = Decimal(10)
WEAK_EMPLOYMENT_RSE = Decimal(20)
# The OEWS footnotes our files carry, in the publisher's words.
OEWS_FOOTNOTES = {"8": _("estimate not released")}


class WageFigureQuerySet(models.QuerySet):
    def get_by_natural_key(self, soc_code, area_code, year):
        return self.get(soc_code=soc_code, area_code=area_code, year=year)

    def national(self):
        """The nationwide row."""
        return self.filter(area_type=WageFigure.AreaType.NATIONAL)

    def states(self):
        """The 50 states, DC and the covered territories."""
        return self.filter(area_type=WageFigure.AreaType.STATE)

    def areas_in(self, state_code):
        """Metro and nonmetropolitan areas lying wholly or partly in the state."""
        # state_codes holds two-letter codes separated by spaces, so a two-letter substring
        # can only ever match a whole code.
        return self.filter(
            area_type__in=[WageFigure.AreaType.METRO, WageFigure.AreaType.NONMETRO],
            state_codes__contains=state_code,
        )

    def weak(self):
        """Rows BLS's own measures call weak (the rule is WageFigure.weaknesses's)."""
        return self.filter(
            models.Q(employment_rse__gt=WEAK_EMPLOYMENT_RSE)
            | models.Q(wage_rse__gt=WEAK_WAGE_RSE)
            | ~models.Q(footnote_codes="")
        )

    def latest_year(self):
        """Rows of the newest reference year only."""
        newest = self.order_by("-year").values("year")[:1]
        return self.filter(year=models.Subquery(newest))


# The pay figures of an OEWS row, in the order the survey publishes them.
PAY_FIELDS = [
    "annual_mean",
    "hourly_mean",
    "annual_p10",
    "annual_p25",
    "annual_median",
    "annual_p75",
    "annual_p90",
    "hourly_p10",
    "hourly_p25",
    "hourly_median",
    "hourly_p75",
    "hourly_p90",
]


class WageFigure(models.Model):
    class AreaType(models.TextChoices):
        NATIONAL = "national", _("National")
        STATE = "state", _("State")
        METRO = "metro", _("Metro area")
        NONMETRO = "nonmetro", _("Nonmetropolitan area")

    soc_code = models.CharField(max_length=7, default="31-9092")
    area_type = models.CharField(max_length=10, choices=AreaType.choices)
    area_code = models.CharField(max_length=7, help_text=_("BLS seven-digit area code."))
    area_name = models.CharField(max_length=120)
    state_code = models.CharField(
        max_length=2,
        blank=True,
        help_text=_("The state the area belongs to; for a metro area, the first state it names."),
    )
    state_codes = models.CharField(
        max_length=40,
        blank=True,
        help_text=_(
            "Every state the area lies in, as two-letter codes separated by spaces: “NY NJ”. "
            "The area is listed on each of those states' pages."
        ),
    )
    year = models.PositiveSmallIntegerField(
        validators=[YEAR], help_text=_("OEWS reference year: May of this year.")
    )
    employment = models.PositiveIntegerField(null=True, blank=True, validators=[HEADCOUNT])
    employment_rse = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Relative standard error of the employment estimate, in percent, from BLS."),
    )
    wage_rse = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Relative standard error of the mean wage, in percent, from BLS."),
    )
    footnote_codes = models.CharField(
        max_length=20,
        blank=True,
        help_text=_("The BLS footnote codes on this row, as published, separated by spaces."),
    )
    annual_mean = models.DecimalField(
        max_digits=9, decimal_places=0, null=True, blank=True, validators=[ANNUAL_PAY]
    )
    hourly_mean = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, validators=[HOURLY_PAY]
    )
    annual_p10 = models.DecimalField(
        max_digits=9, decimal_places=0, null=True, blank=True, validators=[ANNUAL_PAY]
    )
    annual_p25 = models.DecimalField(
        max_digits=9, decimal_places=0, null=True, blank=True, validators=[ANNUAL_PAY]
    )
    annual_median = models.DecimalField(
        max_digits=9, decimal_places=0, null=True, blank=True, validators=[ANNUAL_PAY]
    )
    annual_p75 = models.DecimalField(
        max_digits=9, decimal_places=0, null=True, blank=True, validators=[ANNUAL_PAY]
    )
    annual_p90 = models.DecimalField(
        max_digits=9, decimal_places=0, null=True, blank=True, validators=[ANNUAL_PAY]
    )
    hourly_p10 = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, validators=[HOURLY_PAY]
    )
    hourly_p25 = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, validators=[HOURLY_PAY]
    )
    hourly_median = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, validators=[HOURLY_PAY]
    )
    hourly_p75 = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, validators=[HOURLY_PAY]
    )
    hourly_p90 = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, validators=[HOURLY_PAY]
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="wage_figures")

    objects = WageFigureQuerySet.as_manager()
    history = HistoricalRecords()
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {
        "source": ["employment", "employment_rse", "wage_rse", "footnote_codes", *PAY_FIELDS]
    }

    class Meta:
        ordering = ["area_type", "area_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["soc_code", "area_code", "year"], name="unique_wage_figure"
            ),
            *YEAR.constraints("wagefigure", "year"),
            *HEADCOUNT.constraints("wagefigure", "employment"),
            *ANNUAL_PAY.constraints("wagefigure", *(f for f in PAY_FIELDS if "annual" in f)),
            *HOURLY_PAY.constraints("wagefigure", *(f for f in PAY_FIELDS if "hourly" in f)),
        ]

    def __str__(self):
        return f"{self.area_name}, May {self.year}"

    def natural_key(self):
        return (self.soc_code, self.area_code, self.year)

    natural_key.dependencies = ["guide.source"]

    @property
    def reference_period(self):
        return _("May %(year)s") % {"year": self.year}

    @property
    def weaknesses(self):
        """Why BLS's own figures say this row is a weak estimate; empty when they do not."""
        reasons = []
        if self.employment_rse is not None and self.employment_rse > WEAK_EMPLOYMENT_RSE:
            reasons.append(
                _("the employment estimate has a relative standard error of %(rse)s%%")
                % {"rse": self.employment_rse}
            )
        if self.wage_rse is not None and self.wage_rse > WEAK_WAGE_RSE:
            reasons.append(
                _("the mean wage has a relative standard error of %(rse)s%%")
                % {"rse": self.wage_rse}
            )
        for code in self.footnote_codes.split():
            note = OEWS_FOOTNOTES.get(code, _("see the BLS notes"))
            reasons.append(_("BLS footnote %(code)s: %(note)s") % {"code": code, "note": note})
        return reasons

    @property
    def is_weak(self):
        return bool(self.weaknesses)


class OutlookFigure(NaturalKeyMixin, models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    soc_code = models.CharField(max_length=7, default="31-9092")
    occupation = models.CharField(max_length=120)
    period_start = models.PositiveSmallIntegerField(validators=[YEAR])
    period_end = models.PositiveSmallIntegerField(validators=[YEAR])
    employment_start = models.PositiveIntegerField(validators=[HEADCOUNT])
    employment_end = models.PositiveIntegerField(validators=[HEADCOUNT])
    growth_pct = models.DecimalField(max_digits=5, decimal_places=1, validators=[GROWTH_PCT])
    openings_per_year = models.PositiveIntegerField(validators=[HEADCOUNT])
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="outlook_figures")

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {
        "source": ["employment_start", "employment_end", "growth_pct", "openings_per_year"]
    }

    class Meta:
        ordering = ["-period_start", "occupation"]
        constraints = [
            *YEAR.constraints("outlookfigure", "period_start", "period_end"),
            *HEADCOUNT.constraints(
                "outlookfigure", "employment_start", "employment_end", "openings_per_year"
            ),
            *GROWTH_PCT.constraints("outlookfigure", "growth_pct"),
        ]

    def __str__(self):
        return f"{self.occupation}, {self.period_start}–{self.period_end}"

    @property
    def employment_change(self):
        return self.employment_end - self.employment_start


class FeedbackQuerySet(models.QuerySet):
    def set_status(self, status, editor):
        """Move the notes to `status`, handled by `editor`; closing forgets the reader's
        address, as Feedback.save() does."""
        changes = {"status": status, "handled_by": editor}
        if status in Feedback.CLOSED:
            changes["email"] = ""
        return self.update(**changes)


class Feedback(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        FIXED = "fixed", _("Fixed")
        DECLINED = "declined", _("No change needed")

    # A closed note needs no reply, so the reader's address is not kept (and, with no history
    # on this model, not kept anywhere else).
    CLOSED = {Status.FIXED, Status.DECLINED}

    page_url = models.CharField(max_length=300, help_text=_("The page the reader was on."))
    message = models.TextField(max_length=4000)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    editor_note = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_feedback",
        limit_choices_to={"is_staff": True, "is_active": True},
        help_text=_("The editor who will check the page and answer this note."),
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"{self.page_url}: {self.message[:60]}"

    def save(self, *args, **kwargs):
        if self.status in self.CLOSED:
            self.email = ""
        super().save(*args, **kwargs)
