from decimal import Decimal

import pytest

from tests.factories import make_program

pytestmark = pytest.mark.django_db


def test_total_cost_adds_known_parts():
    program = make_program(
        tuition_fees=Decimal("10000"), books_supplies=Decimal("500"), other_costs=Decimal("250")
    )
    program.refresh_from_db()
    assert program.total_cost == Decimal("10750")


def test_total_cost_is_unknown_without_tuition():
    program = make_program(tuition_fees=None, books_supplies=Decimal("500"))
    program.refresh_from_db()
    assert program.total_cost is None


def test_suspect_cost_is_not_published_as_total():
    program = make_program(tuition_fees=Decimal("150455"), cost_suspect=True)
    program.refresh_from_db()
    assert program.total_cost is None


def test_total_cost_follows_an_edit():
    program = make_program(tuition_fees=Decimal("10000"), books_supplies=None)
    program.tuition_fees = Decimal("9000")
    program.save()
    program.refresh_from_db()
    assert program.total_cost == Decimal("9000")
