"""A reader's journeys through the archive (DESIGN.md), made by clicking, as a reader would."""

import re

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import make_article, make_publication


def result_count(page):
    return page.get_by_role("status")


def facet(page, title):
    return page.locator(".facet").filter(has=page.get_by_role("heading", name=title, exact=True))


def test_reader_follows_a_person_to_articles_and_narrows_them(page):
    total = Article.objects.count()
    page.goto("/")
    people = page.get_by_role("region", name="Most-mentioned people")
    people.get_by_role("link", name="Staffan de Mistura").click()

    expect(page).to_have_url(re.compile(r"/people/staffan-de-mistura/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Staffan de Mistura")
    expect(page.get_by_text("UN Special Envoy for Syria", exact=True)).to_be_visible()
    to_list = re.compile(r"Narrow these articles further|All \d+ articles")
    page.get_by_role("link", name=to_list).click()

    expect(page).to_have_url(re.compile(r"/articles/\?person=staffan-de-mistura$"))
    named = Article.objects.naming_person("staffan-de-mistura").count()
    expect(result_count(page)).to_have_text(re.compile(rf"^\s*{named} articles? match"))
    expect(page.get_by_role("link", name="Remove person Staffan de Mistura")).to_be_visible()

    # Narrow by an organisation through its facet: the facet's count is the new total.
    organisations = facet(page, "Organisations")
    item = organisations.get_by_role("listitem").filter(has_text="Islamic State").first
    expected = int(item.locator(".count").inner_text())
    item.get_by_role("link", name="Islamic State", exact=True).click()

    expect(page).to_have_url(re.compile(r"person=staffan-de-mistura&organisation=islamic-state"))
    expect(result_count(page)).to_have_text(re.compile(rf"^\s*{expected} articles? match"))
    expect(facet(page, "Organisations").locator("[aria-current]")).to_have_text("Islamic State")
    cards = page.locator(".article-card")
    expect(cards).to_have_count(expected)

    # Open an article, then follow a name linked in its text.
    headline = cards.first.get_by_role("heading").inner_text()
    cards.first.get_by_role("link", name=headline).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(headline)
    expect(page.locator(".article__body a.mention").first).to_be_visible()
    named_people = page.get_by_role("region", name="People named").get_by_role("link")
    people_by_url = {link.get_attribute("href"): link.inner_text() for link in named_people.all()}
    mention = page.locator(".article__body a.mention[href^='/people/']").filter(
        has_not_text="Mistura"
    )
    href = mention.first.get_attribute("href")
    mention.first.click()
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(people_by_url[href])

    # Back to the narrowed list: drop one filter, then clear them all.
    page.go_back()
    page.go_back()
    expect(result_count(page)).to_have_text(re.compile(rf"^\s*{expected} articles? match"))
    page.get_by_role("link", name="Remove organisation Islamic State").click()
    expect(page).to_have_url(re.compile(r"/articles/\?person=staffan-de-mistura$"))
    expect(result_count(page)).to_have_text(re.compile(rf"^\s*{named} articles? match"))
    page.get_by_role("link", name="Clear all filters").click()
    expect(page).to_have_url(re.compile(r"/articles/$"))
    expect(result_count(page)).to_have_text(re.compile(rf"^\s*{total} articles\."))
    expect(page.get_by_role("link", name="Clear all filters")).to_have_count(0)


def test_reader_pages_through_a_long_list_and_keeps_the_filter(page):
    wire = make_publication(name="Levant Wire", slug="levant-wire")
    for n in range(25):
        make_article(publication=wire, headline=f"Wire report {n + 1:02d} on the truce")
    total = Article.objects.count()

    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Articles").click()
    expect(result_count(page)).to_have_text(re.compile(rf"{total} articles, showing 1–20\."))
    pagination = page.get_by_role("navigation", name="Pages")
    expect(pagination).to_contain_text("Page 1 of 2")
    first_page = page.locator(".article-card h3").all_inner_texts()
    pagination.get_by_role("link", name=re.compile("Next")).click()

    expect(pagination).to_contain_text("Page 2 of 2")
    expect(result_count(page)).to_have_text(re.compile(rf"showing 21–{total}\."))
    second_page = page.locator(".article-card h3").all_inner_texts()
    assert len(second_page) == total - 20
    assert not set(first_page) & set(second_page)
    pagination.get_by_role("link", name=re.compile("Previous")).click()
    expect(pagination).to_contain_text("Page 1 of 2")

    facet(page, "Publications").get_by_role("link", name="Levant Wire").click()
    expect(result_count(page)).to_have_text(re.compile(r"25 articles match, showing 1–20\."))
    pagination.get_by_role("link", name=re.compile("Next")).click()
    expect(page).to_have_url(re.compile(r"publication=levant-wire.*page=2"))
    expect(result_count(page)).to_have_text(re.compile(r"25 articles match, showing 21–25\."))
    expect(page.locator(".article-card")).to_have_count(5)
    expect(page.locator(".article-card").first).to_contain_text("Levant Wire")


def test_reader_goes_from_a_place_to_its_events_and_the_reporting(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Places").click()
    page.get_by_role("link", name="Aleppo", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aleppo")

    events = page.get_by_role("region", name=re.compile("^Events"))
    event_link = events.get_by_role("link", name=re.compile("Sochi|freeze"))
    title = event_link.first.inner_text()
    event_link.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(
        page.get_by_role("region", name="Where").get_by_role("link", name="Aleppo")
    ).to_be_visible()

    reported = page.get_by_role("region", name=re.compile("^Reported in"))
    headline = reported.locator(".article-card h3 a").first
    text = headline.inner_text()
    headline.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text)
    expect(page.locator(".article__body a.mention[href='/places/aleppo/']").first).to_be_visible()

    # Back to the archive, narrowed by the place through the facet beside the list.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Articles").click()
    item = facet(page, "Places").get_by_role("listitem").filter(has_text="Aleppo").first
    expected = int(item.locator(".count").inner_text())
    item.get_by_role("link", name="Aleppo", exact=True).click()
    expect(page).to_have_url(re.compile(r"place=aleppo"))
    expect(result_count(page)).to_have_text(re.compile(rf"^\s*{expected} articles? match"))
