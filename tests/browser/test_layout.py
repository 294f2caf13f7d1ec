"""Layout beyond the main pages' own checks (test_main_pages.py): long words wrap on a
phone, facets sit beside the list on a wide screen and fold above it on a phone (and stay
open without JavaScript), and an article prints cleanly."""

import re

from playwright.sync_api import expect

from .conftest import PHONE
from .layout import assert_no_sideways_scroll
from .pages import ARTICLE
from .watching import PageWatcher


def test_long_words_wrap_on_a_phone(phone_page):
    word = "Aleppo" * 80  # a 480-character word in the query, the chips and the message
    phone_page.goto(f"/articles/?q={word}&person=staffan-de-mistura")
    expect(phone_page.get_by_role("status")).to_be_visible()
    assert_no_sideways_scroll(phone_page)


def test_facets_sit_beside_the_list_on_a_wide_screen(page):
    page.goto("/articles/")
    facets = page.locator(".facets").bounding_box()
    results = page.locator(".article-card").first.bounding_box()
    assert facets["x"] >= results["x"] + results["width"]
    assert facets["y"] < results["y"] + results["height"]
    expect(page.locator(".facet a").first).to_be_visible()


def test_facets_fold_above_the_list_on_a_phone(phone_page):
    phone_page.goto("/articles/")
    summary = phone_page.locator(".facets summary")
    first_card = phone_page.locator(".article-card").first
    assert summary.bounding_box()["y"] < first_card.bounding_box()["y"]
    facet_link = phone_page.locator(".facet a").first
    expect(facet_link).to_be_hidden()
    summary.focus()
    phone_page.keyboard.press("Enter")
    expect(facet_link).to_be_visible()
    facet_link.click()
    expect(phone_page.get_by_role("status")).to_contain_text("match")


def test_article_prints_its_text_and_provenance_without_the_site_around_it(page):
    page.goto(f"/articles/{ARTICLE}/")
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", ".article__aside", ".source-text"):
        expect(page.locator(chrome)).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".article__body p").first).to_be_visible()
    expect(page.locator("#provenance")).to_be_visible()
    text_width = page.locator(".article__body").bounding_box()["width"]
    page_width = page.locator(".site-main").bounding_box()["width"]
    assert text_width >= 0.95 * page_width  # no empty column where the aside was
    assert page.pdf(format="A4")[:4] == b"%PDF"


def test_without_javascript_the_facets_stay_open_and_the_filters_work(browser, site):
    context = browser.new_context(viewport=PHONE, base_url=site, java_script_enabled=False)
    page = context.new_page()
    watcher = PageWatcher(page)
    page.goto("/articles/")
    facet_link = page.locator(".facet a").first
    expect(facet_link).to_be_visible()
    page.get_by_label("Words in the headline or text").fill("Aleppo")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"q=Aleppo"))
    expect(page.get_by_role("status")).to_contain_text("match")
    context.close()
    watcher.assert_clean()
