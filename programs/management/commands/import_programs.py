import time

from django.core.management.base import BaseCommand
from django.db import transaction

from programs import ipeds
from programs.models import Program, School

SCHOOL_FIELDS = [
    "ipeds_unitid",
    "name",
    "alias",
    "address",
    "city",
    "state",
    "zip_code",
    "latitude",
    "longitude",
    "sector",
    "website",
    "net_price_calculator_url",
    "is_open",
    "data_source",
    "scorecard_year",
    "tuition_in_district",
    "tuition_in_state",
    "tuition_out_of_state",
    "books_supplies_per_year",
    "net_price",
    "completion_rate_150pct",
    "pell_share",
    "median_debt_completers",
    "median_debt_years",
    "scorecard_source",
]
# Always IPEDS's: what the data is the only source for.
PROGRAM_FIELDS = [
    "name",
    "credential",
    "ipeds_award_level",
    "graduates_per_year",
    "graduates_year",
    "graduates_source",
    "data_source",
    "data_as_of",
]
COST_FIELDS = [
    "tuition_fees",
    "books_supplies",
    "cost_suspect",
    "cost_source",
    "cost_match",
    "estimated_cost",
    "estimated_cost_out_of_state",
    "estimate_years",
]
LENGTH_FIELDS = [
    "length_months",
    "reported_length_months",
    "length_suspect",
    "length_hours",
    "length_hours_unit",
    "reported_weeks",
    "length_source",
]


def from_ipeds(source):
    """An editor who enters a figure names another source; until then the figure is the data's
    (IPEDS, or the Scorecard estimate). "Typical length" is how older imports marked lengths
    they made up, which this import now replaces."""
    return source.startswith(("IPEDS", "Not reported to IPEDS", "Typical length", "Estimate from"))


class Command(BaseCommand):
    help = (
        "Update schools and programs from the IPEDS files, keeping what editors set: a "
        "confirmed format, schedule, externship, checked accreditation, exam fees, other costs, "
        "exams, costs and lengths from another source, and publication. Programs no longer in "
        "the data are unpublished, never deleted. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(ipeds.SOURCE_DIR))

    @transaction.atomic
    def handle(self, *args, source, **options):
        started = time.perf_counter()
        mapped = ipeds.map_ipeds(source)
        counts = {"created": 0, "updated": 0, "unchanged": 0, "unpublished": 0}

        schools = {s.slug: s for s in School.objects.all()}
        for row in mapped.schools:
            school = schools.get(row["slug"]) or School(slug=row["slug"])
            changed = self.assign(school, row, SCHOOL_FIELDS)
            if school.pk is None or changed:
                school.save()
            schools[school.slug] = school

        programs = {p.slug: p for p in Program.objects.all()}
        seen = set()
        for row in mapped.programs:
            seen.add(row["slug"])
            program = programs.get(row["slug"])
            if program is None:
                program = Program(slug=row["slug"], school=schools[row["school"]])
                self.assign(program, row, PROGRAM_FIELDS + COST_FIELDS + LENGTH_FIELDS)
                self.assign(program, row, ["format", "accreditation", "accreditation_note"])
                program.save()
                counts["created"] += 1
                continue
            fields = list(PROGRAM_FIELDS)
            if from_ipeds(program.cost_source):
                fields += COST_FIELDS
            if from_ipeds(program.length_source):
                fields += LENGTH_FIELDS
            if not program.format_confirmed:
                fields.append("format")
            if program.accreditation_checked_on is None:
                fields += ["accreditation", "accreditation_note"]
            if self.assign(program, row, fields):
                program.save()
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1

        gone = Program.objects.filter(published=True, data_source__startswith="NCES IPEDS")
        for program in gone.exclude(slug__in=seen):
            program.published = False
            program.save(update_fields=["published"])
            counts["unpublished"] += 1

        self.stdout.write(
            ", ".join(f"{value} {key}" for key, value in counts.items())
            + f" programs in {time.perf_counter() - started:.1f} s"
        )

    @staticmethod
    def assign(instance, row, fields):
        changed = False
        for name in fields:
            value = row[name]
            if getattr(instance, name) != value:
                setattr(instance, name, value)
                changed = True
        return changed
