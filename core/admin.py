"""The editors' admin site and what every editor-facing model shares: review dates, the stale
filter, the dashboard, the history with change notes and revert. Sign-in lockout is
django-axes's (see AXES_* in the settings); the second factor is in core.otp."""

import datetime
from functools import update_wrapper

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationBaseModelAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from simple_history.utils import get_history_manager_for_model

from core.forms import ChangeNoteFormMixin, FigureSourceFormMixin, figure_sources
from core.history import (
    FullDiffContextHelper,
    has_history,
    restore_links_to,
    restore_rows,
    rows_as_of,
    version_cutoff,
)
from core.otp import SecondFactorView, SignInForm, second_factor_pending
from core.ratelimits import address_pause, sign_in_paused
from core.translations import (
    ENGLISH,
    SPANISH,
    STATUS_CONDITIONS,
    SpanishStatus,
    missing_q,
    outdated_q,
    translated_fields,
)
from core.versioning import VersionCheckedAdminMixin, when

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


def record_review(model_admin, obj, user, day):
    """The one way a review is recorded: its date, and the editor who made it. A date cleared is
    no review, so its reviewer goes with it."""
    setattr(obj, model_admin.review_field, day)
    if model_admin.reviewer_field:
        setattr(obj, model_admin.reviewer_field, user if day else None)


def review_fields(model_admin):
    return [f for f in (model_admin.review_field, model_admin.reviewer_field) if f]


def unrecorded_reviews(model_admin):
    """Rows that show a review date with no editor recorded beside it: a claim nobody made."""
    queryset = model_admin.model._default_manager.exclude(**{model_admin.review_field: None})
    if model_admin.reviewer_field:
        queryset = queryset.filter(**{model_admin.reviewer_field: None})
    return queryset


def unrecorded_review_count():
    """Across every reviewed model in the editors' admin: review dates with no editor recorded
    beside them (the data report's check; core.reports)."""
    return sum(
        unrecorded_reviews(model_admin).count()
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, ReviewedAdminMixin)
    )


@admin.action(description=_("Mark as reviewed today"))
def mark_reviewed_today(model_admin, request, queryset):
    # update() skips save() and history, so save each row: the review is part of the record.
    today = timezone.localdate()
    for obj in queryset:
        record_review(model_admin, obj, request.user, today)
        obj.save(update_fields=review_fields(model_admin))
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
    """For fact-bearing models: name the date field that says when an editor last checked it,
    the field that records who did (core.models.reviewer_field; None where the model has none
    yet, so its dates count as unrecorded in the data report), and the order of the overdue
    queue: what students see most first (programs by graduates a year, guide pages by their
    order on the site); None keeps the list's usual order."""

    review_field = None
    reviewer_field = None
    overdue_ordering = None

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if self.reviewer_field and self.reviewer_field not in readonly:
            return [*readonly, self.reviewer_field]
        return readonly

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
            record_review(self, obj, request.user, timezone.localdate())
            self.message_user(request, _("Marked as reviewed today."), messages.SUCCESS)
        elif self.review_field in form.changed_data:
            # A review date typed in is a review recorded by whoever typed it.
            record_review(self, obj, request.user, getattr(obj, self.review_field))
        super().save_model(request, obj, form, change)


class SpanishStatusFilter(admin.SimpleListFilter):
    title = _("Spanish")
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return SpanishStatus.choices

    def queryset(self, request, queryset):
        if self.value() in STATUS_CONDITIONS:
            return queryset.filter(STATUS_CONDITIONS[self.value()](queryset.model))
        return queryset


@admin.action(description=_("Mark the Spanish as up to date with the English"))
def mark_spanish_current(model_admin, request, queryset):
    """For an editor who checked that the Spanish still says what the changed English says.
    Rows missing a Spanish text are left alone: there is nothing to confirm."""
    count = 0
    for obj in queryset.exclude(missing_q(queryset.model)):
        obj.spanish_version = obj.english_version
        obj._change_reason = gettext("Spanish checked against the English")
        obj.save()
        count += 1
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d item's Spanish marked as up to date.",
            "%(count)d items' Spanish marked as up to date.",
            count,
        )
        % {"count": count},
        messages.SUCCESS if count else messages.WARNING,
    )


def side_by_side(fields, model):
    """A fieldset's fields with each English field beside its Spanish one, on a line of their
    own; other fields keep their lines and order."""
    names = set(translated_fields(model))
    lines = []

    def add(line):
        if line:
            lines.append(line[0] if len(line) == 1 else tuple(line))

    for line in fields:
        kept = []
        for name in line if isinstance(line, (list, tuple)) else (line,):
            original, _sep, language = name.rpartition("_")
            if name in names:
                original, language = name, ENGLISH
            if original not in names:
                kept.append(name)
            elif language == ENGLISH:
                add(kept)
                kept = []
                lines.append((f"{original}_{ENGLISH}", f"{original}_{SPANISH}"))
        add(kept)
    return lines


class TranslatedAdminMixin:
    """For models with Spanish texts (core.translations): django-modeltranslation's admin shows
    each text's English and Spanish side by side; editors filter rows by the state of their
    Spanish and confirm a Spanish text that still fits a changed English. Mix in with
    TranslatedAdmin or TranslatedInline below."""

    def get_fieldsets(self, request, obj=None):
        # Past django-modeltranslation's own get_fieldsets, which ends the chain: the admin
        # bases after it add the change note and the version to the fieldsets.
        fieldsets = super(TranslationBaseModelAdmin, self).get_fieldsets(request, obj)
        return [
            (name, {**options, "fields": side_by_side(options["fields"], self.model)})
            for name, options in fieldsets
        ]


class TranslatedAdmin(TranslatedAdminMixin, TranslationAdmin):
    """List it before HistoryAdmin: `class FAQAdmin(TranslatedAdmin, HistoryAdmin)`."""

    def get_list_filter(self, request):
        return [SpanishStatusFilter, *super().get_list_filter(request)]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "spanish"]

    @admin.display(description=_("Spanish"))
    def spanish(self, obj):
        return obj.spanish_status.label

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            actions["mark_spanish_current"] = self.get_action(mark_spanish_current)
        return actions

    def spanish_queue(self, request):
        """The rows whose Spanish is missing or out of date: out of date first (a reader sees
        Spanish that no longer says what the English says), the longest out of date first."""
        queryset = self.get_queryset(request).filter(
            missing_q(self.model) | outdated_q(self.model)
        )
        related = self.get_list_select_related(request)
        if isinstance(related, (list, tuple)) and related:
            queryset = queryset.select_related(*related)
        return queryset.order_by("english_changed_at", "pk")


class TranslatedInline(TranslatedAdminMixin, TranslationStackedInline):
    """Inline rows with Spanish texts:
    `class FAQInline(TranslatedInline, SortableStackedInline)`."""


class TranslatedTabularInline(TranslatedAdminMixin, TranslationTabularInline):
    """Inline table rows with Spanish texts: each text's English and Spanish in adjacent
    columns."""


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

    def login(self, request, extra_context=None):
        # django-axes pauses a username; an address guessing at many is paused here.
        if request.method == "POST" and address_pause(request):
            return sign_in_paused(request)
        return super().login(request, extra_context)

    def get_urls(self):
        # Not through admin_view: this is the page a pending superuser is sent to.
        second_factor = super().admin_view(SecondFactorView.as_view(admin_site=self))
        return [
            path("second-factor/", second_factor, name="second_factor"),
            path("spanish/", self.admin_view(self.spanish_queue_view), name="spanish_queue"),
            *super().get_urls(),
        ]

    def spanish_queue_view(self, request):
        """Every row, across the models with Spanish texts, whose Spanish is missing or out of
        date, grouped by model."""
        groups = []
        for model, model_admin in self._registry.items():
            if not isinstance(model_admin, TranslatedAdmin):
                continue
            if not model_admin.has_view_permission(request):
                continue
            rows = list(model_admin.spanish_queue(request))
            if not rows:
                continue
            opts = model._meta
            groups.append(
                {
                    "label": opts.verbose_name_plural,
                    "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                    "rows": [
                        {
                            "object": obj,
                            "status": obj.spanish_status,
                            "url": reverse(
                                f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
                            ),
                        }
                        for obj in rows
                    ],
                }
            )
        groups.sort(key=lambda group: str(group["label"]))
        context = {
            **self.each_context(request),
            "title": _("Spanish to write or update"),
            "groups": groups,
            "statuses": SpanishStatus,
        }
        return TemplateResponse(request, "admin/spanish_queue.html", context)

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


# Form fields about the save itself rather than the row: they live in their own fieldset.
CHANGE_FIELDS = ["same_source", "change_note"]


def revert_message(record):
    """What a revert says, both to the editor and as the new record's change reason."""
    date = when(record)
    if record.history_user is None:
        return gettext("Reverted to the version of %(date)s, loaded from the site's data.") % {
            "date": date
        }
    return gettext("Reverted to the version of %(date)s by %(editor)s.") % {
        "date": date,
        "editor": record.history_user.get_username(),
    }


class HistoryAdmin(VersionCheckedAdminMixin, SimpleHistoryAdmin):
    """Every editor-facing admin: a save made on an older version comes back unsaved, naming
    what the other editor changed (core.versioning); each save carries an optional change note
    into the history, a changed figure asks for its source, the history shows whole diffs, and
    a revert brings back the many-to-many links and inline rows of the version along with its
    fields; a deleted row brought back from its history is linked again from the rows whose
    history last linked it (core.history.restore_links_to)."""

    object_history_template = "admin/history/object_history.html"
    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"

    def get_fields(self, request, obj=None):
        return [f for f in super().get_fields(request, obj) if f not in CHANGE_FIELDS]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.has_change_permission(request, obj):
            return fieldsets
        fields = CHANGE_FIELDS if figure_sources(self.model) else ["change_note"]
        return [*fieldsets, (_("About this change"), {"fields": fields})]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The change fields are the form's own, so the fieldsets may name them.
        base = kwargs.get("form", self.form)
        kwargs["form"] = type(base.__name__, (HistoryFormMixin, base), {})
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("change_note")
        record = to_historic(obj)
        if record is not None:
            note = note or Truncator(revert_message(record)).chars(100)
            recovered = not type(obj)._default_manager.filter(pk=obj.pk).exists()
        if note:
            obj._change_reason = note
        super().save_model(request, obj, form, change)
        if record is not None:
            self.restore_inline_rows(request, obj, record, note)
            if recovered:
                restore_links_to(obj, note, request.user)

    def save_formset(self, request, form, formset, change):
        # Inline rows saved with the parent carry the parent's note into their own history.
        note = form.cleaned_data.get("change_note")
        if note:
            for inline_form in formset.forms:
                inline_form.instance._change_reason = note
        super().save_formset(request, form, formset, change)

    def history_inlines(self):
        """(model, name of its key to this admin's model) for each inline with history."""
        for inline in self.inlines:
            if has_history(inline.model):
                fk = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
                yield inline.model, fk.name

    def restore_inline_rows(self, request, obj, record, note):
        moment = version_cutoff(record)
        for model, fk_name in self.history_inlines():
            restore_rows(model, fk_name, obj.pk, moment, note, request.user)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history = get_history_manager_for_model(self.model)
        pk_name = self.model._meta.pk.attname
        try:
            record = history.filter(**{pk_name: unquote(object_id)}, history_id=version_id).first()
        except (TypeError, ValueError):
            record = None
        # simple-history answers an address that is not a number with a 500.
        if record is None:
            raise Http404
        moment = version_cutoff(record)
        restored = []
        for model, fk_name in self.history_inlines():
            rows = rows_as_of(model, fk_name, getattr(record, pk_name), moment)
            restored.append({"label": model._meta.verbose_name_plural, "rows": rows})
        context = {"restored_inlines": restored, **(extra_context or {})}
        return super().history_form_view(request, object_id, version_id, context)

    def response_change(self, request, obj):
        record = to_historic(obj)
        if record is None:
            return super().response_change(request, obj)
        self.message_user(request, revert_message(record), messages.SUCCESS)
        opts = self.model._meta
        url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]
        )
        return HttpResponseRedirect(url)

    def get_historical_record_context_helper(self, request, historical_record):
        return FullDiffContextHelper(self.model, historical_record)


class FigureSourceInlineMixin:
    """Rows edited inline obey the rule of their own change form: a changed figure asks for its
    source, or a tick in the row's “Same source, new value”."""

    def get_fields(self, request, obj=None):
        return [f for f in super().get_fields(request, obj) if f != "same_source"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not figure_sources(self.model):
            return fieldsets
        return [*fieldsets, (None, {"fields": ["same_source"]})]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = type(self.form.__name__, (FigureSourceFormMixin, self.form), {})
        return super().get_formset(request, obj, **kwargs)


class HistoryFormMixin(ChangeNoteFormMixin, FigureSourceFormMixin):
    """On the revert page the form starts from the version's many-to-many links, not today's,
    so saving it restores them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = to_historic(self.instance)
        if record is None:
            return
        for field in record._history_m2m_fields:
            if field.name in self.fields:
                target = f"{field.m2m_reverse_field_name()}_id"
                links = getattr(record, field.name).all()
                self.initial[field.name] = [getattr(link, target) for link in links]
