"""Caching never lies: after any write, a reader sees the archive as it now is."""

import datetime
import socket
import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from articles.models import Article, MentionOrigin, Person, PersonAlias, PersonMention

from .factories import make_article
from .html import text

pytestmark = pytest.mark.django_db

ARTICLE = "/articles/un-mediator-says-shared-threat-of-is-could-promote-syria-truce/"


def test_an_edit_shows_at_once_on_every_cached_page(client):
    article = Article.objects.get(slug=ARTICLE.split("/")[2])
    for url in ["/", "/articles/", ARTICLE, "/people/staffan-de-mistura/"]:
        assert article.headline in text(client.get(url)), url
    article.headline = "A corrected headline"
    article.save()
    for url in ["/", "/articles/", ARTICLE, "/people/staffan-de-mistura/"]:
        assert "A corrected headline" in text(client.get(url)), url


def test_a_rejected_mention_leaves_every_count_at_once(client):
    assert "Articles naming Sergei Lavrov 2" in text(client.get("/people/sergei-lavrov/"))
    home = text(client.get("/"))
    PersonMention.objects.filter(person__slug="sergei-lavrov").update(
        origin=MentionOrigin.REJECTED
    )  # a bulk update: no signal, and still no stale page
    assert "Articles naming Sergei Lavrov 0" in text(client.get("/people/sergei-lavrov/"))
    assert text(client.get("/")) != home
    assert Person.objects.get(slug="sergei-lavrov").stored_article_count == 0


def test_an_import_shows_on_the_home_page_and_in_the_lists(client):
    assert "The archive holds 5 articles" in text(client.get("/"))
    assert "5 articles" in text(client.get("/articles/"))
    make_article(headline="A newly imported report", published_on=datetime.date(2016, 12, 1))
    Article.objects.bulk_create(
        [
            Article(
                headline="A bulk-loaded report",
                slug="bulk-loaded",
                publication=Article.objects.first().publication,
                published_on=datetime.date(2016, 12, 2),
                source_text="Bulk.",
                body="Bulk.",
                checksum="b" * 64,
            )
        ]
    )
    assert "The archive holds 7 articles" in text(client.get("/"))
    assert "A bulk-loaded report" in text(client.get("/articles/"))


def test_a_new_alias_changes_the_search_at_once(client):
    assert "0 articles match" in text(client.get("/articles/?q=Zorblax"))
    PersonAlias.objects.create(person=Person.objects.get(slug="sergei-lavrov"), text="Zorblax")
    assert "2 articles match" in text(client.get("/articles/?q=Zorblax"))


def test_editors_pages_are_never_cached(staff_client, client):
    staff_client.get("/people/")
    with CaptureQueriesContext(connection) as queries:
        response = staff_client.get("/people/")
    assert response.status_code == 200
    assert len(queries) > 0
    assert "Cookie" in response.headers["Vary"]
    assert "Cookie" in client.get("/people/").headers["Vary"]


def redis_url():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return None
    return "redis://127.0.0.1:6379/0"


@pytest.mark.skipif(redis_url() is None, reason="no Redis server answers on 127.0.0.1:6379")
def test_with_redis_as_the_shared_cache_an_edit_shows_at_once(client):
    # A key prefix of its own: other test runs may share this Redis, so nothing is flushed;
    # this run's keys are deleted at the end.
    prefix = f"newsroom-test-{uuid.uuid4().hex}"
    redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(),
            "KEY_PREFIX": prefix,
            "TIMEOUT": 60,
        }
    }
    with override_settings(CACHES=redis):
        try:
            assert "John Kerry" in text(client.get("/"))
            assert caches["default"].get("archive:version")  # the page went to Redis
            person = Person.objects.get(slug="john-kerry")
            person.name = "John F. Kerry"
            person.save()
            assert "John F. Kerry" in text(client.get("/"))
        finally:
            server = caches["default"]._cache.get_client(write=True)  # the redis-py client
            for key in server.scan_iter(match=f"{prefix}:*"):
                server.delete(key)
            assert not list(server.scan_iter(match=f"{prefix}:*"))
            caches["default"].close()
