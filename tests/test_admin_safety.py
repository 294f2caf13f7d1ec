"""The admin is for staff only, cannot be guessed into, and never half-applies a change."""

import pytest
from django.urls import reverse

from articles import detection
from articles.models import Article, Person, PersonMention

from .html import text

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-7"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "e@example.org", PASSWORD)


def log_in(client, username, password, address="203.0.113.7", **headers):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def test_repeated_failed_logins_lock_that_user_out_from_that_address(client, editor):
    for _ in range(4):
        response = log_in(client, "editor", "guess")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in text(response)
    fifth = log_in(client, "editor", "guess")
    assert fifth.status_code == 429
    assert "locked after 5 failed attempts, for 0:15:00" in text(fifth)
    locked = log_in(client, "editor", PASSWORD)  # even the right password, now
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Someone else cannot lock the editor out: from another address the login works.
    assert log_in(client, "editor", PASSWORD, address="198.51.100.9").status_code == 302


def test_a_successful_login_resets_the_count(client, editor):
    for _ in range(4):
        log_in(client, "editor", "guess")
    assert log_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, "editor", "guess")
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_a_bulk_delete_that_fails_half_way_changes_nothing(staff_client, monkeypatch):
    """Deleting people re-detects mentions in their articles; if that fails, the people
    are not deleted either."""

    def broken(*args, **kwargs):
        raise RuntimeError("detection failed")

    monkeypatch.setattr(detection, "detect_mentions", broken)
    people = list(Person.objects.filter(slug__in=["john-kerry", "sergei-lavrov"]))
    with pytest.raises(RuntimeError):
        staff_client.post(
            reverse("admin:articles_person_changelist"),
            {
                "action": "delete_selected",
                "post": "yes",
                "_selected_action": [str(person.pk) for person in people],
            },
        )
    assert Person.objects.filter(pk__in=[person.pk for person in people]).count() == 2


def test_re_detection_from_the_admin_is_all_or_nothing(staff_client, monkeypatch):
    """Re-detecting many articles that fails on one leaves every article as it was."""
    PersonMention.objects.update(count=99)  # what re-detection would put right
    store_mentions = detection.store_mentions
    done = []

    def fails_on_the_second(article, found):
        done.append(article)
        if len(done) == 2:
            raise RuntimeError("detection failed")
        return store_mentions(article, found)

    monkeypatch.setattr(detection, "store_mentions", fails_on_the_second)
    with pytest.raises(RuntimeError):
        staff_client.post(
            reverse("admin:articles_article_changelist"),
            {
                "action": "redetect_mentions",
                "_selected_action": list(Article.objects.values_list("pk", flat=True)),
            },
        )
    assert len(done) == 2
    assert set(PersonMention.objects.values_list("count", flat=True)) == {99}


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/person/?q=%00",
        "/admin/articles/article/?publication__id__exact=%00",
        "/admin/articles/article/?published_on__year=%00",
        "/admin/autocomplete/?app_label=articles&model_name=article&field_name=publication&term=%00",
    ],
)
def test_a_nul_byte_in_the_admin_is_a_bad_request_on_every_database(staff_client, url):
    """On PostgreSQL a NUL reaching the database is an error; it never gets that far."""
    response = staff_client.get(url)
    assert response.status_code == 400
    assert "null character" in text(response)


def test_behind_a_proxy_the_lockout_keys_on_the_address_the_proxy_names(client, editor, settings):
    settings.CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"
    for _ in range(5):
        log_in(client, "editor", "guess", HTTP_X_REAL_IP="203.0.113.50")
    assert log_in(client, "editor", PASSWORD, HTTP_X_REAL_IP="203.0.113.50").status_code == 429
    # Same proxy, another visitor: not locked out.
    assert log_in(client, "editor", PASSWORD, HTTP_X_REAL_IP="198.51.100.4").status_code == 302
