import json
import time
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from programs import ipeds

PROGRAM_DEFAULTS = {
    "evening": False,
    "weekend": False,
    "part_time": False,
    "has_externship": None,
    "externship_hours": None,
    "onsite_hours": None,
    "other_costs": None,
    "exam_fee_included": None,
    "accreditation_checked_on": None,
    "accreditation_checked_by": None,
    "accreditation_checked_url": "",
    "last_verified": None,
    "published": True,
    "certifications": [],
}


def _json_value(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


class Command(BaseCommand):
    help = (
        "Build fixtures/programs.json from the IPEDS files in fixtures/sources/ipeds/. "
        "The mapping rules are in programs/ipeds.py; the output is byte-for-byte repeatable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(ipeds.SOURCE_DIR))
        parser.add_argument(
            "--output", default=str(settings.BASE_DIR / "fixtures" / "programs.json")
        )

    def handle(self, *args, source, output, **options):
        started = time.perf_counter()
        mapped = ipeds.map_ipeds(source)
        objects = [
            {"model": "programs.school", "fields": {k: _json_value(v) for k, v in s.items()}}
            for s in mapped.schools
        ]
        for program in sorted(mapped.programs, key=lambda p: p["slug"]):
            total = ipeds.total_cost(program)
            fields = {
                **program,
                **PROGRAM_DEFAULTS,
                "total_cost": total,
                "cost_is_estimate": program["tuition_fees"] is None and total is not None,
            }
            fields["school"] = [program["school"]]
            objects.append(
                {
                    "model": "programs.program",
                    "fields": {k: _json_value(v) for k, v in sorted(fields.items())},
                }
            )
        text = json.dumps(objects, indent=1, ensure_ascii=False) + "\n"
        Path(output).write_text(text, encoding="utf-8")
        programs = mapped.programs
        self.stdout.write(
            f"{len(mapped.schools)} schools, {len(programs)} programs "
            f"({sum(p['tuition_fees'] is not None for p in programs)} with reported cost, "
            f"{sum(p['estimated_cost'] is not None for p in programs)} with estimated cost, "
            f"{sum(p['length_months'] is not None for p in programs)} with reported length, "
            f"{sum(p['cost_suspect'] for p in programs)} suspect costs, "
            f"{sum(p['length_suspect'] for p in programs)} suspect lengths, "
            f"{sum(p['accreditation'] == 'abhes' for p in programs)} ABHES) "
            f"written to {output} in {time.perf_counter() - started:.1f} s; "
            f"left out: {dict(sorted(mapped.skipped.items()))}"
        )
