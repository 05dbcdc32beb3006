"""The certifications' texts that have a Spanish version (django-modeltranslation; see
core.translations)."""

from certifications import models
from core.translations import register

register(models.CertifyingBody, ["description"])
register(
    models.Certification,
    [
        "summary",
        "delivery_note",
        "renewal_requirement",
        "confirm_before_applying",
        "editors_note",
        "credential_accreditation",
    ],
)
register(models.ExamFigure, ["value", "note"])
register(models.EligibilityRoute, ["name", "description", "other_requirements", "review_note"])
