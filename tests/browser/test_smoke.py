import pytest

from tests.factories import make_page, make_wage_figure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("without_reference_data")
def test_home_page_renders_fixture_content(page, live_server):
    make_page(
        slug="home", kind="home", title="Become a Medical Assistant", summary="Sourced facts."
    )
    make_wage_figure()
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Become a Medical Assistant"
    assert "$45,690" in page.locator("main").inner_text()
    assert page.outside_requests == []
