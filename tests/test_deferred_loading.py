"""core.models.QuickDeferredLoading builds the same instances as Django's Model.from_db."""

from decimal import Decimal

import pytest
from django.db import models

from programs.models import RESULT_COLUMNS, Program
from tests.factories import make_program, make_school

pytestmark = pytest.mark.django_db


def fields_of(instance):
    return {
        field.attname: instance.__dict__.get(field.attname, "deferred")
        for field in instance._meta.concrete_fields
    }


@pytest.mark.parametrize(
    "read",
    [
        lambda programs: programs.only(*RESULT_COLUMNS),
        lambda programs: programs.defer("name", "tuition_fees", "school__alias"),
        lambda programs: programs.only("slug", "total_cost", "school__city"),
        lambda programs: programs.all(),
    ],
)
def test_instances_read_with_some_columns_match_djangos(read):
    school = make_school(alias="Old name")
    make_program(school=school, total_cost=Decimal("9100"), tuition_fees=Decimal("8000"))
    make_program(school=school, total_cost=None, length_hours=900)
    programs = read(Program.objects.select_related("school").order_by("pk"))
    ours = list(programs)
    compiler = programs.query.get_compiler(programs.db)
    rows = list(compiler.results_iter())
    select, klass_info = compiler.select, compiler.klass_info
    columns = [select[i][0].target.attname for i in klass_info["select_fields"]]
    djangos = [
        models.Model.from_db.__func__(Program, programs.db, columns, row[: len(columns)])
        for row in rows
    ]
    assert [fields_of(p) for p in ours] == [fields_of(p) for p in djangos]
    assert all(not p._state.adding and p._state.db == programs.db for p in ours)
    # Deferred columns are still read on demand.
    assert [p.name for p in ours] == [p.name for p in Program.objects.order_by("pk")]
