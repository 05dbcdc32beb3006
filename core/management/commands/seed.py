from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext

from core.history import create_missing_history, has_history


def app_fixtures():
    """fixtures/<app label>.json for each installed app that has one, in INSTALLED_APPS order,
    so an app's rows load after those of the apps it refers to."""
    folder = settings.BASE_DIR / "fixtures"
    paths = (folder / f"{config.label}.json" for config in apps.get_app_configs())
    return [path for path in paths if path.exists()]


class Command(BaseCommand):
    help = (
        "Load the site's fixtures, adding only rows that are not in the database yet, "
        "so running it again never overwrites what editors changed in admin."
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
            added, kept, recorded = self.load(path)
            self.stdout.write(
                f"{path.name}: {added} added, {kept} already present, "
                f"{recorded} starting history records"
            )

    @transaction.atomic
    def load(self, path):
        added = kept = 0
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
                    continue
                deserialized.save()
                added += 1
        # Raw saves send no signal django-simple-history acts on, so a loaded row would have no
        # version to diff against or revert to: give every row without one its starting record.
        reason = gettext("Starting version, loaded from %(file)s") % {"file": path.name}
        recorded = sum(
            create_missing_history(model, reason) for model in models if has_history(model)
        )
        return added, kept, recorded
