"""Official names stay as the bodies write them: on a Spanish page the first appearance of each
credential or body is followed by its explanation and marked lang="en"; English pages show the
name alone."""

import html
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation

from certifications.views import CertificationDetailView, CertificationListView, EligibilityView
from core.official_names import BY_NAME
from guide.views import HomeView

pytestmark = pytest.mark.django_db

CHECKER_ANSWERS = {"diploma": "yes", "training": "none", "military": "no", "experience_months": 0}


def render(language, view, path, **kwargs):
    """The page as the view renders it in that language (the /es/ addresses come separately)."""
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    with translation.override(language):
        response = view.as_view()(request, **kwargs)
        return html.unescape(response.render().content.decode())


PAGES = [
    (HomeView, "/", {}, ["cma", "rma", "ncma", "ccma"]),
    (CertificationListView, "/certifications/", {}, ["cma", "rma", "ncma", "ccma"]),
    (CertificationDetailView, "/certifications/cma/", {"slug": "cma"}, ["cma", "aama"]),
    (
        EligibilityView,
        "/certifications/eligibility/?" + urlencode(CHECKER_ANSWERS),
        {},
        ["cma", "rma", "ncma", "ccma"],
    ),
]


def explanation(key):
    entry = next(e for e in BY_NAME.values() if e.key == key)
    # Alone in its brackets, or after the body's abbreviation in the same ones: "(AAMA, ...)".
    return f"{entry.explanation})"


@pytest.mark.parametrize(("view", "path", "kwargs", "keys"), PAGES)
def test_a_spanish_page_explains_each_official_name_once(view, path, kwargs, keys):
    page = render("es", view, path, **kwargs)
    with translation.override("es"):
        for key in keys:
            assert page.count(explanation(key)) == 1, key
    assert '<span lang="en">' in page


@pytest.mark.parametrize(("view", "path", "kwargs", "keys"), PAGES)
def test_an_english_page_shows_the_names_alone(view, path, kwargs, keys):
    page = render("en", view, path, **kwargs)
    for key in keys:
        assert explanation(key) not in page, key
    assert '<span lang="en">' not in page
    assert "Certified Medical Assistant" in page or "CMA (AAMA)" in page
