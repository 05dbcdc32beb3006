"""The API is English whatever a client's language: its values and its errors."""

import pytest
from django.conf import settings

from certifications.models import Certification

pytestmark = pytest.mark.django_db

SPANISH_READER = {"HTTP_ACCEPT_LANGUAGE": "es"}


def test_a_spanish_reader_gets_the_english_texts(client):
    certification = Certification.objects.published().first()
    certification.summary_es = "Resumen en español."
    certification.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    body = client.get(f"/api/v1/certifications/{certification.slug}/", **SPANISH_READER).json()

    assert body["summary"] == certification.summary_en
    assert "español" not in str(body)


def test_errors_stay_english_for_a_spanish_reader(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    response = client.get("/api/v1/programs/?max_cost=abc", **SPANISH_READER)

    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert "number" in response.content.decode().lower()
