"""Names, aliases and texts that look like markup are shown as text, on every page.

An archive that quotes what it receives will one day receive "<script>": a headline about
a hack, an alias typed by an editor, a byline with an ampersand. Every page shows it as
written and runs none of it: the public pages, the linked text of an article, the lists
and their facets, search, and the admin.
"""

from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from articles import detection
from articles.models import Affiliation, OrganisationAlias, PersonAlias

from .factories import make_article, make_organisation, make_person, make_publication
from .html import hrefs

pytestmark = pytest.mark.django_db

# Each hostile text is unique to this test, so finding it raw on a page is an unescaped echo.
PERSON = 'Zed <script>alert("person")</script> & "Q" O\'Brien'
ALIAS = "Zed <b onmouseover=alert(1)>Alias</b>"
ORGANISATION = "Front <img src=x onerror=alert(2)> & Co"
PUBLICATION = 'The <i>Raw</i> & "Daily"'
HEADLINE = 'Talks on "<script>alert(3)</script>" & more'
BYLINE = "By <u>Reporter</u> & 'Friend'"
BODY = (
    f"{PERSON} met {ORGANISATION} in Geneva.\n\n"
    f'Later {ALIAS} said: <script>alert(4)</script> & "that\'s all".'
)
RAW = [PERSON, ALIAS, ORGANISATION, PUBLICATION, HEADLINE, BYLINE, "<script>alert(4)</script>"]
DATA_TYPES = {"application/json", "text/csv"}
MARKUP_PIECES = ["<script>alert(", "<b onmouseover", "<img src=x", "<i>Raw", "<u>Reporter"]


@pytest.fixture
def hostile(db):
    person = make_person(PERSON, sort_name="Zed", role='Envoy <em>&</em> "adviser"')
    PersonAlias.objects.create(person=person, text=ALIAS)
    organisation = make_organisation(ORGANISATION, acronym="<FZ>")
    OrganisationAlias.objects.create(organisation=organisation, text="Front & Co")
    Affiliation.objects.create(person=person, organisation=organisation, role="<b>chief</b>")
    article = make_article(
        publication=make_publication(name=PUBLICATION),
        headline=HEADLINE,
        byline=BYLINE,
        text=BODY,
        date_note='inferred from a <i>caption</i> & "context"',
    )
    detection.detect_mentions([article])
    return person, organisation, article


def assert_escaped(response, url):
    assert response.status_code == 200, url
    page = response.content.decode()
    for text in RAW:
        assert text not in page, f"{url} shows {text!r} unescaped"
    for piece in MARKUP_PIECES:
        assert piece not in page, f"{url} has markup {piece!r} from the data"


def test_the_article_links_the_hostile_names_and_shows_them_as_text(client, hostile):
    person, organisation, article = hostile
    response = client.get(article.get_absolute_url())
    assert_escaped(response, article.get_absolute_url())
    page = response.content.decode()
    assert (
        f'href="{person.get_absolute_url()}">Zed &lt;script&gt;alert(&quot;person&quot;)'
        "&lt;/script&gt; &amp; &quot;Q&quot; O&#x27;Brien</a>"
    ) in page
    assert f'href="{organisation.get_absolute_url()}">Front &lt;img' in page
    assert "Talks on &quot;&lt;script&gt;alert(3)&lt;/script&gt;&quot; &amp; more" in page


def test_every_public_page_shows_hostile_names_as_text(client, hostile):
    """The records' own pages, the lists and search, and every page they link to, as a
    reader would click through: each shows the hostile texts escaped."""
    person, organisation, article = hostile
    start = [
        "/",
        person.get_absolute_url(),
        organisation.get_absolute_url(),
        f"/articles/?person={person.slug}",
        "/articles/?q=script",
        "/articles/?q=%3Cscript%3E",
    ]
    linked = set()
    for url in start:
        response = client.get(url)
        assert_escaped(response, url)
        for href in hrefs(response):
            parts = urlsplit(urljoin(url, href.split("#")[0]))
            if not parts.netloc and not parts.path.startswith(("/admin/", "/static/")):
                linked.add(parts.path + ("?" + parts.query if parts.query else ""))
    for url in sorted(linked - set(start)):
        response = client.get(url)
        content_type = response["Content-Type"].split(";")[0]
        if content_type in DATA_TYPES:
            # Data (the JSON API, CSV exports) carries the text exactly as stored, in a
            # type no browser renders as a page (and nosniff forbids guessing otherwise).
            assert response["X-Content-Type-Options"] == "nosniff"
            continue
        assert_escaped(response, url)
    assert len(linked) > 30


def test_the_admin_shows_hostile_names_as_text(staff_client, hostile):
    person, organisation, article = hostile
    urls = [
        reverse("admin:articles_person_changelist"),
        reverse("admin:articles_person_changelist") + "?q=Zed",
        reverse("admin:articles_person_change", args=[person.pk]),
        reverse("admin:articles_organisation_changelist"),
        reverse("admin:articles_organisation_change", args=[organisation.pk]),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_personalias_changelist"),
        reverse("admin:articles_affiliation_changelist"),
        reverse("admin:articles_personmention_changelist"),
        reverse("admin:articles_publication_changelist"),
    ]
    for url in urls:
        assert_escaped(staff_client.get(url), url)
    autocomplete = staff_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "personmention",
            "field_name": "person",
            "term": "Zed",
        },
    )
    # JSON, read by the admin's script as text: the name arrives intact and inert.
    assert autocomplete.json()["results"][0]["text"] == PERSON
    assert autocomplete["Content-Type"] == "application/json"
