"""Checks on the certifications data for `manage.py data_report`."""

from certifications.models import Certification

# Each fact a certification page shows beside a source: (name, the fields that hold it, its
# source field). Exam figures and routes cannot lack one: their source is required.
SOURCED_FACTS = [
    ("delivery", ["at_test_center", "at_school", "at_home", "delivery_note"], "delivery_source"),
    ("renewal", ["renewal_months", "renewal_requirement"], "renewal_source"),
    ("accreditation", ["credential_accreditation"], "accreditation_source"),
]


def unsourced_figures():
    """[(credential code, fact)] for every fact a published certification page shows without
    a source beside it; [] when every one has its source."""
    missing = []
    for certification in Certification.objects.published():
        for fact, fields, source in SOURCED_FACTS:
            shown = any(getattr(certification, name) for name in fields)
            if shown and getattr(certification, f"{source}_id") is None:
                missing.append((certification.code, fact))
    return missing
