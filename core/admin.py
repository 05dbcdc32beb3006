"""The editors' admin site and what every editor-facing model shares: review dates, the stale
filter, the dashboard. Sign-in lockout is django-axes's (see AXES_* in the settings)."""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

STALE_AFTER = datetime.timedelta(days=365)


def stale_q(field):
    """Rows never reviewed, or last reviewed more than a year ago."""
    cutoff = timezone.localdate() - STALE_AFTER
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": cutoff})


class ReviewStatusFilter(admin.SimpleListFilter):
    title = _("review status")
    parameter_name = "review"

    def __init__(self, request, params, model, model_admin):
        self.model_admin_review_field = model_admin.review_field
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [("stale", _("Not reviewed in 12 months")), ("fresh", _("Reviewed in 12 months"))]

    def queryset(self, request, queryset):
        condition = stale_q(self.model_admin_review_field)
        if self.value() == "stale":
            return queryset.filter(condition)
        if self.value() == "fresh":
            return queryset.exclude(condition)
        return queryset


@admin.action(description=_("Mark as reviewed today"))
def mark_reviewed_today(model_admin, request, queryset):
    # update() skips save() and history, so save each row: the review is part of the record.
    today = timezone.localdate()
    for obj in queryset:
        setattr(obj, model_admin.review_field, today)
        obj.save(update_fields=[model_admin.review_field])
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d item marked as reviewed today.",
            "%(count)d items marked as reviewed today.",
            len(queryset),
        )
        % {"count": len(queryset)},
        messages.SUCCESS,
    )


@admin.action(description=_("Unpublish (take off the public site)"), permissions=["change"])
def unpublish(model_admin, request, queryset):
    """What editors do instead of deleting: the row leaves the site and can come back. Saved
    one by one so each change is in the history, and checked so the model may refuse."""
    count = 0
    for obj in queryset.filter(published=True):
        obj.published = False
        try:
            obj.clean()
        except ValidationError as error:
            for message in error.messages:
                model_admin.message_user(request, message, messages.ERROR)
            continue
        obj.save()
        count += 1
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d item unpublished: it is off the public site until you publish it again.",
            "%(count)d items unpublished: they are off the public site until you publish "
            "them again.",
            count,
        )
        % {"count": count},
        messages.SUCCESS if count else messages.WARNING,
    )


class ReviewedAdminMixin:
    """For fact-bearing models: name the date field that says when an editor last checked it."""

    review_field = None

    def get_list_filter(self, request):
        return [ReviewStatusFilter, *super().get_list_filter(request)]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            actions["mark_reviewed_today"] = self.get_action(mark_reviewed_today)
        return actions

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["show_save_reviewed"] = change and self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        # "Save and mark reviewed": the editor checked every fact while saving the edit.
        if change and "_save_reviewed" in request.POST:
            setattr(obj, self.review_field, timezone.localdate())
            self.message_user(request, _("Marked as reviewed today."), messages.SUCCESS)
        super().save_model(request, obj, form, change)


class EditorsAdminSite(admin.AdminSite):
    site_header = _("Medical Assistant Career Guide: editors")
    site_title = _("MA Career Guide editors")
    index_title = _("Keep the guide true")
    index_template = "admin/editors_index.html"

    def __init__(self, name="admin"):
        super().__init__(name)
        self.dashboard_panels = []

    def add_dashboard_panel(self, panel):
        """Apps add their own parts of the dashboard (guide adds reader feedback) from their
        admin module, so the site needs no app's models: a panel takes the request and returns
        template context."""
        self.dashboard_panels.append(panel)

    def index(self, request, extra_context=None):
        context = {"overdue": self.overdue_summary(request)}
        for panel in self.dashboard_panels:
            context.update(panel(request))
        return super().index(request, {**context, **(extra_context or {})})

    def overdue_summary(self, request):
        """One line per reviewable model the editor may see: how many rows are overdue."""
        rows = []
        for model, model_admin in self._registry.items():
            field = getattr(model_admin, "review_field", None)
            if not field or not model_admin.has_view_permission(request):
                continue
            count = model._default_manager.filter(stale_q(field)).count()
            if count:
                opts = model._meta
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                rows.append(
                    {
                        "label": opts.verbose_name_plural,
                        "count": count,
                        "url": f"{url}?review=stale",
                    }
                )
        return sorted(rows, key=lambda row: str(row["label"]))
