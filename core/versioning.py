"""No silent overwrites in admin: a change form remembers the version of the row it was opened
on, and a save made on an older version comes back unsaved, naming what the other editor
changed (field, their value, your value, who and when) so the editor can merge by hand.

The version is the id of the row's latest django-simple-history record, which every save through
the ORM writes: the models need no version column (nothing to migrate, export or import), and the
history already holds who changed what and when. The check runs inside the admin's transaction
with the row locked (SELECT ... FOR UPDATE on PostgreSQL), so two saves at the same moment cannot
both pass it.
"""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.history import real_changes

VERSION_FIELD = "version_seen"


def latest_version(instance):
    """The id of the row's latest history record; 0 for a row with no history yet."""
    return (
        instance.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0
    )


def shown(field, value):
    """A value as an editor reads it in the message (choices by label, long text cut)."""
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, models.Model):
        return str(value)
    return Truncator(str(formats.localize(value))).chars(120)


def editor_name(record):
    if record.history_user is None:
        return _("someone (no account recorded)")
    return record.history_user.get_username()


def changes_since(instance, seen, field_names):
    """{field name: the history record that last changed it} for the saves after version
    `seen`, and the latest record. Without the seen record (the row had no history when the
    form was opened) there is nothing to compare with: None, and the caller compares values."""
    history = instance.history.select_related("history_user").order_by("history_id")
    previous = history.filter(history_id=seen).first()
    comparable = previous is not None
    changed, latest = {}, None
    for record in history.filter(history_id__gt=seen):
        if previous is not None:
            delta = real_changes(record.diff_against(previous, included_fields=field_names))
            changed.update(dict.fromkeys(delta.changed_fields, record))
        previous = latest = record
    return (changed if comparable else None), latest


def when(record):
    return formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")


class VersionCheckedForm(forms.Form):
    """Mixed into an admin change form by VersionCheckedAdminMixin."""

    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[VERSION_FIELD] = latest_version(self.instance)

    def clean(self):
        # Before the form's other checks: they compare the editor's values with the row as the
        # other editor left it, and would blame fields this editor never touched.
        seen = self.cleaned_data.get(VERSION_FIELD)
        if seen is not None:
            self.check_version(seen)
        return super().clean()

    def check_version(self, seen):
        if transaction.get_connection().in_atomic_block:
            # Held until the admin's transaction ends: a second save waits, then sees this one.
            type(self.instance)._default_manager.select_for_update().filter(
                pk=self.instance.pk
            ).exists()
        current = latest_version(self.instance)
        if current == seen:
            return
        self.data = self.data.copy()
        # Saving the merged form again is then checked against the version it now shows.
        self.data[self.add_prefix(VERSION_FIELD)] = str(current)
        raise forms.ValidationError(self.conflict_messages(seen, self.cleaned_data))

    def conflict_messages(self, seen, cleaned_data):
        """The editor's view of the conflict: who saved when, then each field they changed."""
        opts = self.instance._meta
        fields = [
            f for f in opts.concrete_fields if f.name in self.fields and f.name != VERSION_FIELD
        ]
        changed, latest = changes_since(self.instance, seen, [f.name for f in fields])
        if changed is None:
            # No starting record to diff against: name every value that differs from theirs.
            changed = {
                f.name: latest
                for f in fields
                if getattr(self.instance, f.name) != cleaned_data.get(f.name)
            }
        messages = [
            _(
                "%(editor)s saved this %(model)s at %(time)s, after you opened it, so your "
                "changes were not saved. The form still shows your version: copy in what you "
                "want to keep of theirs, then save again."
            )
            % {"editor": editor_name(latest), "model": opts.verbose_name, "time": when(latest)}
        ]
        for field in fields:
            record = changed.get(field.name)
            if record is None:
                continue
            messages.append(
                _("%(field)s: %(editor)s set “%(theirs)s” (%(time)s); yours is “%(yours)s”.")
                % {
                    "field": str(field.verbose_name).capitalize(),
                    "editor": editor_name(record),
                    "theirs": shown(field, getattr(self.instance, field.name)),
                    "yours": shown(field, cleaned_data.get(field.name)),
                    "time": when(record),
                }
            )
        if len(messages) == 1:
            messages.append(_("They changed links or lists on it (not a field of this form)."))
        return messages


class VersionCheckedAdminMixin:
    """Part of core.admin.HistoryAdmin, so every model editors change has it: refuse saves made
    on an older version."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            base = kwargs.get("form", self.form)
            kwargs["form"] = type(base.__name__, (VersionCheckedForm, base), {})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        # Hidden, so it takes no room: admin renders only the fields its fieldsets name.
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]
