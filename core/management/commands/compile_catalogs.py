"""Compiles the translation catalogs (locale/*/LC_MESSAGES/*.po) into the .mo files Django
reads, with polib: pure Python, so no machine needs GNU gettext's msgfmt to run or test the
site. The .mo files are committed; `make messages` runs this after makemessages."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogs():
    """Every .po file under LOCALE_PATHS, with the .mo file beside it."""
    for root in settings.LOCALE_PATHS:
        for po_path in sorted(Path(root).glob("*/LC_MESSAGES/*.po")):
            yield po_path, po_path.with_suffix(".mo")


def translations(catalog):
    """What a compiled catalog holds: each translated entry that is not fuzzy, keyed by its
    context and msgid, and the plural rule. A .po file and a .mo file compare equal when the
    .mo was compiled from the .po, by polib or by msgfmt alike."""
    # A .mo file holds only translated entries; a .po file holds every one.
    compiled = catalog.translated_entries() if isinstance(catalog, polib.POFile) else catalog
    entries = {
        (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
        for entry in compiled
        if entry.msgid
    }
    return entries, catalog.metadata.get("Plural-Forms", "")


def stale(po_path, mo_path):
    """Whether the .mo file is missing or says something other than the .po file."""
    if not mo_path.exists():
        return True
    return translations(polib.pofile(str(po_path))) != translations(polib.mofile(str(mo_path)))


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files with polib (no msgfmt needed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compile nothing; fail when a .mo file is missing or older than its .po file.",
        )

    def handle(self, *args, **options):
        found = list(catalogs())
        if not found:
            raise CommandError(f"No catalogs under {', '.join(map(str, settings.LOCALE_PATHS))}")
        if options["check"]:
            out_of_date = [str(po) for po, mo in found if stale(po, mo)]
            if out_of_date:
                raise CommandError(
                    f"Compile again (make messages): {', '.join(out_of_date)} changed since "
                    "its .mo file was compiled."
                )
            self.stdout.write(f"{len(found)} catalog(s) compiled and current.")
            return
        for po_path, mo_path in found:
            catalog = polib.pofile(str(po_path))
            catalog.save_as_mofile(str(mo_path))
            self.stdout.write(
                f"{mo_path}: {len(catalog.translated_entries())} translated, "
                f"{len(catalog.untranslated_entries())} untranslated, "
                f"{len(catalog.fuzzy_entries())} fuzzy."
            )
