"""Re-detection recomputes detected mentions and never overrides an editor's decision,
whether run by command, by admin action, or automatically on an admin edit."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.detection import detect_mentions
from articles.models import (
    Article,
    MentionOrigin,
    Organisation,
    OrganisationMention,
    Person,
    PersonAlias,
    PersonMention,
)

from .factories import make_article, make_person, mention
from .html import hrefs

pytestmark = pytest.mark.django_db

KERRY_ARTICLE = "kerry-sees-hope-of-extending-truce-to-syrias-aleppo"


def detect(*slugs):
    out = StringIO()
    call_command("detect_mentions", *slugs, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_rejected_mention_stays_rejected_after_detect_mentions(client):
    article = Article.objects.get(slug=KERRY_ARTICLE)
    wrong = PersonMention.objects.get(article=article, person__slug="sergei-kuralenko")
    wrong.origin = MentionOrigin.REJECTED
    wrong.save()

    detect()

    wrong.refresh_from_db()
    assert wrong.origin == MentionOrigin.REJECTED
    page = client.get(article.get_absolute_url())
    assert "/people/sergei-kuralenko/" not in hrefs(page)  # neither linked nor listed


def test_a_mention_added_by_an_editor_survives_and_detected_ones_are_refreshed():
    article = make_article(text="Talks in Geneva went on.")
    lavrov = Person.objects.get(slug="sergei-lavrov")
    mention(article, lavrov, origin=MentionOrigin.EDITOR)
    stale = mention(article, Person.objects.get(slug="john-kerry"))  # no longer in the text

    detect_mentions([article])

    assert PersonMention.objects.get(article=article, person=lavrov).origin == MentionOrigin.EDITOR
    assert not PersonMention.objects.filter(pk=stale.pk).exists()


def test_an_editor_mention_found_in_the_text_keeps_its_origin_and_gets_positions():
    article = make_article(text="Lavrov spoke. Lavrov left.")
    lavrov = Person.objects.get(slug="sergei-lavrov")
    mention(article, lavrov, origin=MentionOrigin.EDITOR)
    detect_mentions([article])
    added = PersonMention.objects.get(article=article, person=lavrov)
    assert added.origin == MentionOrigin.EDITOR
    assert added.count == 2
    assert added.positions["body"] == [[0, 6], [14, 20]]


def test_an_editor_mention_no_longer_in_the_text_links_nothing(client):
    article = make_article(text="Lavrov spoke in Geneva.")
    lavrov = Person.objects.get(slug="sergei-lavrov")
    mention(article, lavrov, origin=MentionOrigin.EDITOR)
    detect_mentions([article])
    article.body = "Talks in Geneva went on."  # the name is gone; old offsets point elsewhere
    article.save()

    detect_mentions([article])

    added = PersonMention.objects.get(article=article, person=lavrov)
    assert added.origin == MentionOrigin.EDITOR
    assert added.positions["body"] == []
    page = client.get(article.get_absolute_url())
    assert page.content.decode().count("/people/sergei-lavrov/") == 1  # listed, not in the text


def test_detect_mentions_command_reports_and_is_idempotent():
    assert "0 added, 0 updated, 0 removed" in detect()
    PersonMention.objects.filter(person__slug="john-kerry").delete()
    assert "3 added" in detect()
    assert "0 added, 0 updated, 0 removed" in detect(KERRY_ARTICLE)
    with pytest.raises(CommandError, match="No article with the slug"):
        detect("no-such-article")


def test_dry_run_changes_nothing():
    PersonMention.objects.filter(person__slug="john-kerry").delete()
    out = StringIO()
    call_command("detect_mentions", "--dry-run", stdout=out, stderr=StringIO())
    assert "Dry run" in out.getvalue()
    assert "3 added" in out.getvalue()
    assert not PersonMention.objects.filter(person__slug="john-kerry").exists()


def test_ambiguous_aliases_are_reported_and_match_nothing():
    PersonAlias.objects.create(person=make_person("Someone Else"), text="Kerry")
    err = StringIO()
    call_command("detect_mentions", stdout=StringIO(), stderr=err)
    assert "kerry" in err.getvalue()
    assert PersonMention.objects.filter(person__slug="john-kerry").exists()  # "John Kerry"


def test_adding_an_alias_in_the_admin_detects_the_new_mentions(staff_client, client):
    article = Article.objects.get(source_file__startswith="001")
    russia = Organisation.objects.get(slug="government-of-russia")
    assert russia.get_absolute_url() not in hrefs(client.get(article.get_absolute_url()))

    response = staff_client.post(
        "/admin/articles/organisationalias/add/",
        {"organisation": russia.pk, "text": "Moscow", "note": "the city for the government"},
    )

    assert response.status_code == 302
    links = hrefs(client.get(article.get_absolute_url()))
    assert links.count(russia.get_absolute_url()) == 3  # "Moscow" twice in the text, + list


def test_editing_a_person_in_the_admin_redetects(staff_client):
    hammond = Person.objects.get(slug="philip-hammond")
    hammond.aliases.exclude(text="Philip Hammond").delete()  # "Hammond" alone goes
    form = {
        "name": "Philip Hammond",
        "slug": "philip-hammond",
        "sort_name": "Hammond, Philip",
        "role": hammond.role,
        "description": hammond.description,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "affiliations-TOTAL_FORMS": "0",
        "affiliations-INITIAL_FORMS": "0",
    }
    response = staff_client.post(f"/admin/articles/person/{hammond.pk}/change/", form)
    assert response.status_code == 302
    kept = PersonMention.objects.get(person=hammond)
    assert kept.count == 1  # "Hammond said" alone no longer counts


def test_deleting_an_organisation_in_the_admin_lets_shorter_names_match(staff_client):
    article = Article.objects.get(source_file__startswith="001")
    assad = PersonMention.objects.get(article=article, person__slug="bashar-al-assad")
    government = Organisation.objects.get(slug="government-of-syria")
    staff_client.post(f"/admin/articles/organisation/{government.pk}/delete/", {"post": "yes"})
    assert not Organisation.objects.filter(slug="government-of-syria").exists()
    # "the Assad government" now names Assad himself
    assert PersonMention.objects.get(pk=assad.pk).count > assad.count


def test_the_admin_action_redetects_selected_articles(staff_client):
    OrganisationMention.objects.filter(organisation__slug="reuters").delete()
    article = Article.objects.get(slug=KERRY_ARTICLE)
    response = staff_client.post(
        "/admin/articles/article/",
        {"action": "redetect_mentions", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "Mentions re-detected in 1 article(s): 1 added" in response.content.decode()
    assert OrganisationMention.objects.filter(organisation__slug="reuters").exists()


def test_a_mention_added_inline_is_marked_as_an_editor_decision(staff_client):
    article = Article.objects.get(slug=KERRY_ARTICLE)
    response = staff_client.get(f"/admin/articles/article/{article.pk}/change/")
    form = response.context["inline_admin_formsets"][0].formset.empty_form
    assert form.fields["origin"].initial == MentionOrigin.EDITOR


def test_an_editor_rejects_a_wrong_link_in_the_admin_and_it_stays_rejected(staff_client, client):
    article = Article.objects.get(slug=KERRY_ARTICLE)
    wrong = PersonMention.objects.get(article=article, person__slug="denis-balibouse")
    response = staff_client.post(
        f"/admin/articles/personmention/{wrong.pk}/change/",
        {"article": article.pk, "person": wrong.person_id, "origin": "rejected", "count": 1},
    )
    assert response.status_code == 302
    detect()
    assert PersonMention.objects.get(pk=wrong.pk).origin == MentionOrigin.REJECTED
    assert "/people/denis-balibouse/" not in hrefs(client.get(article.get_absolute_url()))


def test_linked_text_escapes_everything_but_its_own_links(client):
    article = make_article(text='<script>alert("x")</script> & Kerry\u2019s "plan" <b>')
    detect_mentions([article])
    body = client.get(article.get_absolute_url()).content.decode()
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        '<a class="mention mention-person" href="/people/john-kerry/">Kerry</a>'
        "\u2019s &quot;plan&quot; &lt;b&gt;"
    ) in body
