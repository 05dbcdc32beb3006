import pytest
from django.urls import reverse

from certifications.models import Certification
from core.models import Draft
from guide.models import Source
from tests.admin_forms import change_form_data
from tests.factories import make_certification

pytestmark = pytest.mark.django_db


def test_certification_preview_renders_the_unsaved_summary(admin_client):
    certification = make_certification(summary="Old summary.")
    url = reverse("admin:certifications_certification_change", args=[certification.pk])
    data = change_form_data(admin_client, url, summary="A clearer summary.")

    response = admin_client.post(
        reverse("admin:certifications_certification_preview", args=[certification.pk]), data
    )

    assert response.status_code == 200
    assert "certifications/certification_detail.html" in [t.name for t in response.templates]
    assert "A clearer summary." in response.content.decode()
    certification.refresh_from_db()
    assert certification.summary == "Old summary."


def test_certification_draft_keeps_the_public_page(admin_client, client):
    certification = make_certification(summary="Old summary.")
    url = reverse("admin:certifications_certification_change", args=[certification.pk])
    data = change_form_data(admin_client, url, summary="Draft summary.", _save_draft="Draft")

    admin_client.post(url, data)

    certification.refresh_from_db()
    assert certification.summary == "Old summary."
    assert Draft.objects.for_object(certification).get().data["summary_en"] == "Draft summary."
    assert "Draft summary." not in client.get(certification.get_absolute_url()).content.decode()


def test_an_editor_sets_a_sources_kind_and_the_fee_follows(admin_client, client):
    """A source's kind is data an editor sets: once a test-prep page, its fee loses its number."""
    vivian = Source.objects.get(slug="cert-vivian-rma")
    url = reverse("admin:guide_source_change", args=[vivian.pk])
    response = admin_client.post(url, change_form_data(admin_client, url, kind="low"))
    assert response.status_code == 302
    body = client.get("/certifications/rma/").content.decode()
    assert "(a test-prep or marketing page: treat with care)" in body
    assert "$135" not in body.split("Exam fee")[1].split("</dd>")[0]


def test_changing_the_renewal_period_asks_for_its_source(admin_client):
    rma = Certification.objects.get(code="RMA")
    url = reverse("admin:certifications_certification_change", args=[rma.pk])
    response = admin_client.post(url, change_form_data(admin_client, url, renewal_months="24"))
    assert response.status_code == 200
    assert "renewal_source" in response.context["adminform"].form.errors
    rma.refresh_from_db()
    assert rma.renewal_months == 36
