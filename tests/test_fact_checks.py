"""Checks on every fact: full_clean() (admin, CSV import) and the database (the shell) refuse
figures no program or rule can have."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from certifications.models import Certification, EligibilityRoute, ExamFigure
from guide.models import GuidePage, Source
from programs.ipeds import ABHES_NOTE
from programs.models import Program, School
from states.models import StateProfile, TaskRule
from tests.factories import make_exam_fee, make_program, make_route, make_school
from tests.test_editors import _form_data

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def errors_of(obj):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


def refusals(obj):
    """What full_clean() refuses, by field: {} when it accepts the object."""
    try:
        obj.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"tuition_fees": Decimal("-500")}, "tuition_fees"),
        ({"books_supplies": Decimal("-1")}, "books_supplies"),
        ({"estimated_cost": Decimal("-1")}, "estimated_cost"),
        ({"length_months": Decimal("999")}, "length_months"),
        ({"length_months": Decimal("0")}, "length_months"),
        ({"reported_length_months": Decimal("61")}, "reported_length_months"),
        ({"length_hours": 0}, "length_hours"),
        ({"length_hours": 40000}, "length_hours"),
        ({"has_externship": False, "externship_hours": 180}, "externship_hours"),
        ({"has_externship": None, "externship_hours": 180}, "externship_hours"),
        ({"accreditation": "caahep"}, "accreditation_checked_on"),
        ({"accreditation": "abhes", "accreditation_note": "ABHES"}, "accreditation_checked_on"),
        ({"last_verified": TOMORROW}, "last_verified"),
    ],
)
def test_program_refuses_a_figure_no_program_has(overrides, field):
    program = make_program()
    for name, value in overrides.items():
        setattr(program, name, value)
    assert field in errors_of(program)


def test_program_accepts_sound_figures_and_the_imported_abhes_record():
    program = make_program(has_externship=True, externship_hours=180, length_hours=720)
    assert refusals(program) == {}
    program.accreditation = Program.Accreditation.ABHES
    program.accreditation_note = ABHES_NOTE
    assert refusals(program) == {}
    program.accreditation = Program.Accreditation.CAAHEP
    program.accreditation_checked_on = timezone.localdate()
    assert refusals(program) == {}


def test_a_future_accreditation_check_is_refused():
    program = make_program(accreditation="caahep", accreditation_checked_on=TOMORROW)
    assert "accreditation_checked_on" in errors_of(program)


@pytest.mark.parametrize(
    "update",
    [
        {"tuition_fees": Decimal("-500")},
        {"length_months": Decimal("999")},
        {"has_externship": False, "externship_hours": 180},
        {"accreditation": "caahep", "accreditation_checked_on": None},
    ],
)
def test_the_database_refuses_what_the_shell_tries(update):
    program = make_program()
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.filter(pk=program.pk).update(**update)


def test_school_shares_and_prices_are_checked():
    school = make_school()
    school.tuition_in_district, school.pell_share = Decimal("-10"), Decimal("1.5")
    assert {"tuition_in_district", "pell_share"} <= set(errors_of(school))
    # The Scorecard reports net price below zero where grants exceed the cost: kept as published.
    school = make_school(net_price=Decimal("-864"))
    assert refusals(school) == {}


def test_exam_figures_and_routes_are_checked():
    figure = make_exam_fee(make_route().certification, Decimal("125"), Decimal("150"))
    assert refusals(figure) == {}
    figure.amount_low = Decimal("175")
    assert "amount_high" in errors_of(figure)
    figure.amount_low, figure.amount_high = Decimal("-5"), None
    assert "amount_low" in errors_of(figure)
    figure.amount_low, figure.verified_on = Decimal("125"), TOMORROW
    assert "verified_on" in errors_of(figure)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExamFigure.objects.filter(pk=figure.pk).update(amount_low=200, amount_high=100)

    route = make_route(min_program_hours=720)
    assert refusals(route) == {}
    route.min_program_hours, route.verified_on = 40000, TOMORROW
    assert {"min_program_hours", "verified_on"} <= set(errors_of(route))
    with pytest.raises(IntegrityError), transaction.atomic():
        EligibilityRoute.objects.filter(pk=route.pk).update(min_program_hours=0)


def test_editor_sees_the_check_in_admin_and_nothing_is_saved(admin_client):
    program = make_program(tuition_fees=Decimal("10000"))
    url = reverse("admin:programs_program_change", args=[program.pk])
    form = admin_client.get(url).context["adminform"].form
    response = admin_client.post(
        url, _form_data(form, tuition_fees="-500", has_externship="3", externship_hours="180")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "tuition_fees" in errors and "externship_hours" in errors
    program.refresh_from_db()
    assert program.tuition_fees == Decimal("10000")


# Clean fields and clean() only: the database checked the constraints as the rows loaded.
CHECKED_MODELS = [
    School,
    Program,
    Certification,
    ExamFigure,
    EligibilityRoute,
    GuidePage,
    Source,
    StateProfile,
    TaskRule,
]


def test_every_real_fixture_row_passes_the_checks():
    call_command("seed", stdout=io.StringIO())
    for model in CHECKED_MODELS:
        rows = list(model.objects.all())
        assert rows, model
        for row in rows:
            row.full_clean(validate_unique=False, validate_constraints=False)


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (GuidePage, "reviewed_on"),
        (Source, "reviewed_on"),
        (Source, "accessed_on"),
        (Certification, "verified_on"),
        (StateProfile, "reviewed_on"),
        (StateProfile, "researched_on"),
        (TaskRule, "reviewed_on"),
    ],
)
def test_review_dates_cannot_be_in_the_future(model, field):
    row = model.objects.first()
    setattr(row, field, TOMORROW)
    assert field in errors_of(row)
