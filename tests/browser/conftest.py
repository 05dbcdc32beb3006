"""Pages in headless Chromium (the browser fixture is in tests/conftest.py) on the live server."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", "artifacts/browser"))


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(request, browser, live_server):
    """A fresh page at phone or desktop size that records any request leaving the test server."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    page.outside_requests = []
    page.on(
        "request",
        lambda req: (
            None
            if req.url.startswith(live_server.url) or req.url.startswith("data:")
            else page.outside_requests.append(req.url)
        ),
    )
    yield page
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
