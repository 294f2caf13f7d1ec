"""An editor adds an alias in the admin and readers see the new link in the article text."""

import re

from playwright.sync_api import expect

ARTICLE_HEADLINE = "UN Mediator Says Shared Threat Of IS Could Promote Syria Truce"
PERSON = "Abu Firas al-Halabi"
# The article names him in full once, then by surname at the start of a sentence.
SURNAME = "Al-Halabi"


def open_article_from_home(page):
    page.get_by_role("link", name="Newsroom", exact=True).click()
    page.get_by_role("region", name="Latest articles").get_by_role(
        "link", name=ARTICLE_HEADLINE
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_HEADLINE)


def test_editor_adds_an_alias_and_the_article_links_it(page, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-secret")
    page.goto("/")
    open_article_from_home(page)
    body = page.locator(".article__body")
    expect(body.get_by_text(f"{SURNAME} said")).to_be_visible()
    expect(body.get_by_role("link", name=SURNAME, exact=True)).to_have_count(0)

    page.get_by_role("link", name="Editors’ admin").click()
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-secret")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="People", exact=True).click()
    page.locator("#searchbar").fill("Halabi")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=PERSON, exact=True).click()

    new_alias = page.locator("input[name^='aliases-'][name$='-text']:not([name*='__prefix__'])")
    new_alias.last.fill(SURNAME)
    page.get_by_role("button", name="Save", exact=True).click()
    messages = page.locator(".messagelist")
    expect(messages).to_contain_text("was changed successfully")
    expect(messages).to_contain_text("Mentions re-detected")

    page.get_by_role("link", name="View site").click()
    open_article_from_home(page)
    link = body.get_by_role("link", name=SURNAME, exact=True)
    expect(link).to_have_attribute("href", "/people/abu-firas-al-halabi/")
    link.click()
    expect(page).to_have_url(re.compile(r"/people/abu-firas-al-halabi/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PERSON)
