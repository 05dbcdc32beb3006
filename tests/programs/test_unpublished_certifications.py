"""An unpublished credential is off every program page: detail, comparison and result cards."""

import pytest

from tests.factories import make_certification, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(without_reference_data):
    program = make_program()
    program.certifications.add(
        make_certification(code="CMA", slug="cma", published=True),
        make_certification(code="XYZA", slug="withdrawn", published=False),
    )
    return program


def test_program_page_leaves_out_unpublished_certifications(client, program):
    body = client.get(program.get_absolute_url()).content.decode()
    assert "CMA" in body
    assert "XYZA" not in body and "/certifications/withdrawn/" not in body


def test_program_page_for_an_editor_leaves_them_out_too(admin_client, program):
    body = admin_client.get(program.get_absolute_url()).content.decode()
    assert "CMA" in body and "XYZA" not in body


def test_comparison_leaves_out_unpublished_certifications(client, program):
    body = client.get(f"/programs/compare/?p={program.slug}").content.decode()
    assert "CMA" in body and "XYZA" not in body


def test_result_cards_leave_out_unpublished_certifications(client, program):
    body = client.get("/programs/").content.decode()
    assert "CMA" in body and "XYZA" not in body
