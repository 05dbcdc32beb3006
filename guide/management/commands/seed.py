from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# In dependency order: states.json refers to the guide's sources.
FIXTURES = ["guide.json", "certifications.json", "programs.json", "states.json"]


class Command(BaseCommand):
    help = (
        "Load the site's fixtures, adding only rows that are not in the database yet, "
        "so running it again never overwrites what editors changed in admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fixtures",
            nargs="*",
            help="Fixture files to load (default: the guide, certifications, programs and "
            "states files).",
        )

    def handle(self, *args, **options):
        paths = [Path(p) for p in options["fixtures"]] or [
            settings.BASE_DIR / "fixtures" / name for name in FIXTURES
        ]
        for path in paths:
            if not path.exists():
                raise CommandError(f"No fixture at {path}")
            added, kept = self.load(path)
            self.stdout.write(f"{path.name}: {added} added, {kept} already present")

    @transaction.atomic
    def load(self, path):
        added = kept = 0
        with path.open(encoding="utf-8") as stream:
            # Natural keys let the deserializer find an existing row's primary key;
            # a row that already exists belongs to the editors now, so it is left alone.
            for deserialized in serializers.deserialize("json", stream):
                instance = deserialized.object
                existing = type(instance)._default_manager.filter(pk=instance.pk)
                if instance.pk is not None and existing.exists():
                    kept += 1
                    continue
                deserialized.save()
                added += 1
        return added, kept
