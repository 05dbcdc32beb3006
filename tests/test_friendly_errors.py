"""Bodies and files refused before they are read, with the right words; the CSRF failure page
is the site's own."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from guide.models import Feedback

pytestmark = pytest.mark.django_db

FEEDBACK = "/suggest-an-update/"


def test_a_20_mb_anonymous_upload_is_refused_before_it_is_read(client):
    # Accepted before: Django spooled the file to disk and the form ignored it.
    upload = SimpleUploadedFile("big.bin", b"\0" * (20 * 1024 * 1024))
    response = client.post(FEEDBACK, {"message": "Look at this", "page_url": "/", "f": upload})
    assert response.status_code == 413
    assert "That was too much to send" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_small_file_on_a_public_form_is_refused_too(client):
    upload = SimpleUploadedFile("note.txt", b"hello")
    response = client.post(FEEDBACK, {"message": "Look at this", "page_url": "/", "f": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "This form takes no files" in body
    assert "We could not read that address" not in body
    assert not Feedback.objects.exists()


def test_an_oversized_text_form_is_told_it_is_too_large_not_a_bad_address(client):
    response = client.post(FEEDBACK, {"message": "x" * 2_000_000, "page_url": "/"})
    assert response.status_code == 413
    assert "We could not read that address" not in response.content.decode()


def test_the_csrf_failure_page_is_the_sites_own():
    client = Client(enforce_csrf_checks=True)
    response = client.post(FEEDBACK, {"message": "Hello", "page_url": "/"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Please send the form again" in body
    assert "CSRF verification failed" not in body
