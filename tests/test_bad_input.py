"""No URL or parameter produces a 500; malformed values get a clear message."""

import pytest

from articles import views

from .html import text

pytestmark = pytest.mark.django_db

LONG = "a" * 10_000


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/articles/no-such-article/", 404, "No article found"),
        ("/people/no-such-person/", 404, "No person found"),
        ("/organisations/no-such-organisation/", 404, "No organisation found"),
        ("/no/such/page/", 404, "There is no page at this address"),
        ("/articles/?page=abc", 400, "“abc” is not a page number"),
        ("/articles/?page=0", 400, "Page numbers start at 1"),
        ("/articles/?page=-3", 400, "Page numbers start at 1"),
        ("/articles/?page=99999", 404, "There is no page 99999: this list has 1 page"),
        ("/articles/?page=" + "9" * 5000, 400, "is not a page number"),
        ("/people/?page=abc", 400, "is not a page number"),
        ("/organisations/?page=2", 404, "There is no page 2"),
        ("/articles/?date_from=2016-13-45", 400, "Enter a date as YYYY-MM-DD"),
        ("/articles/?date_to=yesterday", 400, "Enter a date as YYYY-MM-DD"),
        (
            "/articles/?date_from=2016-05-01&date_to=2014-01-01",
            400,
            "“from” date is after the “to” date",
        ),
        (
            "/articles/?person=nobody-at-all",
            400,
            "No person in the archive has the identifier “nobody-at-all”",
        ),
        (
            "/articles/?organisation=no-such-org",
            400,
            "No organisation in the archive has the identifier",
        ),
        ("/articles/?person=<script>", 400, "is not a valid person identifier"),
        (
            "/articles/?publication=nowhere",
            400,
            "No publication in the archive has that identifier",
        ),
        ("/articles/?q=" + LONG, 400, "Search for at most 500 characters"),
        ("/articles/?q=%00", 400, "The address contains a null character (%00)"),
        ("/articles/?person=%00", 400, "The address contains a null character (%00)"),
        ("/articles/?page=%00", 400, "The address contains a null character (%00)"),
        ("/organisations/?kind=%00", 400, "The address contains a null character (%00)"),
        ("/articles/?%00=1", 400, "The address contains a null character (%00)"),
        ("/people/%00/", 400, "The address contains a null character (%00)"),
        ("/articles/?q=a%01b", 400, "The address contains a control character (%01)"),
        ("/articles/?q=%C2%85", 400, "The address contains a control character (%C2%85)"),
        ("/articles/?page=%E2%80%AEabc", 400, "“\\u202eabc” is not a page number"),
        ("/organisations/?kind=%E2%80%8B", 400, "“\\u200b” is not a kind of organisation"),
        ("/articles/?sort=sideways", 400, "Select a valid choice"),
        ("/organisations/?kind=spies", 400, "“spies” is not a kind of organisation"),
        ("/articles/?" + "&".join(f"person=p{i}" for i in range(50)), 400, "at most 10 people"),
    ],
)
def test_bad_input_gets_a_clear_message(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in text(response)


def test_unknown_parameters_and_repeats_are_harmless(client):
    response = client.get("/articles/?utm_source=x&page=1&page=1&q=truce&q=Aleppo&foo=")
    assert response.status_code == 200


def test_echoed_input_is_escaped(client):
    response = client.get('/articles/?person="><script>alert(1)</script>')
    assert response.status_code == 400
    assert b"<script>alert(1)" not in response.content
    response = client.get('/articles/?q="><b>bold</b>')
    assert b"<b>bold</b>" not in response.content


@pytest.mark.parametrize(
    ("url", "status", "title", "heading"),
    [
        ("/no/such/page/", 404, "Not found", "Not found"),
        ("/people/no-such-person/", 404, "Not found", "Not found"),
        ("/articles/?page=abc", 400, "Bad request", "That request could not be understood"),
        ("/people/%00/", 400, "Bad request", "That request could not be understood"),
    ],
)
def test_errors_get_the_sites_own_page(client, url, status, title, heading):
    response = client.get(url)
    assert response.status_code == status
    page = response.content.decode()
    assert f"<title>{title} · Newsroom</title>" in page
    assert f"<h1>{heading}</h1>" in page
    assert 'href="/static/css/newsroom.css"' in page  # the site's layout, navigation included
    assert '<nav class="site-nav" aria-label="Main">' in page
    assert "Search the articles" in text(response)


def test_a_server_error_gets_the_sites_plain_error_page(client, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.HomeView, "get_context_data", fail)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "<title>Server error · Newsroom</title>" in response.content.decode()
    assert "Something went wrong on our side" in text(response)
