"""Pages in headless Chromium (the browser fixture is in tests/conftest.py) on the live server."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
EDITOR_PASSWORD = "journey-editor-passphrase-5"
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", "artifacts/browser"))


def sign_in_as_editor(page, base=None):
    """Sign the seeded site's editor into admin and wait for the dashboard."""
    base = base or page.base
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")


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


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """The real site with all fixtures loaded, served by gunicorn on a private SQLite file.

    Page checks run against this instead of pytest-django's live server, whose transactional
    database is emptied after every test and would have to be seeded again each time.
    """
    import subprocess
    import sys

    from bench.servers import start_gunicorn

    root = Path(__file__).resolve().parents[2]
    database = tmp_path_factory.mktemp("site") / "site.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=root, env=env, check=True)
    subprocess.run([*manage, "seed"], cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [*manage, "create_editor", "editor"],
        cwd=root,
        env={**env, "EDITOR_PASSWORD": EDITOR_PASSWORD},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    server, url = start_gunicorn(env)
    yield url
    server.terminate()
    server.wait(10)


@pytest.fixture(
    params=[(v, js) for v in VIEWPORTS for js in (True, False)],
    ids=lambda p: f"{p[0]}-{'js' if p[1] else 'nojs'}",
)
def site_page(request, browser, site_server):
    """A page on the seeded site at phone or desktop size, with JavaScript on or off."""
    viewport, javascript = request.param
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], java_script_enabled=javascript, accept_downloads=True
    )
    page = context.new_page()
    page.base = site_server
    page.javascript = javascript
    yield page
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def phone(request, browser, site_server):
    """A phone (390 px) on the shared site server, with JavaScript on, then off."""
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=request.param)
    page = context.new_page()
    page.base = site_server
    page.javascript = request.param
    yield page
    context.close()
