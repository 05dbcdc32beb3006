from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core import reports


class Command(BaseCommand):
    help = (
        "Count what the site's data holds and what it must never hold (figures from another "
        "credential, reviews nobody recorded, ...): each app registers its counts in "
        "core.reports. With --check, fail when a count that must be zero is not."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Exit with an error if any check fails."
        )

    def handle(self, *args, check, **options):
        rows = [(count, count.count()) for count in reports.counts()]
        width = max((len(str(count.label)) for count, _value in rows), default=0)
        failed = []
        for count, value in rows:
            line = f"{count.label!s:<{width}}  {value:>6}"
            if count.expected is not None:
                if value == count.expected:
                    line += "  " + _("ok (must be %(expected)s)") % {"expected": count.expected}
                else:
                    line += "  " + _("FAULT (must be %(expected)s)") % {"expected": count.expected}
                    failed.append(str(count.label))
            self.stdout.write(line)
        for section in reports.sections():
            self.stdout.write("")
            section.write(self.stdout)
        if check and failed:
            raise CommandError(_("Failed checks: %(names)s") % {"names": "; ".join(failed)})
