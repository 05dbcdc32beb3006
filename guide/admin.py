from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import (
    FigureSourceInlineMixin,
    HistoryAdmin,
    ReviewedAdminMixin,
    TranslatedAdmin,
    TranslatedInline,
    unpublish,
)
from core.editing import EditingAdminMixin, SortableStackedInline
from core.translations import localized
from guide import models
from guide.preview import faq_preview, page_preview
from guide.sanitiser import dropped_markup


class CareerStepInline(FigureSourceInlineMixin, TranslatedInline, SortableStackedInline):
    model = models.CareerStep
    extra = 0
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (
            _("Step and order"),
            {
                "classes": ["collapse"],
                "fields": [
                    "title",
                    "slug",
                    "body",
                    ("typical_time", "typical_cost"),
                    "live_figure",
                    "source",
                    "sort_order",
                ],
            },
        ),
    ]


class FAQInline(TranslatedInline, SortableStackedInline):
    model = models.FAQ
    extra = 0
    prepopulated_fields = {"slug": ["question"]}
    fieldsets = [
        (
            _("Question, answer and order"),
            {
                "classes": ["collapse"],
                "fields": [
                    "question",
                    "slug",
                    "answer",
                    "live_figure",
                    ("sort_order", "published"),
                ],
            },
        ),
    ]


@admin.register(models.Source)
class SourceAdmin(ReviewedAdminMixin, TranslatedAdmin, HistoryAdmin):
    review_field = "reviewed_on"
    reviewer_field = "reviewed_by"
    list_display = ["title", "publisher", "kind", "as_of", "accessed_on", "reviewed_on"]
    list_filter = ["kind", "publisher"]
    search_fields = ["title", "publisher", "url", "slug"]
    prepopulated_fields = {"slug": ["title"]}

    def get_deleted_objects(self, objs, request):
        # A source pages cite through their source lists would vanish from them in silence:
        # the delete page lists those pages by title instead, and deletes nothing.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        citing = [
            f"{related.related_model._meta.verbose_name.capitalize()}: {page}"
            for source in objs
            for related in source._meta.related_objects
            if related.many_to_many
            for page in getattr(source, related.get_accessor_name()).all()
        ]
        return deleted, counts, perms_needed, [*protected, *citing]


@admin.register(models.Contributor)
class ContributorAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["name", "role"]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.GuidePage)
class GuidePageAdmin(EditingAdminMixin, ReviewedAdminMixin, TranslatedAdmin, HistoryAdmin):
    review_field = "reviewed_on"
    reviewer_field = "reviewed_by"
    overdue_ordering = ["sort_order", "title", "pk"]
    actions = [unpublish]
    draft_fields = localized("title", "summary", "body")
    markup_fields = localized("body")
    markup_check = staticmethod(dropped_markup)
    list_display = [
        "title",
        "slug",
        "published",
        "has_draft",
        "reviewed_on",
        "reviewed_by",
        "author",
        "updated_at",
    ]
    list_filter = ["published", "reviewed_on"]
    list_select_related = ["author", "reviewed_by"]
    search_fields = ["title", "summary", "body"]
    # The kind picks the template and sections: fixed when the page is made (fixtures).
    readonly_fields = ["kind"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "sources"]
    inlines = [CareerStepInline, FAQInline]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "kind", "summary", "body", "published", "sort_order"]},
        ),
        (
            _("Byline and review"),
            {"fields": ["author", "written_on", "reviewed_on", "reviewed_by", "sources"]},
        ),
    ]

    def preview_queryset(self, request):
        return models.GuidePage.objects.for_display()

    def preview_response(self, request, obj, extra_context):
        return page_preview(request, obj, extra_context)


@admin.register(models.CareerStep)
class CareerStepAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["title", "page", "sort_order", "typical_time", "typical_cost", "live_figure"]
    list_select_related = ["page"]
    search_fields = ["title", "body"]
    autocomplete_fields = ["page", "source"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(models.Duty)
class DutyAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["title", "kind", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(models.ScopeItem)
class ScopeItemAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["task", "allowed", "source"]
    list_filter = ["allowed"]
    list_select_related = ["source"]
    search_fields = ["task", "notes"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["task"]}


@admin.register(models.Specialty, models.Skill, models.TrainingTopic)
class NamedContentAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["name", "sort_order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.WorkSetting)
class WorkSettingAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["name", "share_of_jobs_pct", "year", "source"]
    list_select_related = ["source"]
    search_fields = ["name"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.IndustryWage)
class IndustryWageAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["name", "annual_mean", "year", "source"]
    list_select_related = ["source"]
    search_fields = ["name"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.CareerPath)
class CareerPathAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["title", "median_annual_pay", "pay_year", "pay_source"]
    list_select_related = ["pay_source"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["pay_source"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(models.FAQ)
class FAQAdmin(EditingAdminMixin, TranslatedAdmin, HistoryAdmin):
    actions = [unpublish]
    draft_fields = localized("question", "answer")
    markup_fields = localized("answer")
    markup_check = staticmethod(dropped_markup)
    list_display = ["question", "page", "published", "sort_order"]
    list_filter = ["published", "page"]
    list_select_related = ["page"]
    search_fields = ["question", "answer"]
    autocomplete_fields = ["page"]
    prepopulated_fields = {"slug": ["question"]}

    def preview_response(self, request, obj, extra_context):
        return faq_preview(request, obj, extra_context)


@admin.register(models.FundingFact)
class FundingFactAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["title", "topic", "source", "published", "sort_order"]
    list_filter = ["topic", "published", "source__kind"]
    list_select_related = ["source"]
    search_fields = ["title", "body", "caveat"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(models.Association)
class AssociationAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["name", "abbreviation", "credential", "url"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["abbreviation"]}


@admin.register(models.WageFigure)
class WageFigureAdmin(HistoryAdmin):
    list_display = ["area_name", "area_type", "year", "annual_median", "employment", "source"]
    list_filter = ["area_type", "year"]
    list_select_related = ["source"]
    search_fields = ["area_name", "area_code", "state_code"]
    autocomplete_fields = ["source"]


@admin.register(models.OutlookFigure)
class OutlookFigureAdmin(HistoryAdmin):
    list_display = ["occupation", "period_start", "period_end", "growth_pct", "openings_per_year"]
    list_select_related = ["source"]
    search_fields = ["occupation", "soc_code"]
    autocomplete_fields = ["source"]


def new_feedback_panel(request):
    new = models.Feedback.objects.filter(status=models.Feedback.Status.NEW)
    return {"new_feedback": new[:8], "new_feedback_count": new.count()}


admin.site.add_dashboard_panel(new_feedback_panel)


class AssignedToFilter(admin.SimpleListFilter):
    title = _("assigned to")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Assigned to me")), ("nobody", _("Not assigned"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


@admin.register(models.Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created", "page_url", "short_message", "status", "assigned_to", "email"]
    list_filter = [AssignedToFilter, "status", "created"]
    list_select_related = ["assigned_to"]
    search_fields = ["message", "page_url", "email"]
    readonly_fields = ["created", "page_url", "message", "email"]
    fields = ["created", "page_url", "message", "email", "status", "assigned_to", "editor_note"]
    # Its "Open the page" link is in the template, beside History.
    change_form_template = "admin/guide/feedback/change_form.html"
    actions = ["mark_in_progress", "mark_fixed", "mark_declined"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("Message"))
    def short_message(self, obj):
        return obj.message[:80]

    def _set_status(self, request, queryset, status):
        count = queryset.set_status(status, request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d item marked “%(status)s”.",
                "%(count)d items marked “%(status)s”.",
                count,
            )
            % {"count": count, "status": models.Feedback.Status(status).label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as in progress"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._set_status(request, queryset, models.Feedback.Status.IN_PROGRESS)

    @admin.action(description=_("Mark as fixed"), permissions=["change"])
    def mark_fixed(self, request, queryset):
        self._set_status(request, queryset, models.Feedback.Status.FIXED)

    @admin.action(description=_("Mark as no change needed"), permissions=["change"])
    def mark_declined(self, request, queryset):
        self._set_status(request, queryset, models.Feedback.Status.DECLINED)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.handled_by = request.user
        super().save_model(request, obj, form, change)
