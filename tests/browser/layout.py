"""Layout checks and screenshots shared by the browser tests."""

import os
from pathlib import Path

SIDEWAYS_OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > width + 1)
        .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
    return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def assert_no_sideways_scroll(page):
    overflow = page.evaluate(SIDEWAYS_OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["width"], overflow


def screenshot(page, name):
    """Save a full-page PNG when NEWSROOM_SCREENSHOTS names a folder (`make screenshots`)."""
    folder = os.environ.get("NEWSROOM_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(folder) / f"{name}.png", full_page=True)
