"""`import_articles`: new texts in, furniture out, mentions found, and bad files refused
with a clear message, leaving the archive untouched."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.importing import import_files, parse_file
from articles.models import Article, Publication

from .html import hrefs

pytestmark = pytest.mark.django_db

KERRY = "\n".join(
    [
        "---",
        "publication: Reuters",
        "date: 2016-05-03",
        "byline: Tom Miles",
        "url: https://www.reuters.com/article/example",
        "---",
        "Kerry warns Assad of repercussions as Aleppo truce talks go on",
        "Accessibility links",
        "Breaking News",
        "GENEVA (Reuters) - U.S. Secretary of State John Kerry warned Syrian President Bashar "
        "al-Assad on Tuesday, after meeting Staffan de Mistura and Riad Hijab of the HNC.",
        "Rebels fight near Aleppo.",
        "Rebels fight near Aleppo.",
        "The Syrian Observatory for Human Rights said the ISIS fighters left. "
        "Kerry’s aides agreed.",
        "Comments are closed.",
        "",
    ]
)


def write(directory, name, text):
    path = Path(directory) / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


def test_an_imported_file_is_stored_with_its_metadata_and_linked_names(tmp_path, client):
    path = write(tmp_path, "kerry.txt", KERRY)
    output = run(path)

    article = Article.objects.get(headline__startswith="Kerry warns Assad")
    assert article.publication.name == "Reuters"
    assert str(article.published_on) == "2016-05-03"
    assert article.byline == "Tom Miles"
    assert article.original_url == "https://www.reuters.com/article/example"
    assert article.source_text == KERRY.split("---\n", 2)[2]  # verbatim, less front matter
    assert "Accessibility links" not in article.body
    assert article.body.count("Rebels fight near Aleppo.") == 1

    assert "people: John Kerry (3), Bashar al-Assad (2), Staffan de Mistura (1)" in output
    assert "High Negotiations Committee (1)" in output
    assert "Riad Hijab (1)" in output  # a name to add
    assert "Syrian Observatory for Human Rights (1)" in output

    listing = client.get("/articles/?person=john-kerry")
    assert article.get_absolute_url() in hrefs(listing)
    page = hrefs(client.get(article.get_absolute_url()))
    assert page.count("/people/john-kerry/") == 3  # 2 in the body ("Kerry’s" too) + list


def test_metadata_from_a_sidecar_and_a_crawler_dateline(tmp_path):
    write(tmp_path, "a.txt", "Lavrov meets de Mistura\nLavrov met de Mistura in Moscow.\n")
    write(tmp_path, "a.json", json.dumps({"publication": "TASS", "date": "2016-05-03"}))
    write(tmp_path, "b.txt", "date 2016-09-09\nRussia and U.S. agree truce plan\nKerry spoke.\n")
    write(tmp_path, "b.json", json.dumps({"publication": "Reuters"}))
    result = import_files([tmp_path])
    assert not result.rejected
    b = Article.objects.get(headline="Russia and U.S. agree truce plan")
    assert str(b.published_on) == "2016-09-09"
    assert "date 2016-09-09" in b.date_note
    assert b.body == "Kerry spoke."
    assert Publication.objects.filter(name="TASS").exists()


def test_a_headline_given_in_metadata_is_marked_as_supplied(tmp_path):
    path = write(
        tmp_path,
        "x.txt",
        "---\npublication: AFP\ndate: 2014-11-27\nheadline: Moscow backs freeze\n---\n"
        "The Syrian regime and key ally Russia have agreed.\n",
    )
    parsed = parse_file(path)
    assert parsed.headline == "Moscow backs freeze"
    assert parsed.headline_is_supplied
    assert parsed.body == "The Syrian regime and key ally Russia have agreed."


@pytest.mark.parametrize(
    ("content", "sidecar", "problem"),
    [
        (b"\xff\xfeKerry", None, "is not UTF-8 text (byte 0xff at position 0)"),
        (b"", None, "is empty"),
        (b"  \n\n", None, "is empty"),
        (
            b"Accessibility links\nComments are closed.\n",
            {"publication": "X", "date": "2016-01-01"},
            "has no headline",
        ),
        (
            b"Headline only\n",
            {"publication": "X", "date": "2016-01-01"},
            "has no text besides its headline",
        ),
        (b"Headline\nText.\n", None, "has no publication"),
        (b"Headline\nText.\n", {"publication": "X"}, "has no date"),
        (
            b"Headline\nText.\n",
            {"publication": "X", "date": "2016-13-45"},
            "is not a date as YYYY-MM-DD",
        ),
        (
            b"Headline\nText.\n",
            {"publication": "X", "date": "2016-01-01", "colour": "red"},
            "unknown metadata colour",
        ),
        (
            b"Headline\nText.\n",
            {"publication": "X", "date": "2016-01-01", "url": "not a url"},
            "is not a web address",
        ),
        (
            b"---\npublication X\n---\nHeadline\nText.\n",
            None,
            "front matter line 2 is not 'key: value'",
        ),
        (
            b"---\npublication: X\nHeadline\nText.\n",
            None,
            "front matter opened with '---' is never closed",
        ),
        (
            b"A" * 400 + b"\nText.\n",
            {"publication": "X", "date": "2016-01-01"},
            "too long for a headline",
        ),
    ],
)
def test_bad_files_get_a_clear_error_naming_the_file(tmp_path, content, sidecar, problem):
    path = write(tmp_path, "bad.txt", content)
    if sidecar:
        write(tmp_path, "bad.json", json.dumps(sidecar))
    [error] = import_files([path]).rejected
    assert str(error).startswith(f"{path}: ")
    assert problem in str(error)


def test_an_unreadable_sidecar_is_an_error(tmp_path):
    path = write(tmp_path, "x.txt", "Headline\nText.\n")
    write(tmp_path, "x.json", "{not json")
    assert "its sidecar x.json is not valid JSON" in str(import_files([path]).rejected[0])


def test_a_text_already_in_the_archive_is_refused(tmp_path):
    seed = Path(settings.BASE_DIR) / "fixtures" / "sources" / "000_49dbd10e6c31c599.txt"
    path = write(tmp_path, "copy.txt", seed.read_bytes())
    write(tmp_path, "copy.json", json.dumps({"publication": "X", "date": "2014-11-11"}))
    error = import_files([path]).rejected[0]
    assert "duplicates the stored article 'de-mistura-is-advances-may-lead-to-syria-truce'" in str(
        error
    )


def test_nothing_is_imported_unless_every_file_is_valid(tmp_path):
    good = write(tmp_path, "good.txt", KERRY)
    twin = write(tmp_path, "twin.txt", KERRY)  # the same text twice in one run
    bad = write(tmp_path, "bad.txt", b"\xff")
    before = Article.objects.count(), Publication.objects.count()
    with pytest.raises(CommandError, match="Nothing imported: 2 file"):
        run(good, twin, bad)
    assert (Article.objects.count(), Publication.objects.count()) == before

    out = run("--skip-invalid", good, twin, bad)
    assert "Imported 1 article(s); rejected 2." in out
    assert Article.objects.count() == before[0] + 1


def test_many_files_show_progress(tmp_path):
    for n in range(3):
        write(
            tmp_path,
            f"{n}.txt",
            f"---\npublication: AFP\ndate: 2016-01-0{n + 1}\n---\nHeadline {n}\nText {n}.\n",
        )
    output = run(tmp_path)
    assert "stored 3/3" in output
    assert "Imported 3 article(s)" in output
    assert Article.objects.filter(headline__startswith="Headline ").count() == 3


def test_slugs_stay_unique(tmp_path):
    for n in range(2):
        write(
            tmp_path,
            f"{n}.txt",
            f"---\npublication: AFP\ndate: 2016-01-01\n---\nSame headline\nText {n}.\n",
        )
    import_files([tmp_path])
    assert sorted(
        Article.objects.filter(headline="Same headline").values_list("slug", flat=True)
    ) == [
        "same-headline",
        "same-headline-2",
    ]
