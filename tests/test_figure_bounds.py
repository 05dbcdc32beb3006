"""Every figure has a plausible range, held by its field's validator and a database check, so
forms, imports, full_clean() and the database agree; the largest values the database accepts
still render on every page and admin list."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from certifications.models import ExamFigure
from guide.models import WageFigure
from programs.models import Program
from tests.factories import make_certification, make_exam_fee, make_program, make_school
from tests.test_editors import _form_data

pytestmark = pytest.mark.django_db


def test_full_clean_refuses_an_overflowing_tuition_naming_the_field_and_range():
    # 9,999,999 passed every check, and the total overflowed its column.
    program = make_program(tuition_fees=Decimal("10000"))
    program.tuition_fees = Decimal("9999999")
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert error.value.message_dict == {"tuition_fees": ["Enter a figure from $0 to $500,000."]}


def test_the_database_refuses_a_figure_written_past_validation():
    program = make_program()
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.filter(pk=program.pk).update(tuition_fees=Decimal("9999999"))


def test_the_admin_form_refuses_an_implausible_figure_even_with_same_source(admin_client):
    program = make_program(tuition_fees=Decimal("10000"))
    url = reverse("admin:programs_program_change", args=[program.pk])
    form = admin_client.get(url).context["adminform"].form
    data = _form_data(form, tuition_fees="9999999", same_source="on")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["tuition_fees"] == ["Enter a figure from $0 to $500,000."]
    program.refresh_from_db()
    assert program.tuition_fees == Decimal("10000")


def test_an_exam_fee_must_be_plausible_and_the_one_its_text_gives():
    # $99,999.99 was accepted while the text said $165: /certifications/ showed "$135 to
    # $100,000".
    fee = make_exam_fee(make_certification(), "165")
    fee.amount_low = Decimal("99999.99")
    with pytest.raises(ValidationError) as error:
        fee.full_clean()
    assert error.value.message_dict["amount_low"][0] == "Enter a figure from $0 to $1,000."
    fee.amount_low = Decimal("185")
    with pytest.raises(ValidationError) as error:
        fee.full_clean()
    assert "$185 is not in the text “$165”" in error.value.message_dict["amount_low"][0]
    fee.value = "$185 for members"
    fee.full_clean()


def test_wage_figures_are_bounded():
    wage = WageFigure(
        area_type="national", area_code="0000001", area_name="US", year=2025, hourly_median=999
    )
    with pytest.raises(ValidationError) as error:
        wage.full_clean(exclude=["source"])
    assert error.value.message_dict["hourly_median"] == ["Enter a figure from $1 to $250."]


def test_pages_and_admin_lists_hold_the_largest_figures_the_database_takes(admin_client, client):
    # Written past validation, as a bad import would: every page and list must still render.
    school = make_school(slug="extreme-college", state="DE")
    program = make_program(school=school, slug="extreme-ma")
    Program.objects.filter(pk=program.pk).update(
        tuition_fees=Decimal("500000"),
        books_supplies=Decimal("500000"),
        other_costs=Decimal("500000"),
        total_cost=Decimal("1500000"),
        estimated_cost=Decimal("500000"),
        graduates_per_year=10_000,
    )
    certification = make_certification(slug="extreme-cert")
    program.certifications.add(certification)
    fee = make_exam_fee(certification, "100")
    ExamFigure.objects.filter(pk=fee.pk).update(amount_low=1000, amount_high=1000)
    WageFigure.objects.filter(state_code="DE").update(annual_median=1000, hourly_median=1)
    for url in [
        reverse("programs:detail", args=["extreme-ma"]),
        reverse("programs:list") + "?sort=cost",
        reverse("programs:list") + "?state=DE",
        reverse("states:detail", args=["delaware"]),
        reverse("certifications:list"),
        reverse("guide:search") + "?q=extreme",
    ]:
        assert client.get(url).status_code == 200, url
    for url in [
        reverse("admin:programs_program_changelist"),
        reverse("admin:programs_program_change", args=[program.pk]),
        reverse("admin:programs_program_history", args=[program.pk]),
        reverse("admin:certifications_examfigure_changelist"),
    ]:
        assert admin_client.get(url).status_code == 200, url
