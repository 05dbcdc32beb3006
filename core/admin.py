"""The editors' admin site and what every editor-facing model shares: review dates, the stale
filter, the dashboard. Sign-in lockout is django-axes's (see AXES_* in the settings); the second
factor is in core.otp."""

import datetime
from functools import update_wrapper

from django.contrib import admin, messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from core.otp import SecondFactorView, SignInForm, second_factor_pending

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


class ReviewedAdminMixin:
    """For fact-bearing models: name the date field that says when an editor last checked it,
    and the order of the overdue queue: what students see most first (programs by graduates a
    year, guide pages by their order on the site); None keeps the list's usual order."""

    review_field = None
    overdue_ordering = None

    def overdue(self, request):
        """The rows overdue for a review, in the queue's order."""
        queryset = self.get_queryset(request).filter(stale_q(self.review_field))
        related = self.get_list_select_related(request)
        if isinstance(related, (list, tuple)) and related:
            queryset = queryset.select_related(*related)
        return queryset.order_by(*(self.overdue_ordering or self.get_ordering(request) or ()))

    def get_ordering(self, request):
        # The stale list is the overdue queue; a column the editor sorts by still wins.
        stale = request.GET.get(ReviewStatusFilter.parameter_name) == "stale"
        if stale and self.overdue_ordering:
            return self.overdue_ordering
        return super().get_ordering(request)

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
    login_form = SignInForm

    def __init__(self, name="admin"):
        super().__init__(name)
        self.dashboard_panels = []

    def admin_view(self, view, cacheable=False):
        """Every admin page but sign-out waits for a superuser's second factor."""
        checked = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            logout = reverse("admin:logout", current_app=self.name)
            if second_factor_pending(request.user) and request.path != logout:
                return redirect("admin:second_factor")
            return checked(request, *args, **kwargs)

        return update_wrapper(never_cache(inner), checked)

    def get_urls(self):
        # Not through admin_view: this is the page a pending superuser is sent to.
        second_factor = super().admin_view(SecondFactorView.as_view(admin_site=self))
        return [
            path("second-factor/", second_factor, name="second_factor"),
            *super().get_urls(),
        ]

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

    def overdue_summary(self, request, first=3):
        """One line per reviewable model the editor may see: how many rows are overdue, and the
        first few of them in the queue's order (what students see most)."""
        rows = []
        for model, model_admin in self._registry.items():
            if not isinstance(model_admin, ReviewedAdminMixin):
                continue
            if not model_admin.has_view_permission(request):
                continue
            overdue = model_admin.overdue(request)
            count = overdue.count()
            if count:
                opts = model._meta
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                rows.append(
                    {
                        "label": opts.verbose_name_plural,
                        "count": count,
                        "url": f"{url}?review=stale",
                        "first": [
                            (
                                str(obj),
                                reverse(
                                    f"admin:{opts.app_label}_{opts.model_name}_change",
                                    args=[obj.pk],
                                ),
                            )
                            for obj in overdue[:first]
                        ],
                    }
                )
        return sorted(rows, key=lambda row: str(row["label"]))
