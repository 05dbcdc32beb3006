import datetime
from decimal import Decimal

import pytest

from tests.factories import (
    make_certification,
    make_exam_fee,
    make_program,
    make_school,
    make_source,
    make_wage_figure,
)


@pytest.fixture
def catalog(without_reference_data):
    """Programs of every kind the finder tells apart, with cost or length missing on some."""
    cma = make_certification(code="CMA", slug="cma", sort_order=1)
    make_exam_fee(cma, "125", "250")
    make_certification(code="RMA", slug="rma", sort_order=2)
    source = make_source(slug="bls-oews", title="OEWS May 2025", as_of="May 2025")
    make_wage_figure(source=source)
    make_wage_figure(
        source=source,
        area_type="state",
        area_code="1700000",
        area_name="Illinois",
        state_code="IL",
        state_codes="IL",
        annual_median=Decimal("48000"),
    )
    make_wage_figure(
        source=source,
        area_type="metro",
        area_code="0016980",
        area_name="Chicago-Naperville-Elgin, IL-IN",
        state_code="IL",
        state_codes="IL IN",
        annual_median=Decimal("49000"),
        wage_rse=Decimal("12.5"),
    )
    near = make_school(
        name="Loop College", city="Chicago", state="IL", latitude=41.88, longitude=-87.63
    )
    mid = make_school(
        name="Joliet Tech", city="Joliet", state="IL", latitude=41.525, longitude=-88.08
    )
    far = make_school(
        name="Austin Academy", city="Austin", state="TX", latitude=30.27, longitude=-97.74
    )
    nowhere = make_school(
        name="Nowhere Institute", city="Peoria", state="IL", latitude=None, longitude=None
    )
    specs = [
        (near, "certificate", "campus", "9", "9000", 50, {"evening": True}, "caahep"),
        (near, "associate", "hybrid", "24", "21000", 30, {"part_time": True}, "unknown"),
        (mid, "certificate", "online", "8", None, 10, {"evening": True, "weekend": True}, "abhes"),
        (mid, "diploma", "campus", None, "14500", 5, {"has_externship": True}, "unknown"),
        (far, "certificate", "campus", "10", "12000", 80, {}, "abhes"),
        (far, "short_certificate", "online", "2", "2500", 3, {}, "unknown"),
        (nowhere, "certificate", "campus", "9", "8000", 7, {}, "unknown"),
        (far, "diploma", "campus", None, None, 12, {}, "unknown"),
    ]
    programs = []
    for school, credential, fmt, months, cost, grads, extra, accreditation in specs:
        programs.append(
            make_program(
                school=school,
                credential=credential,
                format=fmt,
                length_months=Decimal(months) if months else None,
                tuition_fees=Decimal(cost) if cost else None,
                books_supplies=None,
                graduates_per_year=grads,
                accreditation=accreditation,
                cost_source="IPEDS Cost 2024-25" if cost else "",
                last_verified=datetime.date(2026, 1, 5),
                **extra,
            )
        )
    programs[0].certifications.add(cma)
    programs[4].certifications.add(cma)
    make_program(school=near, published=False, slug="draft")
    return programs


def slugs_of(response):
    return [row["slug"] for row in response.json()["results"]]
