from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from certifications import models
from core.admin import ReviewedAdminMixin


class EligibilityRouteInline(admin.StackedInline):
    model = models.EligibilityRoute
    extra = 0
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.CertifyingBody)
class CertifyingBodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "abbreviation", "url"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["abbreviation"]}


@admin.register(models.Certification)
class CertificationAdmin(ReviewedAdminMixin, SimpleHistoryAdmin):
    review_field = "verified_on"
    list_display = ["code", "name", "body", "fee_member", "renewal_months", "verified_on"]
    list_filter = ["body", "published", "verified_on"]
    list_select_related = ["body"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["body", "sources"]
    prepopulated_fields = {"slug": ["code"]}
    inlines = [EligibilityRouteInline]
    fieldsets = [
        (None, {"fields": ["code", "slug", "name", "body", "summary", "published", "sort_order"]}),
        (_("Exam"), {"fields": ["scored_items", "pretest_items", "exam_minutes"]}),
        (
            _("Where it is taken"),
            {"fields": ["at_test_center", "at_school", "at_home", "delivery_note"]},
        ),
        (_("Fees"), {"fields": ["fee_member", "fee_non_member", "fee_note"]}),
        (_("Renewal"), {"fields": ["renewal_months", "renewal_requirement", "renewal_fee"]}),
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


@admin.register(models.EligibilityRoute)
class EligibilityRouteAdmin(ReviewedAdminMixin, SimpleHistoryAdmin):
    review_field = "verified_on"
    list_display = ["name", "certification", "education", "verified_on"]
    list_filter = ["certification", "education"]
    list_select_related = ["certification__body"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["certification", "source"]
    prepopulated_fields = {"slug": ["name"]}
