from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from core.admin import HistoryAdmin, ReviewedAdminMixin, unpublish
from programs import models
from programs.resources import ProgramImportForm, ProgramResource


@admin.register(models.School)
class SchoolAdmin(HistoryAdmin):
    list_display = ["name", "city", "state", "sector", "is_open", "ipeds_unitid"]
    list_filter = ["is_open", "state", "sector"]
    search_fields = ["name", "alias", "city", "ipeds_unitid"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Program)
class ProgramAdmin(ReviewedAdminMixin, ImportExportMixin, HistoryAdmin):
    review_field = "last_verified"
    reviewer_field = "last_verified_by"
    # Programs that graduate the most students are the ones most readers weigh.
    overdue_ordering = [F("graduates_per_year").desc(nulls_last=True), "name", "pk"]
    actions = [unpublish]
    resource_classes = [ProgramResource]
    import_form_class = ProgramImportForm
    import_template_name = "admin/programs/program/import.html"
    list_display = [
        "name",
        "school",
        "credential",
        "format",
        "length_months",
        "total_cost",
        "accreditation",
        "published",
    ]
    list_filter = [
        "published",
        "credential",
        "format",
        "accreditation",
        "cost_is_estimate",
        "length_suspect",
        "school__state",
    ]
    list_select_related = ["school"]
    search_fields = ["name", "school__name", "school__city"]
    autocomplete_fields = ["school"]
    readonly_fields = ["total_cost", "cost_is_estimate", "accreditation_checked_by"]
    filter_horizontal = ["certifications"]
    fieldsets = [
        (None, {"fields": ["school", "name", "slug", "credential", "published"]}),
        (
            _("Format and schedule"),
            {
                "fields": [
                    "format",
                    "format_confirmed",
                    "evening",
                    "weekend",
                    "part_time",
                    "onsite_hours",
                ]
            },
        ),
        (
            _("Length"),
            {
                "fields": [
                    "length_months",
                    "reported_length_months",
                    "length_suspect",
                    "length_hours",
                    "length_hours_unit",
                    "reported_weeks",
                    "length_source",
                ]
            },
        ),
        (
            _("Cost"),
            {
                "fields": [
                    "tuition_fees",
                    "books_supplies",
                    "other_costs",
                    "total_cost",
                    "cost_is_estimate",
                    "cost_suspect",
                    "estimated_cost",
                    "estimated_cost_out_of_state",
                    "estimate_years",
                    "cost_match",
                    "exam_fee_included",
                    "cost_source",
                ]
            },
        ),
        (_("Externship"), {"fields": ["has_externship", "externship_hours"]}),
        (
            _("Accreditation and exams"),
            {
                "fields": [
                    "accreditation",
                    "accreditation_note",
                    "accreditation_checked_on",
                    "accreditation_checked_url",
                    "accreditation_checked_by",
                    "certifications",
                ]
            },
        ),
        (
            _("Size and sources"),
            {
                "fields": [
                    "graduates_per_year",
                    "graduates_year",
                    "graduates_source",
                    "ipeds_award_level",
                    "data_source",
                    "data_as_of",
                    "last_verified",
                    "last_verified_by",
                ]
            },
        ),
    ]

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        # The library lists one kind of error at a time, without the column or the value:
        # list every one of them, where the editor finds it in the spreadsheet.
        result = getattr(response, "context_data", {}).get("result")
        if result is not None:
            response.context_data["problems"] = ProgramResource().problems(result)
        return response

    def save_model(self, request, obj, form, change):
        # A check is worth what its checker and date are: record who set or changed the date.
        if "accreditation_checked_on" in form.changed_data and obj.accreditation_checked_on:
            obj.accreditation_checked_by = request.user
        super().save_model(request, obj, form, change)
