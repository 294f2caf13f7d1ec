"""Each page shows what a reader needs, and its names link where they should."""

import pytest

from articles.models import Article, MentionOrigin, Organisation, Person

from .html import hrefs, links, text

pytestmark = pytest.mark.django_db


def test_home_says_what_the_archive_holds_and_links_onwards(client):
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    assert "The archive holds 5 articles from 5 publications" in page
    assert "11 November 2014" in page
    assert "2 May 2016" in page
    for article in Article.objects.all():
        assert article.get_absolute_url() in hrefs(response)
    assert ("/people/staffan-de-mistura/", "Staffan de Mistura") in links(response)
    assert ("/organisations/united-nations/", "United Nations") in links(response)
    assert "/articles/?publication=rfe-rl" in hrefs(response)
    named = Person.objects.filter(mentions__origin__in=["detected", "editor"]).distinct().count()
    assert f"They name {named} people" in page
    assert Person.objects.create(name="Nobody Named", slug="nobody-named")
    assert f"They name {named} people" in text(client.get("/"))  # named in no article


def test_person_page_lists_every_article_naming_them_newest_first(client):
    response = client.get("/people/staffan-de-mistura/")
    assert response.status_code == 200
    page = text(response)
    assert "UN Special Envoy for Syria" in page
    assert "Office of the UN Special Envoy for Syria" in page  # affiliation
    naming = Article.objects.naming_person("staffan-de-mistura").newest_first()
    article_links = [
        h for h in hrefs(response) if h.startswith("/articles/") and not set("?#") & set(h)
    ][1:]
    assert article_links[: naming.count()] == [a.get_absolute_url() for a in naming]
    assert "Articles naming Staffan de Mistura 5" in page
    assert "Also known as de Mistura" in page


def test_co_mentions_link_to_the_articles_naming_both(client):
    response = client.get("/people/sergei-lavrov/")
    together = "/articles/?person=sergei-lavrov&person=staffan-de-mistura"
    assert together in hrefs(response)
    listed = client.get(together)
    assert "2 articles match" in text(listed)


def test_article_page_links_every_name_it_mentions(client):
    article = Article.objects.get(source_file__startswith="001")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page_links = hrefs(response)
    for mention in article.person_mentions.filter(origin__in=MentionOrigin.active()):
        url = mention.person.get_absolute_url()
        # in the body, once per occurrence, and in the list beside it
        assert page_links.count(url) == len(mention.body_spans()) + 1, mention.person.name
    for mention in article.organisation_mentions.filter(origin__in=MentionOrigin.active()):
        url = mention.organisation.get_absolute_url()
        assert page_links.count(url) == len(mention.body_spans()) + 1, mention.organisation.name
    assert 'class="mention mention-person" href="/people/bashar-al-assad/">Assad</a>' in (
        response.content.decode()
    )


def test_article_page_shows_provenance_and_the_verbatim_source(client):
    article = Article.objects.get(source_file__startswith="002")
    response = client.get(article.get_absolute_url())
    page = text(response)
    assert "this one was supplied by the archive’s editors" in page
    assert "date inferred" in page
    assert article.date_note.split(".")[0] in page
    assert article.checksum in page
    assert "002_34ba56db2594bef2.txt" in page
    assert article.original_url in hrefs(response)
    assert "Comments are closed." in page  # in the source text, not in the body


def test_article_page_lists_related_articles(client):
    article = Article.objects.get(source_file__startswith="004")
    response = client.get(article.get_absolute_url())
    related = list(Article.objects.related_to(article)[:5])
    assert related
    for other in related:
        assert other.get_absolute_url() in hrefs(response)


def test_organisation_page_shows_kind_family_members_and_articles(client):
    response = client.get("/organisations/united-nations/")
    page = text(response)
    assert "UN body" in page
    assert "/organisations/un-security-council/" in hrefs(response)  # a child
    envoy_office = client.get("/organisations/office-of-the-un-special-envoy-for-syria/")
    assert "/organisations/united-nations/" in hrefs(envoy_office)  # its parent
    assert "/people/khawla-mattar/" in hrefs(envoy_office)  # a member
    naming = Article.objects.naming_organisation("united-nations").count()
    assert f"Articles naming United Nations {naming}" in page


def test_people_list_shows_article_counts(client):
    response = client.get("/people/")
    assert response.status_code == 200
    assert Person.objects.count() == len(
        [h for h in hrefs(response) if h.startswith("/people/") and h != "/people/"]
    )
    by_count = text(client.get("/people/?sort=articles"))
    assert by_count.index("Staffan de Mistura") < by_count.index("Denis Balibouse")


def test_organisations_list_groups_and_filters_by_kind(client):
    page = text(client.get("/organisations/"))
    assert "Armed group" in page
    assert "Media outlet" in page
    armed = client.get("/organisations/?kind=armed_group")
    listed = {h for h in hrefs(armed) if h.startswith("/organisations/") and h.count("/") == 3}
    expected = {o.get_absolute_url() for o in Organisation.objects.filter(kind="armed_group")}
    assert expected <= listed
    assert "/organisations/bbc/" not in listed


def test_text_from_the_database_is_escaped(client):
    person = Person.objects.get(slug="agha")
    person.description = '<script>alert("x")</script> & "quotes"'
    person.save()
    response = client.get(person.get_absolute_url())
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in body
