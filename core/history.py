"""What the editors' history needs beyond django-simple-history's defaults: a starting record for
rows saved without signals, bringing back the rows that hang off a record (inlines) as they
were at one of its versions, and the many-to-many links to a row recovered after its deletion."""

import dataclasses
import datetime
import difflib
import re
import sys

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay
from simple_history.utils import get_history_manager_for_model


def is_blank(value):
    return value is None or value == ""


def real_changes(delta):
    """The delta without changes from one blank to another: a text column made before a field
    was saved through a form (a Spanish text not written yet) holds NULL, the form saves ""."""
    changes = [c for c in delta.changes if not (is_blank(c.old) and is_blank(c.new))]
    return dataclasses.replace(delta, changes=changes, changed_fields=[c.field for c in changes])


def has_history(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


def create_missing_history(model, reason, rows=None):
    """Give each row of the model (or of `rows`, a queryset of it) that has no history record a
    starting one ("+"), with its many-to-many links, as simple-history's populate_history does;
    rows with history are left alone, so running it again adds nothing. Returns how many
    records were made."""
    history = get_history_manager_for_model(model)
    recorded = history.values(model._meta.pk.attname)
    rows = model._default_manager.all() if rows is None else rows
    missing = list(rows.exclude(pk__in=recorded).order_by("pk"))
    if not missing:
        return 0
    records = history.bulk_history_create(
        missing, default_change_reason=reason, default_date=timezone.now()
    )
    _record_m2m_links(history.model, records)
    return len(records)


def _record_m2m_links(history_model, records):
    """bulk_history_create writes no many-to-many history: copy each record's current links."""
    pk_name = history_model.instance_type._meta.pk.attname
    by_pk = {getattr(record, pk_name): record for record in records}
    for field in history_model._history_m2m_fields:
        m2m_history_model = getattr(history_model, field.name).model
        through = field.remote_field.through
        source = field.m2m_field_name()
        names = [f.attname for f in through._meta.fields]
        links = through._default_manager.filter(**{f"{source}__in": by_pk})
        m2m_history_model._default_manager.bulk_create(
            m2m_history_model(history=by_pk[getattr(link, f"{source}_id")], **values)
            for link in links
            for values in [{name: getattr(link, name) for name in names}]
        )


def version_cutoff(record):
    """The moment a version stops being current: just before the next record of the same row,
    or now. Inline rows are saved after their parent in the same request, so their state at a
    version is their state at this cutoff, not at the version's own timestamp."""
    history = get_history_manager_for_model(record.instance_type)
    pk_name = record.instance_type._meta.pk.attname
    later = history.filter(
        **{pk_name: getattr(record, pk_name)}, history_date__gt=record.history_date
    ).order_by("history_date")
    following = later.values_list("history_date", flat=True).first()
    if following is None:
        return timezone.now()
    return following - datetime.timedelta(microseconds=1)


def rows_as_of(model, fk_name, parent_pk, moment):
    """The model's rows that pointed at the parent at that moment, as model instances."""
    history = get_history_manager_for_model(model)
    # as_of() picks each row's latest record before filtering, so the filter is safe here.
    return list(history.as_of(moment).filter(**{f"{fk_name}_id": parent_pk}))


def restore_rows(model, fk_name, parent_pk, moment, reason, user):
    """Make the parent's rows of this model what they were at that moment: rows added since are
    deleted, rows changed or deleted since are saved back. Each save or delete leaves a record
    carrying the reason."""
    then = {row.pk: row for row in rows_as_of(model, fk_name, parent_pk, moment)}
    now = {row.pk: row for row in model._default_manager.filter(**{fk_name: parent_pk})}
    tracked = [f.attname for f in model._meta.concrete_fields]
    # Delete first: a row added since may hold a unique slug a restored row needs back.
    for pk in now.keys() - then.keys():
        row = now[pk]
        row._change_reason, row._history_user = reason, user
        row.delete()
    for pk, row in then.items():
        current = now.get(pk)
        if current and all(getattr(current, f) == getattr(row, f) for f in tracked):
            continue
        row._change_reason, row._history_user = reason, user
        row._state.adding = current is None
        row.save()


def restore_links_to(obj, reason, user):
    """Link a row recovered from its history again from every row whose newest version links it.

    Deleting a row (a Source) removes the link rows of the models that list it (a guide page's
    sources) without a new version of those models, so their newest version still holds the
    link; models whose history records the field (HistoricalRecords(m2m_fields=...)) get it
    back, each with a version carrying the reason. A row deleted since, or whose newest version
    no longer links it, is left alone."""
    for related in obj._meta.related_objects:
        model, field = related.related_model, related.field
        if not related.many_to_many or not has_history(model):
            continue
        history = get_history_manager_for_model(model).model
        if field.name not in {f.name for f in history._history_m2m_fields}:
            continue
        links = getattr(history, field.name).model
        own, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        pk_name = model._meta.pk.attname
        newest = (
            history.objects.filter(**{pk_name: OuterRef(f"{own}_id")})
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        linked = links.objects.filter(
            **{f"{target}_id": obj.pk}, history_id=Subquery(newest)
        ).values(f"{own}_id")
        for row in model._default_manager.filter(pk__in=linked):
            row._change_reason, row._history_user = reason, user
            getattr(row, field.name).add(obj)


class FullDiffContextHelper(HistoricalRecordContextHelper):
    """The history list's changes in full: simple-history cuts values to 100 characters, which
    hides the edit in a long text. Long texts also get a word-by-word diff."""

    def context_for_delta_changes(self, delta):
        delta = real_changes(delta)
        changes = super().context_for_delta_changes(delta)
        for change, raw in zip(changes, delta.changes, strict=True):
            if is_long_text(raw.old) or is_long_text(raw.new):
                change["words"] = word_diff(raw.old or "", raw.new or "")
        return changes

    def get_obj_diff_display(self):
        return ObjDiffDisplay(max_length=sys.maxsize)


LONG_TEXT = 80


def is_long_text(value):
    return isinstance(value, str) and (len(value) > LONG_TEXT or "\n" in value)


def word_diff(old, new):
    """The two texts as runs of words kept, removed and added, in reading order."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    runs = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append({"kind": "same", "text": "".join(old_words[i1:i2])})
            continue
        if i2 > i1:
            runs.append({"kind": "removed", "text": "".join(old_words[i1:i2])})
        if j2 > j1:
            runs.append({"kind": "added", "text": "".join(new_words[j1:j2])})
    return runs
