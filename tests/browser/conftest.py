"""The browser suite: Debian's Chromium, driven by Playwright, against a live server of
the seeded archive.

Playwright never downloads a browser here; it drives the system Chromium
(`apt-get install chromium`, which `.ci/run` does when it is missing). Set
NEWSROOM_CHROMIUM to use another Chromium binary.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from articles.loading import load_archive

from .watching import PageWatcher

# Playwright's synchronous API keeps an asyncio loop in the test thread. The tests' own
# database calls are still plain synchronous ones, so Django's guard against calling the
# ORM from async code would stop them for no reason.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
BROWSER_DIR = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not at {CHROMIUM}: `apt-get install chromium`, "
            "or set NEWSROOM_CHROMIUM to a Chromium binary."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            # Root in a container has no user namespaces for Chromium's sandbox.
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def site(live_server):
    """The live server's address, with the seed archive in its database.

    A live server needs a transactional database, which is emptied after each test, so
    the archive is loaded again (it is idempotent and takes a tenth of a second).
    """
    load_archive()
    return live_server.url


def open_page(browser, site, viewport):
    context = browser.new_context(viewport=viewport, base_url=site)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page, PageWatcher(page)


@pytest.fixture
def watched(browser, site):
    """A desktop-sized page and its watcher; the test fails if any page it visited
    logged a console error or had a request fail."""
    context, page, watcher = open_page(browser, site, DESKTOP)
    yield page, watcher
    context.close()
    watcher.assert_clean()


@pytest.fixture
def page(watched):
    return watched[0]


@pytest.fixture
def phone_page(browser, site):
    context, page, watcher = open_page(browser, site, PHONE)
    yield page
    context.close()
    watcher.assert_clean()
