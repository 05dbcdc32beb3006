"""Spanish texts beside the English ones, and whether each is still a translation of the English
the site shows.

The texts are django-modeltranslation's: each translated field gets `<field>_en` and
`<field>_es` columns on the same row, so pages and the finder read a row in one query, and the
admin shows both languages side by side. An app registers its models in its own
`translation.py` through `register()`, which also registers the model's django-simple-history
record, so the history keeps the Spanish beside the English.

Which English a Spanish text was translated from is kept on the row (core.models.TranslatedModel):
a fingerprint of the English texts now, the fingerprint they had when the Spanish was last
saved, and when the English last changed. A row whose fingerprints differ has Spanish that is
out of date; a row with English in a field and no Spanish there is missing its translation.
"""

import functools
import hashlib
import json

from django.db.models import F, Q, TextChoices
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation import manager as translation_manager
from modeltranslation.translator import translator

ENGLISH = "en"
SPANISH = "es"


class SpanishStatus(TextChoices):
    MISSING = "missing", _("Spanish missing")
    OUTDATED = "outdated", _("Spanish out of date")
    CURRENT = "current", _("Spanish up to date")


def register(model, fields):
    """Translate `fields` of the model, in its history too. Called from an app's
    translation.py, which django-modeltranslation imports once the models are ready."""
    translator.register(model, fields=tuple(fields))
    history = getattr(model._meta, "simple_history_manager_attribute", None)
    if history is not None:
        _keep_in_history(model, getattr(model, history).model, fields)


def share_queryset_classes():
    """Make django-modeltranslation build each translated queryset class once per process.

    Its manager builds a new class (a class statement) every time it makes a queryset, as
    `Certification.objects.published()` does several times a page, and each new class also
    empties Python's method caches. The class depends only on the model's own queryset class,
    so one serves every request. Called once, from core's AppConfig.ready().
    """
    build = translation_manager.multilingual_queryset_factory
    class_for = functools.cache(lambda queryset_class: build(queryset_class, instantiate=False))

    def shared(queryset_class, instantiate=True):
        made = class_for(queryset_class)
        return made() if instantiate else made

    translation_manager.multilingual_queryset_factory = shared


def _keep_in_history(model, historical, fields):
    """Give the model's django-simple-history record the translated columns too.

    simple-history builds the record model when the model class is made, before
    django-modeltranslation adds the `_en`/`_es` columns, and freezes its field list then: the
    columns are added to the record model here, and to the two places that list is used, so
    bulk-made records (core.history) and diffs carry them and a revert brings them back.
    """
    translator.register(historical, fields=tuple(fields))
    columns = [
        model._meta.get_field(f"{name}_{language}")
        for name in fields
        for language in (ENGLISH, SPANISH)
    ]
    historical.tracked_fields = [*historical.tracked_fields, *columns]
    as_saved = historical.instance.fget

    def instance(record):
        row = as_saved(record)
        for column in columns:
            setattr(row, column.attname, getattr(record, column.attname))
        return row

    historical.instance = property(instance)


def translated_fields(model):
    """The names of the model's translated fields, in the order they were registered."""
    return tuple(translator.get_options_for_model(model).fields)


def is_translated(model):
    return model in translator.get_registered_models(abstract=False)


def english_version(texts):
    """A fingerprint of the English texts ({field: text}): it changes when any of them does."""
    canonical = json.dumps({name: texts[name] or "" for name in sorted(texts)}, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def texts(obj, language):
    """{field: the row's own text in that language} (no fallback), for the fields loaded."""
    loaded = obj.__dict__
    return {
        name: loaded.get(f"{name}_{language}") or ""
        for name in translated_fields(type(obj))
        if f"{name}_{language}" in loaded
    }


def missing_q(model):
    """Rows with an English text whose Spanish is blank."""
    condition = Q()
    for name in translated_fields(model):
        english, spanish = f"{name}_{ENGLISH}", f"{name}_{SPANISH}"
        blank_spanish = Q(**{f"{spanish}__isnull": True}) | Q(**{spanish: ""})
        condition |= ~Q(**{english: ""}) & Q(**{f"{english}__isnull": False}) & blank_spanish
    return condition


def outdated_q(model):
    """Rows translated in full, from an English that has changed since."""
    return ~missing_q(model) & ~Q(spanish_version=F("english_version"))


def current_q(model):
    """Rows translated in full, from the English shown now."""
    return ~missing_q(model) & Q(spanish_version=F("english_version"))


STATUS_CONDITIONS = {
    SpanishStatus.MISSING: missing_q,
    SpanishStatus.OUTDATED: outdated_q,
    SpanishStatus.CURRENT: current_q,
}


def status_of(obj):
    """The row's SpanishStatus, read from its own fields (no query)."""
    english, spanish = texts(obj, ENGLISH), texts(obj, SPANISH)
    if any(text and not spanish.get(name) for name, text in english.items()):
        return SpanishStatus.MISSING
    if obj.spanish_version != obj.english_version:
        return SpanishStatus.OUTDATED
    return SpanishStatus.CURRENT


def spanish_active():
    return (get_language() or "").split("-")[0] == SPANISH


def english_from_original(app_label, registrations):
    """A data migration's function for models that have just been translated: copy each
    field's existing text into its English column (in the history too, so the first edit's diff
    shows only the edit) and fingerprint the English, so a row's Spanish can be dated against
    it. `registrations` is {model name: [field names]}, frozen in the migration."""

    def forwards(apps, schema_editor):
        for model_name, fields in registrations.items():
            model = apps.get_model(app_label, model_name)
            history = apps.get_model(app_label, f"historical{model_name}")
            copies = {f"{name}_{ENGLISH}": F(name) for name in fields}
            history._default_manager.update(**copies)
            model._default_manager.update(**copies)
            rows = list(model._default_manager.only("pk", *fields))
            for row in rows:
                row.english_version = english_version(
                    {name: getattr(row, name) for name in fields}
                )
            model._default_manager.bulk_update(rows, ["english_version"], batch_size=500)

    return forwards


def localized(*names):
    """The English and Spanish columns of each field, as forms and the admin name them."""
    return [f"{name}_{language}" for name in names for language in (ENGLISH, SPANISH)]
