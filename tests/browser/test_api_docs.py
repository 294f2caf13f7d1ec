"""The API documentation works in a browser under the site's strict Content-Security-Policy:
Swagger UI's files come from this site, its start-up script from a URL of its own, and a
request tried from the page gets the API's answer."""

from playwright.sync_api import expect


def test_the_api_docs_render_and_try_a_request_without_breaking_the_csp(watched):
    page, _ = watched
    page.goto("/api/docs/")
    articles = page.locator(".opblock-summary-path", has_text="/api/articles/").first
    expect(articles).to_be_visible()
    articles.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".response .response-col_status").first).to_have_text("200")
