from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, ReviewedAdminMixin, TranslatedAdmin, unpublish
from states import models


@admin.register(models.StateProfile)
class StateProfileAdmin(ReviewedAdminMixin, TranslatedAdmin, HistoryAdmin):
    review_field = "reviewed_on"
    reviewer_field = "reviewed_by"
    actions = [unpublish]
    list_display = [
        "state",
        "regulation",
        "confidence",
        "researched_on",
        "reviewed_on",
        "published",
    ]
    list_filter = ["published", "regulation", "confidence"]
    list_select_related = ["rules_source"]
    search_fields = ["state", "summary", "board_name"]
    autocomplete_fields = ["rules_source", "projection_source"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "state",
                    "regulation",
                    "summary",
                    "confidence",
                    "rules_source",
                    "published",
                ]
            },
        ),
        (_("State medical board"), {"fields": ["board_name", "board_url"]}),
        (
            _("The state's own job projection"),
            {
                "fields": [
                    "projection_period",
                    "projection_base",
                    "projection_end",
                    "projection_growth_pct",
                    "projection_openings",
                    "projection_openings_per_year",
                    "projection_source",
                ]
            },
        ),
        (_("Research and review"), {"fields": ["researched_on", "reviewed_on", "reviewed_by"]}),
    ]


@admin.register(models.TaskRule)
class TaskRuleAdmin(ReviewedAdminMixin, TranslatedAdmin, HistoryAdmin):
    review_field = "reviewed_on"
    reviewer_field = "reviewed_by"
    list_display = ["title", "state", "task", "allowed", "confidence", "source", "reviewed_on"]
    list_filter = ["state", "task", "confidence"]
    list_select_related = ["source"]
    search_fields = ["title", "details", "training", "state"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["state", "title"]}
    fieldsets = [
        (None, {"fields": ["state", "title", "slug", "task", "allowed", "sort_order"]}),
        (_("What the law says"), {"fields": ["details", "training", "caveat"]}),
        (
            _("Source and review"),
            {"fields": ["source", "confidence", "reviewed_on", "reviewed_by"]},
        ),
    ]
