"""Grow the real program list to a target size with synthetic rows drawn from its distributions.

Each synthetic program copies the credential, format, cost, length and schedule of a randomly
chosen real program, and belongs to a synthetic school placed near a randomly chosen real
school, so filters, facets and distance searches see realistic selectivity at any size.
"""

import random

from django.db import transaction

from programs.models import Program, School

BATCH = 5000
PROGRAMS_PER_SCHOOL = 1.5


@transaction.atomic
def grow_to(target, seed=20261122):
    rng = random.Random(seed)
    real_programs = list(Program.objects.filter(published=True).select_related("school"))
    real_schools = [s for s in School.objects.filter(is_open=True) if s.latitude is not None]
    existing = Program.objects.count()
    missing = target - existing
    if missing <= 0 or not real_programs:
        return existing
    school_count = max(1, int(missing / PROGRAMS_PER_SCHOOL))
    schools = []
    for n in range(school_count):
        model = rng.choice(real_schools)
        schools.append(
            School(
                slug=f"synthetic-school-{target}-{n}",
                name=f"{model.name} (synthetic {n})",
                city=model.city,
                state=model.state,
                zip_code=model.zip_code,
                latitude=model.latitude + rng.uniform(-0.3, 0.3),
                longitude=model.longitude + rng.uniform(-0.3, 0.3),
                sector=model.sector,
                is_open=True,
                data_source="synthetic (bench)",
            )
        )
    School.objects.bulk_create(schools, batch_size=BATCH)
    schools = list(School.objects.filter(slug__startswith=f"synthetic-school-{target}-"))
    copied = [
        f.attname
        for f in Program._meta.concrete_fields
        if f.attname not in {"id", "school_id", "slug"}
    ]
    programs = []
    for n in range(missing):
        model = rng.choice(real_programs)
        program = Program(school=schools[n % len(schools)], slug=f"synthetic-{target}-{n}")
        for attname in copied:
            setattr(program, attname, getattr(model, attname))
        programs.append(program)
        if len(programs) == BATCH:
            Program.objects.bulk_create(programs)
            programs = []
    Program.objects.bulk_create(programs)
    return Program.objects.count()
