"""Every main page (pages.py), at desktop and phone width: no serious or critical axe-core
violation (contrast AA included), every form control labelled, no sideways scrolling.

With NEWSROOM_SCREENSHOTS=<folder> (`make screenshots`) each page is also saved as a PNG
at both widths.
"""

import pytest

from .axe import axe_violations
from .conftest import DESKTOP, PHONE
from .layout import assert_no_sideways_scroll, screenshot
from .pages import MAIN_PAGES

UNLABELLED_CONTROLS = """() => [...document.querySelectorAll(
        'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea')]
    .filter(el => el.labels.length === 0 && !el.getAttribute('aria-label')
                  && !el.getAttribute('aria-labelledby'))
    .map(el => el.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=lambda main_page: main_page.name)
def test_main_page_is_accessible_and_fits_desktop_and_phone(watched, site, main_page):
    page, watcher = watched
    url = site + main_page.path()
    watcher.allow_status(url, main_page.status)
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        response = page.goto(url)
        assert response.status == main_page.status
        assert axe_violations(page) == [], width
        assert page.evaluate(UNLABELLED_CONTROLS) == []
        assert_no_sideways_scroll(page)
        screenshot(page, f"{main_page.name}-{width}")
