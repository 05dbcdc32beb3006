from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from certifications import models
from certifications.views import CertificationDetailView
from core.admin import (
    FigureSourceInlineMixin,
    HistoryAdmin,
    ReviewedAdminMixin,
    TranslatedAdmin,
    TranslatedInline,
    TranslatedTabularInline,
    unpublish,
)
from core.editing import EditingAdminMixin, SortableStackedInline, view_preview
from core.translations import localized

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
                "student_window_unstated",
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


class EligibilityRouteInline(FigureSourceInlineMixin, TranslatedInline, SortableStackedInline):
    model = models.EligibilityRoute
    extra = 0
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["name"]}
    # The route's own form shows every condition open; here each opens on demand.
    fieldsets = [
        (
            _("Route and order"),
            {"classes": ["collapse"], "fields": ["name", "slug", "description", "sort_order"]},
        ),
        *[
            (name, {**options, "classes": ["collapse"]})
            for name, options in ROUTE_FIELDSETS
            if name is not None
        ],
    ]


class ExamFigureInline(FigureSourceInlineMixin, TranslatedTabularInline):
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
        "published",
        "slug",
    ]


@admin.register(models.CertifyingBody)
class CertifyingBodyAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["name", "abbreviation", "url"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["abbreviation"]}


@admin.register(models.Certification)
class CertificationAdmin(EditingAdminMixin, ReviewedAdminMixin, TranslatedAdmin, HistoryAdmin):
    review_field = "verified_on"
    reviewer_field = "verified_by"
    draft_fields = ["name", *localized("summary", "delivery_note", "renewal_requirement")]
    actions = [unpublish]
    list_display = ["code", "name", "body", "renewal_months", "verified_on"]
    list_filter = ["body", "published", "verified_on"]
    list_select_related = ["body"]
    search_fields = ["code", "name"]
    autocomplete_fields = [
        "body",
        "sources",
        "delivery_source",
        "renewal_source",
        "accreditation_source",
    ]
    prepopulated_fields = {"slug": ["code"]}
    inlines = [ExamFigureInline, EligibilityRouteInline]
    fieldsets = [
        (None, {"fields": ["code", "slug", "name", "body", "summary", "published", "sort_order"]}),
        (
            _("Where it is taken"),
            {
                "fields": [
                    "at_test_center",
                    "at_school",
                    "at_home",
                    "delivery_note",
                    "delivery_source",
                ]
            },
        ),
        (_("Renewal"), {"fields": ["renewal_months", "renewal_requirement", "renewal_source"]}),
        (
            _("Sources and checks"),
            {
                "fields": [
                    "credential_accreditation",
                    "accreditation_source",
                    "official_url",
                    "sources",
                    "verified_on",
                    "editors_note",
                    "confirm_before_applying",
                ]
            },
        ),
    ]

    def preview_queryset(self, request):
        return models.Certification.objects.for_comparison()

    def preview_response(self, request, obj, extra_context):
        return view_preview(
            CertificationDetailView, request, extra_context, {"object": obj}, slug=obj.slug
        )


@admin.register(models.ExamFigure)
class ExamFigureAdmin(ReviewedAdminMixin, TranslatedAdmin, HistoryAdmin):
    review_field = "verified_on"
    reviewer_field = "verified_by"
    actions = [unpublish]
    list_display = ["certification", "kind", "value", "source", "verified_on", "published"]
    list_filter = ["published", "certification", "kind", "source__kind"]
    list_select_related = ["certification__body", "source"]
    search_fields = ["value", "note", "source__publisher"]
    autocomplete_fields = ["certification", "source"]


@admin.register(models.EligibilityRoute)
class EligibilityRouteAdmin(ReviewedAdminMixin, TranslatedAdmin, HistoryAdmin):
    review_field = "verified_on"
    reviewer_field = "verified_by"
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
