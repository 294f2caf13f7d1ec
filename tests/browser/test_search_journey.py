"""A reader searches from the header, then narrows with the type-ahead person picker."""

import re

from playwright.sync_api import expect

from articles.models import Article


def test_reader_searches_then_picks_a_person_from_the_suggestions(page):
    page.goto("/people/")
    page.get_by_role("searchbox", name="Search the articles").fill("freeze")
    page.get_by_role("searchbox", name="Search the articles").press("Enter")

    expect(page).to_have_url(re.compile(r"/articles/\?q=freeze$"))
    expect(page.locator(".article-card__snippet mark").first).to_be_visible()
    expect(page.locator(".article-card__snippet mark").first).to_have_text(
        re.compile("freeze", re.IGNORECASE)
    )
    found = page.locator(".article-card").count()
    assert found >= 1

    # Typing part of a surname offers the person; choosing one adds the filter at once.
    picker = page.get_by_role("combobox", name="Add a person")
    picker.press_sequentially("Lavr")
    option = page.get_by_role("option", name=re.compile("Sergei Lavrov"))
    expect(option).to_be_visible()
    option.click()

    expect(page).to_have_url(re.compile(r"person=sergei-lavrov"))
    expect(page).to_have_url(re.compile(r"q=freeze"))
    expected = Article.objects.naming_person("sergei-lavrov").search("freeze")
    expect(page.locator(".article-card")).to_have_count(expected.count())
    expect(page.get_by_role("link", name="Remove person Sergei Lavrov")).to_be_visible()


def test_on_the_quotations_a_picked_speaker_replaces_the_one_in_force(page):
    page.goto("/quotes/?person=bashar-al-assad")
    picker = page.get_by_role("combobox", name="Said by", exact=True)
    picker.press_sequentially("Lavr")
    option = page.get_by_role("option", name=re.compile("Sergei Lavrov"))
    expect(option).to_be_visible()
    option.click()

    expect(page).to_have_url(re.compile(r"/quotes/\?.*person=sergei-lavrov"))
    assert "bashar-al-assad" not in page.url  # replaced, not added
    expect(page.get_by_text("Now Sergei Lavrov")).to_be_visible()
