from django.core.management.base import BaseCommand

from core.states import name_for
from programs.models import DATA_COUNTS, Program

LABELS = {
    "programs": "programs",
    "reported_cost": "reported cost",
    "estimated_cost": "estimated cost",
    "no_cost": "no cost shown",
    "reported_length": "reported length",
    "no_length": "no length",
    "flagged": "flagged values",
    "accreditation_checked": "accreditation checked",
}


class Command(BaseCommand):
    help = (
        "Count the published programs with a reported, estimated or no cost; a reported length "
        "or none; flagged values; checked accreditation: overall and per state or territory."
    )

    def handle(self, *args, **options):
        programs = Program.objects.published()
        width = max(len(label) for label in LABELS.values())
        total = programs.data_counts()
        self.stdout.write("All published programs")
        for key in DATA_COUNTS:
            self.stdout.write(f"  {LABELS[key]:<{width}}  {total[key]:>6}")
        self.stdout.write("")
        self.stdout.write(
            "State or territory".ljust(28)
            + "  ".join(f"{LABELS[key]:>{len(LABELS[key])}}" for key in DATA_COUNTS)
        )
        for code, counts in programs.data_counts_by_state().items():
            name = f"{name_for(code)} ({code})"
            self.stdout.write(
                name[:28].ljust(28)
                + "  ".join(f"{counts[key]:>{len(LABELS[key])}}" for key in DATA_COUNTS)
            )
