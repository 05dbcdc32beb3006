from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.addresses import address
from core.models import PublishedQuerySet, TranslatedModel, reviewer_field
from core.states import by_code, state_choices
from core.validators import not_in_future
from guide.models import GROWTH_PCT, HEADCOUNT, Source


class Confidence(models.TextChoices):
    """How sure we are of a fact, in the terms of our research notes."""

    OFFICIAL = "official", _("Official text")
    OFFICIAL_COPY = "official_copy", _("Official text, read on a copy")
    SECONDARY = "secondary", _("Secondary source citing the law")
    PARTIAL = "partial", _("Found only in part")
    SEARCHED = "searched", _("Searched; nothing specific found")


class StateProfileQuerySet(PublishedQuerySet):
    def get_by_natural_key(self, state):
        return self.get(state=state)

    def for_page(self):
        """What a state page shows of the profile, with its two sources."""
        return self.select_related("rules_source", "projection_source", "reviewed_by")


class StateProfile(TranslatedModel):
    """What editors keep for one state: how it treats MAs and its own job projection."""

    class Regulation(models.TextChoices):
        CREDENTIAL = "credential", _("A state credential or registration is required")
        TASK_LIMITS = (
            "task_limits",
            _("No MA credential, but some tasks need set training or certification"),
        )
        DELEGATION = (
            "delegation",
            _("No MA credential: licensed clinicians delegate tasks under state rules"),
        )
        NOT_FOUND = "not_found", _("We found no MA-specific law")

    # For the table of all states, where the full labels would make every row tall.
    REGULATION_SHORT = {
        Regulation.CREDENTIAL: _("Credential required"),
        Regulation.TASK_LIMITS: _("Some tasks need training"),
        Regulation.DELEGATION: _("Delegation rules"),
        Regulation.NOT_FOUND: _("No MA law found"),
    }

    state = models.CharField(max_length=2, unique=True, choices=state_choices)
    regulation = models.CharField(max_length=20, choices=Regulation.choices)
    summary = models.TextField(
        help_text=_("Two or three sentences in our own words; details go in the state's rules.")
    )
    confidence = models.CharField(max_length=20, choices=Confidence)
    rules_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="state_profiles",
        help_text=_("The source the summary rests on."),
    )
    board_name = models.CharField(
        max_length=160, blank=True, help_text=_("“Texas Medical Board”; blank if not known.")
    )
    board_url = models.URLField(max_length=300, blank=True)
    projection_period = models.CharField(
        max_length=20, blank=True, help_text=_("“2024–2034”; blank when the state has none.")
    )
    projection_base = models.PositiveIntegerField(null=True, blank=True, validators=[HEADCOUNT])
    projection_end = models.PositiveIntegerField(null=True, blank=True, validators=[HEADCOUNT])
    projection_growth_pct = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, blank=True, validators=[GROWTH_PCT]
    )
    projection_openings = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[HEADCOUNT],
        help_text=_("Openings as the publisher gives them."),
    )
    projection_openings_per_year = models.BooleanField(
        default=True,
        help_text=_(
            "Ticked when the publisher gives openings a year (Projections Central); "
            "unticked for a total over the whole period (California EDD)."
        ),
    )
    projection_source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    researched_on = models.DateField(
        validators=[not_in_future],
        help_text=_("When the facts were gathered, from stored copies of the sources."),
    )
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_("When an editor last checked the official pages; blank until someone has."),
    )
    reviewed_by = reviewer_field()
    published = models.BooleanField(
        default=True,
        help_text=_(
            "Untick to take the profile off the site: the state page, the table of states and "
            "the API then show the state's pay and programs without it. It can be published again."
        ),
    )

    objects = StateProfileQuerySet.as_manager()
    history = HistoricalRecords()
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {
        "projection_source": [
            "projection_base",
            "projection_end",
            "projection_growth_pct",
            "projection_openings",
        ]
    }

    class Meta:
        ordering = ["state"]
        constraints = [
            *HEADCOUNT.constraints(
                "stateprofile", "projection_base", "projection_end", "projection_openings"
            ),
            *GROWTH_PCT.constraints("stateprofile", "projection_growth_pct"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("states:detail", slug=by_code()[self.state].slug)

    def natural_key(self):
        return (self.state,)

    natural_key.dependencies = ["guide.source"]

    @property
    def name(self):
        return by_code()[self.state].name

    @property
    def has_projection(self):
        return self.projection_base is not None and self.projection_end is not None

    @property
    def projection_change(self):
        return self.projection_end - self.projection_base


class TaskRuleQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def for_state(self, state):
        """The state's rules with their sources, in the editors' order."""
        return self.filter(state=state).select_related("source", "reviewed_by")


class TaskRule(TranslatedModel):
    """One thing a state's law says about MA work: a credential, or a task and its conditions."""

    class Task(models.TextChoices):
        CREDENTIAL = "credential", _("Credential or registration")
        DELEGATION = "delegation", _("Delegation and supervision")
        INJECTIONS = "injections", _("Injections")
        VACCINES = "vaccines", _("Vaccines")
        MEDICATION = "medication", _("Medication")
        IV = "iv", _("IV lines and IV drugs")
        XRAY = "xray", _("X-rays")
        BLOOD = "blood", _("Blood draws and specimens")
        OTHER = "other", _("Other tasks")

    class Allowed(models.TextChoices):
        MAY = "may", _("Allowed, with the conditions given")
        MAY_NOT = "may_not", _("Not allowed")

    slug = models.SlugField(max_length=80, unique=True)
    state = models.CharField(max_length=2, choices=state_choices, db_index=True)
    task = models.CharField(max_length=20, choices=Task.choices)
    allowed = models.CharField(max_length=10, choices=Allowed.choices, default=Allowed.MAY)
    title = models.CharField(max_length=200)
    details = models.TextField(help_text=_("In our own words: who may, under whom, where."))
    training = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("The training, exam or credential it needs; blank if the law sets none."),
    )
    confidence = models.CharField(max_length=20, choices=Confidence)
    caveat = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("What is not yet confirmed, shown beside the rule."),
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="state_rules")
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_("When an editor last checked the official page; blank until someone has."),
    )
    reviewed_by = reviewer_field()
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = TaskRuleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["state", "sort_order", "pk"]

    def __str__(self):
        return f"{self.state}: {self.title}"

    def get_absolute_url(self):
        return address("states:detail", slug=by_code()[self.state].slug)

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["guide.source"]
