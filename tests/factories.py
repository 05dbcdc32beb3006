"""Small builders for test rows: each makes a valid object and takes field overrides."""

import datetime
import itertools
from decimal import Decimal

from certifications.models import Certification, CertifyingBody, EligibilityRoute, ExamFigure
from guide.models import Contributor, GuidePage, Source, WageFigure
from programs.models import Program, School

_counter = itertools.count(1)


def _n():
    return next(_counter)


def make_source(**overrides):
    n = _n()
    fields = {
        "slug": f"source-{n}",
        "title": f"Source {n}",
        "publisher": "U.S. Bureau of Labor Statistics",
        "url": f"https://www.bls.gov/source-{n}",
        "as_of": "May 2025",
    }
    fields.update(overrides)
    return Source.objects.create(**fields)


def make_contributor(**overrides):
    n = _n()
    fields = {"slug": f"person-{n}", "name": f"Person {n}", "role": "Editor"}
    fields.update(overrides)
    return Contributor.objects.create(**fields)


def make_page(**overrides):
    n = _n()
    fields = {
        "slug": f"page-{n}",
        "title": f"Page {n}",
        "summary": f"Summary of page {n}.",
        "body": "Some **Markdown** body.",
        "written_on": datetime.date(2026, 11, 1),
        "published": True,
    }
    fields.update(overrides)
    if "author" not in fields:
        fields["author"] = make_contributor()
    return GuidePage.objects.create(**fields)


def make_wage_figure(**overrides):
    fields = {
        "area_type": WageFigure.AreaType.NATIONAL,
        "area_code": "0000000",
        "area_name": "National",
        "year": 2025,
        "employment": 817870,
        "annual_median": Decimal("45690"),
        "hourly_median": Decimal("21.97"),
    }
    fields.update(overrides)
    if "source" not in fields:
        fields["source"] = make_source()
    return WageFigure.objects.create(**fields)


def make_body(**overrides):
    n = _n()
    fields = {
        "slug": f"body-{n}",
        "name": f"Certifying Body {n}",
        "abbreviation": f"CB{n}",
        "url": f"https://body-{n}.example.org/",
    }
    fields.update(overrides)
    return CertifyingBody.objects.create(**fields)


def make_certification(**overrides):
    n = _n()
    fields = {
        "code": f"C{n}",
        "slug": f"cert-{n}",
        "name": f"Certified Thing {n}",
        "summary": "A credential.",
        "official_url": f"https://body-{n}.example.org/exam",
        "verified_on": datetime.date(2026, 11, 1),
    }
    fields.update(overrides)
    if "body" not in fields:
        fields["body"] = make_body()
    return Certification.objects.create(**fields)


def make_exam_fee(certification, low, high=None, **overrides):
    """A fee figure as one source gives it: one amount, or a low and a high one."""
    n = _n()
    fields = {
        "certification": certification,
        "slug": f"fee-{n}",
        "kind": ExamFigure.Kind.EXAM_FEE,
        "value": f"${low}" if high is None else f"${low} or ${high}",
        "amount_low": Decimal(low),
        "amount_high": None if high is None else Decimal(high),
    }
    fields.update(overrides)
    if "source" not in fields:
        fields["source"] = make_source()
    return ExamFigure.objects.create(**fields)


def make_route(**overrides):
    n = _n()
    fields = {
        "slug": f"route-{n}",
        "name": f"Route {n}",
        "description": "Who this is for.",
        "verified_on": datetime.date(2026, 11, 1),
    }
    fields.update(overrides)
    if "certification" not in fields:
        fields["certification"] = make_certification()
    if "source" not in fields:
        fields["source"] = make_source()
    return EligibilityRoute.objects.create(**fields)


def make_school(**overrides):
    n = _n()
    fields = {
        "slug": f"school-{n}",
        "ipeds_unitid": 900000 + n,
        "name": f"School {n}",
        "city": "Springfield",
        "state": "IL",
        "zip_code": "62701",
        "latitude": 39.8017,
        "longitude": -89.6436,
    }
    fields.update(overrides)
    return School.objects.create(**fields)


def make_program(**overrides):
    n = _n()
    fields = {
        "slug": f"program-{n}",
        "name": "Medical Assisting, certificate",
        "credential": Program.Credential.CERTIFICATE,
        "length_months": Decimal("9"),
        "tuition_fees": Decimal("12000"),
        "books_supplies": Decimal("800"),
        "graduates_per_year": 20,
        "graduates_year": "2023-24",
    }
    fields.update(overrides)
    if "school" not in fields:
        fields["school"] = make_school()
    # An accreditation rests on an editor's check of the directory (a database check).
    if fields.get("accreditation") in {Program.Accreditation.CAAHEP, Program.Accreditation.ABHES}:
        fields.setdefault("accreditation_checked_on", datetime.date(2026, 1, 5))
    return Program.objects.create(**fields)


def bulk_programs(count, prefix, school=None):
    """Many similar programs at once (no save() signals), for data-size tests."""
    school = school or make_school(slug=f"{prefix}-school")
    Program.objects.bulk_create(
        Program(
            school=school,
            slug=f"{prefix}-{n}",
            name="Medical Assisting",
            credential=Program.Credential.CERTIFICATE,
            length_months=Decimal("9"),
            tuition_fees=Decimal("9000"),
            total_cost=Decimal("9000"),
            graduates_per_year=n % 50,
        )
        for n in range(count)
    )
