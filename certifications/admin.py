from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from certifications import models
from core.admin import ReviewedAdminMixin, unpublish

ROUTE_FIELDSETS = [
    (None, {"fields": ["name", "slug", "description", "sort_order", "published"]}),
    (
        _("Training"),
        {
            "fields": [
                "training",
                "programmatic_accreditation_required",
                "institution_accreditation_required",
                ("min_program_hours", "practicum_counts_toward_hours"),
                ("min_practicum_hours", "alternative_work_hours"),
                ("students_may_apply", "student_days_before_finish"),
                "completed_within_months",
            ]
        },
    ),
    (
        _("Work and other conditions"),
        {
            "fields": [
                ("min_experience_months", "experience_window_months"),
                "cpr_required",
                "diploma_required",
                ("body_reviews_first", "review_note"),
                "other_requirements",
            ]
        },
    ),
    (_("Source and check"), {"fields": ["source", "verified_on"]}),
]


class EligibilityRouteInline(admin.StackedInline):
    model = models.EligibilityRoute
    extra = 0
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = ROUTE_FIELDSETS


class ExamFigureInline(admin.TabularInline):
    model = models.ExamFigure
    extra = 0
    autocomplete_fields = ["source"]
    fields = [
        "kind",
        "value",
        "amount_low",
        "amount_high",
        "note",
        "source",
        "verified_on",
        "slug",
    ]


@admin.register(models.CertifyingBody)
class CertifyingBodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "abbreviation", "url"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["abbreviation"]}


@admin.register(models.Certification)
class CertificationAdmin(ReviewedAdminMixin, SimpleHistoryAdmin):
    review_field = "verified_on"
    actions = [unpublish]
    list_display = ["code", "name", "body", "renewal_months", "verified_on"]
    list_filter = ["body", "published", "verified_on"]
    list_select_related = ["body"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["body", "sources"]
    prepopulated_fields = {"slug": ["code"]}
    inlines = [ExamFigureInline, EligibilityRouteInline]
    fieldsets = [
        (None, {"fields": ["code", "slug", "name", "body", "summary", "published", "sort_order"]}),
        (
            _("Where it is taken"),
            {"fields": ["at_test_center", "at_school", "at_home", "delivery_note"]},
        ),
        (_("Renewal"), {"fields": ["renewal_months", "renewal_requirement"]}),
        (
            _("Sources and checks"),
            {
                "fields": [
                    "credential_accreditation",
                    "official_url",
                    "sources",
                    "verified_on",
                    "editors_note",
                ]
            },
        ),
    ]


@admin.register(models.ExamFigure)
class ExamFigureAdmin(ReviewedAdminMixin, SimpleHistoryAdmin):
    review_field = "verified_on"
    list_display = ["certification", "kind", "value", "source", "verified_on"]
    list_filter = ["certification", "kind", "source__kind"]
    list_select_related = ["certification__body", "source"]
    search_fields = ["value", "note", "source__publisher"]
    autocomplete_fields = ["certification", "source"]


@admin.register(models.EligibilityRoute)
class EligibilityRouteAdmin(ReviewedAdminMixin, SimpleHistoryAdmin):
    review_field = "verified_on"
    actions = [unpublish]
    list_display = [
        "name",
        "certification",
        "training",
        "body_reviews_first",
        "published",
        "verified_on",
    ]
    list_filter = ["published", "certification", "training", "body_reviews_first"]
    list_select_related = ["certification__body"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["certification", "source"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [(None, {"fields": ["certification"]}), *ROUTE_FIELDSETS]
