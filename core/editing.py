"""Editing before publishing, for the admin: preview an unsaved edit with the public template,
keep changes to a published row as a draft (see `core.models.Draft` for why a draft copy), and
warn when the site's Markdown sanitiser will drop part of a text.

An app's ModelAdmin mixes in `EditingAdminMixin` and says what it needs: `preview_response()`
renders the public page for an unsaved object, `draft_fields` names the fields a draft keeps,
`markup_fields` and `markup_check` name the Markdown fields and the app's sanitiser check.
Preview and drafts ask for the same permission as saving: change permission on the row.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Draft, TranslatedModel
from core.translations import ENGLISH, SPANISH
from core.widgets import MarkdownTextarea


class SortableStackedInline(admin.StackedInline):
    """Items with an order field (`sort_order`) that editors reorder: "Move up" and "Move down"
    buttons (static/js/admin_sortable_inlines.js) renumber the field; with JavaScript off the
    editor types the numbers. Subclasses put the long fields in a "collapse" fieldset, so a
    page with twenty items is a list of twenty headings until one is opened."""

    classes = ["sortable"]
    show_change_link = True

    class Media:
        js = ["js/admin_sortable_inlines.js"]
        css = {"all": ["css/admin_editing.css"]}


class DraftFormMixin:
    """Refuses a draft that would also change fields a draft does not keep."""

    draft_fields = ()

    def clean(self):
        cleaned_data = super().clean()
        # Fields about the save itself (the version, a change note) are not the row's facts.
        facts = {field.name for field in self._meta.model._meta.get_fields()}
        others = [
            name for name in self.changed_data if name in facts and name not in self.draft_fields
        ]
        if others:
            raise ValidationError(
                _(
                    "A draft keeps only %(kept)s. Save the changes to %(others)s first, "
                    "or undo them, then save the draft."
                )
                % {
                    "kept": get_text_list([str(self.fields[n].label) for n in self.draft_fields]),
                    "others": get_text_list([str(self.fields[n].label) for n in others]),
                }
            )
        return cleaned_data


class DraftInlineFormSetMixin:
    """Refuses a draft while items listed under the form are changed: a draft keeps none."""

    def clean(self):
        super().clean()
        if self.has_changed():
            raise ValidationError(
                _(
                    "A draft does not keep changes to these items. Save them first, or undo "
                    "them, then save the draft."
                )
            )


class EditingAdminMixin:
    change_form_template = "admin/editing_change_form.html"
    draft_fields = ()
    markup_fields = ()
    # The app's check, a staticmethod: text -> what its sanitiser drops. Core knows no app.
    markup_check = None

    @property
    def media(self):
        # The draft notice, the buttons and the Markdown help; Django merges the inlines' copy.
        return super().media + forms.Media(css={"all": ["css/admin_editing.css"]})

    def preview_response(self, request, obj, extra_context):
        """The public page for `obj`, an unsaved edit, with `extra_context` added."""
        raise NotImplementedError

    def preview_queryset(self, request):
        """Rows as the public page loads them (its eager loading), for the preview."""
        return self.get_queryset(request)

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # Only the change list's column reads it; change views and autocompletes skip the join.
        if "has_draft" not in self.list_display:
            return queryset
        drafts = Draft.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model, for_concrete_model=False),
            object_id=OuterRef("pk"),
        )
        return queryset.annotate(draft_waiting=Exists(drafts))

    @admin.display(
        boolean=True, description=gettext_lazy("Draft waiting"), ordering="draft_waiting"
    )
    def has_draft(self, obj):
        return obj.draft_waiting

    def saving_draft(self, request):
        posted = request.method == "POST" and "_save_draft" in request.POST
        return bool(self.draft_fields) and posted

    def editable_object(self, request, object_id, queryset=None):
        """The row, if the editor may change it; 404 or 403 otherwise."""
        queryset = self.get_queryset(request) if queryset is None else queryset
        try:
            obj = queryset.get(pk=unquote(object_id))
        except (queryset.model.DoesNotExist, ValidationError, ValueError):
            raise Http404 from None
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def preview_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        # The public page in either language; the admin itself stays in English.
        language = request.GET.get("language", ENGLISH)
        if language not in (ENGLISH, SPANISH):
            return HttpResponseBadRequest(_("Preview in English or Spanish only."))
        obj = self.editable_object(request, object_id, self.preview_queryset(request))
        title = _("Preview of %(object)s") % {"object": obj}
        form = self.get_form(request, obj, change=True)(request.POST, request.FILES, instance=obj)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": obj,
                "form": form,
                "title": title,
            }
            return TemplateResponse(request, "admin/preview_errors.html", context, status=400)
        if isinstance(form.instance, TranslatedModel):
            # The Spanish notes as the page would show them once this edit is saved.
            form.instance.note_versions()
        with translation.override(language):
            response = self.preview_response(
                request,
                form.instance,
                {"preview": True, "dropped_markup": self.dropped_markup(form.cleaned_data)},
            )
            # Rendered here, while the language is active, not later by the handler.
            response.render()
        response["X-Robots-Tag"] = "noindex"
        return response

    def dropped_markup(self, cleaned_data):
        """What the sanitiser will drop from the form's Markdown fields."""
        if self.markup_check is None:
            return []
        found = []
        for name in self.markup_fields:
            for part in self.markup_check(cleaned_data.get(name, "")):
                if part not in found:
                    found.append(part)
        return found

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.markup_fields:
            kwargs["widget"] = MarkdownTextarea
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or not self.draft_fields:
            return form_class
        if self.saving_draft(request):
            return type(
                form_class.__name__,
                (DraftFormMixin, form_class),
                {"draft_fields": self.draft_fields},
            )
        draft = self.draft_shown(request, obj)
        if draft is not None:
            return _opening_with(form_class, draft)
        return form_class

    def draft_shown(self, request, obj):
        """The draft the change page opens with; other admin pages (history, revert) show the
        row as saved."""
        if request.method != "GET" or not self.on_change_page(request):
            return None
        return Draft.objects.for_object(obj).first()

    def on_change_page(self, request):
        """The change form itself, not the history pages that reuse its form and save."""
        match = request.resolver_match
        opts = self.opts
        return match is not None and match.url_name == f"{opts.app_label}_{opts.model_name}_change"

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if self.saving_draft(request):
                formset = type(formset.__name__, (DraftInlineFormSetMixin, formset), {})
            yield formset, inline

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id and request.method == "POST" and "_discard_draft" in request.POST:
            return self.discard_draft(request, object_id)
        context = {"can_draft": bool(self.draft_fields) and object_id is not None}
        if object_id is not None:
            opts = self.opts
            context["preview_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_preview",
                args=[object_id],
                current_app=self.admin_site.name,
            )
            if issubclass(self.model, TranslatedModel):
                context["preview_spanish_url"] = f"{context['preview_url']}?language={SPANISH}"
        return super().changeform_view(
            request, object_id, form_url, {**context, **(extra_context or {})}
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and self.draft_fields:
            # The form the page opens with carries its draft, already read by get_form.
            context["draft"] = getattr(context["adminform"].form, "draft", None)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def discard_draft(self, request, object_id):
        obj = self.editable_object(request, object_id)
        deleted, _rows = Draft.objects.for_object(obj).delete()
        if deleted:
            self.message_user(
                request, _("The draft is discarded; the form shows the published version.")
            )
        return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        dropped = self.dropped_markup(form.cleaned_data)
        if dropped:
            self.message_user(
                request,
                _("The public page will not show: %(parts)s. Change the text if they matter.")
                % {"parts": "; ".join(dropped)},
                messages.WARNING,
            )
        if self.saving_draft(request):
            Draft.objects.update_or_create(
                content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
                object_id=obj.pk,
                defaults={
                    "data": {name: form.cleaned_data[name] for name in self.draft_fields},
                    "saved_by": request.user,
                    "saved_at": timezone.now(),
                },
            )
            return
        super().save_model(request, obj, form, change)
        if change and self.draft_fields and self.on_change_page(request):
            deleted, _rows = Draft.objects.for_object(obj).delete()
            if deleted:
                self.message_user(request, _("The draft is published."), messages.SUCCESS)

    def save_related(self, request, form, formsets, change):
        # A draft changes nothing related: the form refused it if anything related changed.
        if not self.saving_draft(request):
            super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        # The formsets were never saved, so Django's message (which reads what they saved)
        # cannot be built; the log says what happened instead.
        if self.saving_draft(request):
            return _("Saved a draft; the public page is unchanged.")
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        if self.saving_draft(request):
            self.message_user(
                request,
                _(
                    "The draft is saved. The public page is unchanged until you publish the "
                    "draft with Save."
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


def _opening_with(form_class, draft):
    """The form class, opening with the draft's values over the saved ones."""

    class DraftForm(form_class):
        def __init__(self, *args, **kwargs):
            kwargs["initial"] = {**draft.data, **kwargs.get("initial", {})}
            super().__init__(*args, **kwargs)

    DraftForm.__name__ = form_class.__name__
    DraftForm.draft = draft
    return DraftForm


def view_preview(view_class, request, extra_context, view_kwargs=None, **url_kwargs):
    """An unsaved object as its public view shows it: the view's own template and context
    (view_kwargs, such as the object, go to get_context_data), then extra_context on top."""
    view = view_class()
    view.setup(request, **url_kwargs)
    view_kwargs = view_kwargs or {}
    if "object" in view_kwargs:
        view.object = view_kwargs["object"]
    context = view.get_context_data(**view_kwargs)
    context.update(extra_context)
    return TemplateResponse(request, view.get_template_names(), context)
