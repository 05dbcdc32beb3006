from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext

from core.history import create_missing_history, has_history
from core.translations import SPANISH, english_version, is_translated, texts, translated_fields


def app_fixtures():
    """fixtures/<app label>.json for each installed app that has one, in INSTALLED_APPS order,
    so an app's rows load after those of the apps it refers to."""
    folder = settings.BASE_DIR / "fixtures"
    paths = (folder / f"{config.label}.json" for config in apps.get_app_configs())
    return [path for path in paths if path.exists()]


class Command(BaseCommand):
    help = (
        "Load the site's fixtures, adding only rows that are not in the database yet, "
        "so running it again never overwrites what editors changed in admin; a row already "
        "there gains the fixture's Spanish texts only where its Spanish is blank."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fixtures",
            nargs="*",
            help="Fixture files to load (default: fixtures/<app>.json for every installed app).",
        )

    def handle(self, *args, **options):
        paths = [Path(p) for p in options["fixtures"]] or app_fixtures()
        for path in paths:
            if not path.exists():
                raise CommandError(f"No fixture at {path}")
            added, kept, recorded, translated = self.load(path)
            self.stdout.write(
                f"{path.name}: {added} added, {kept} already present, "
                f"{recorded} starting history records, {translated} given Spanish texts"
            )

    @transaction.atomic
    def load(self, path):
        added = kept = translated = 0
        models = {}
        with path.open(encoding="utf-8") as stream:
            # Natural keys let the deserializer find an existing row's primary key;
            # a row that already exists belongs to the editors now, so it is left alone.
            for deserialized in serializers.deserialize("json", stream):
                instance = deserialized.object
                models[type(instance)] = None
                existing = type(instance)._default_manager.filter(pk=instance.pk)
                if instance.pk is not None and existing.exists():
                    kept += 1
                    if is_translated(type(instance)):
                        translated += fill_blank_spanish(existing.get(), instance, path.name)
                    continue
                deserialized.save()
                added += 1
        # Raw saves send no signal django-simple-history acts on, so a loaded row would have no
        # version to diff against or revert to: give every row without one its starting record.
        reason = gettext("Starting version, loaded from %(file)s") % {"file": path.name}
        for model in models:
            if is_translated(model):
                fingerprint_english(model)
        recorded = sum(
            create_missing_history(model, reason) for model in models if has_history(model)
        )
        return added, kept, recorded, translated


def fill_blank_spanish(row, fixture_row, file_name):
    """Give the row the fixture's Spanish texts where its own are blank, when the fixture's
    Spanish translates the English the row has now (an editor may have changed the English
    since; then the fixture's Spanish would not fit). Filling a blank overwrites nothing an
    editor wrote. The row's save() records its Spanish as translating its English. Returns 1
    if the row changed."""
    if not fixture_row.spanish_version or fixture_row.spanish_version != row.english_version:
        return 0
    own, offered = texts(row, SPANISH), texts(fixture_row, SPANISH)
    blanks = {name: text for name, text in offered.items() if text and not own.get(name)}
    if not blanks:
        return 0
    for name, text in blanks.items():
        setattr(row, f"{name}_{SPANISH}", text)
    row._change_reason = gettext("Spanish added from %(file)s") % {"file": file_name}
    row.save()
    return 1


def fingerprint_english(model):
    """Rows loaded from a fixture without the English fingerprint get it now (raw loads skip
    save()), so their Spanish can be dated against it."""
    fields = translated_fields(model)
    rows = list(
        model._default_manager.filter(english_version="").only(
            "pk", *(f"{name}_en" for name in fields)
        )
    )
    for row in rows:
        row.english_version = english_version(
            {name: getattr(row, f"{name}_en") for name in fields}
        )
    model._default_manager.bulk_update(rows, ["english_version"], batch_size=500)
