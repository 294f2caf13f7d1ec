"""Accessibility beyond axe (see test_main_pages.py): keyboard-only use of the filters and
facets, and a visible focus indicator on everything the Tab key reaches."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article

from .keyboard import focused, tab_to


def test_keyboard_alone_narrows_the_list_with_filters_and_facets_then_clears_it(page):
    total = Article.objects.count()
    page.goto("/articles/")

    tab_to(page, lambda el: el["id"] == "id_publication")
    page.keyboard.press("ArrowDown")  # the first publication, chosen without a mouse
    publication = page.evaluate(
        "() => document.activeElement.selectedOptions[0].textContent.trim()"
    )
    tab_to(page, lambda el: el["tag"] == "button" and el["text"] == "Apply")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"publication=[\w-]+"))
    expect(page.get_by_role("status")).to_contain_text("match")
    expect(page.locator(".active-filters")).to_contain_text(publication)

    reached = tab_to(page, lambda el: el["inFacets"] and (el["href"] or "").startswith("?"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(reached["href"]) + "$"))
    expect(page.locator(".facet__active").first).to_be_visible()

    tab_to(page, lambda el: el["text"] == "Clear all filters")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/articles/$"))
    expect(page.get_by_role("status")).to_have_text(re.compile(rf"^\s*{total} articles\."))


@pytest.mark.parametrize("path", ["/articles/?person=staffan-de-mistura", "/"])
def test_every_element_reached_by_tab_shows_its_focus(page, path):
    page.goto(path)
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None:  # past the last element, back to the browser's own UI
            break
        seen.append(element)
        assert element["outline"] or element["shadow"], f"no visible focus on {element}"
    kinds = {element["tag"] for element in seen}
    assert {"a", "input", "button"} <= kinds
    assert seen[0]["text"] == "Skip to content"
