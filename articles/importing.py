"""Import new article texts from files.

A file is plain UTF-8 text whose first line is the headline. Its metadata (publication,
date, byline, URL) comes from front matter at the top of the file::

    ---
    publication: Reuters
    date: 2016-05-02
    byline: Tom Miles
    url: https://www.reuters.com/...
    ---
    Kerry sees hope of extending Syria truce to Aleppo
    GENEVA (Reuters) - ...

or from a sidecar file beside it with the same name and a `.json` suffix (a JSON object
with the same keys). Without metadata, a leading crawler line such as "date 2016-09-09"
gives the date. The stored source text is the file's text exactly, less any front matter;
the body drops page furniture (see `text.clean_body`).

Every file is checked before anything is stored: the run imports all files or none
(unless the caller asks to skip the invalid ones), so a failed import changes nothing.
"""

import datetime
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from . import detection, quotations
from .candidates import unmatched_names
from .models import Article, Publication
from .models.articles import checksum_of
from .text import clean_body, is_furniture

FENCE = "---"
METADATA_KEYS = {
    "headline",
    "publication",
    "date",
    "date_note",
    "publication_note",
    "byline",
    "url",
}
DATELINE = re.compile(r"^date (\d{4}-\d{2}-\d{2})\b")
MAX_HEADLINE = 300


class ArticleFileError(Exception):
    """A file that cannot be imported; the message names the file and the problem."""

    def __init__(self, path, problem):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass
class ParsedArticle:
    path: Path
    source_text: str
    headline: str
    headline_is_supplied: bool
    publication: str
    published_on: datetime.date
    date_note: str = ""
    publication_note: str = ""
    byline: str = ""
    url: str = ""
    body: str = ""

    @property
    def checksum(self):
        return checksum_of(self.source_text)


def read_text(path):
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ArticleFileError(path, f"cannot be read ({error.strerror})") from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleFileError(
            path, f"is not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start})"
        ) from error


def split_front_matter(path, text):
    """(metadata, source text) of a file; no front matter gives empty metadata."""
    lines = text.lstrip("\ufeff").split("\n")
    if lines[0].strip() != FENCE:
        return {}, text
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE)
    except StopIteration:
        raise ArticleFileError(path, "front matter opened with '---' is never closed") from None
    metadata = {}
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        if not colon:
            raise ArticleFileError(path, f"front matter line {number} is not 'key: value'")
        metadata[key.strip().lower()] = value.strip()
    return metadata, "\n".join(lines[end + 1 :])


def read_sidecar(path):
    sidecar = Path(path).with_suffix(".json")
    if not sidecar.exists():
        return {}
    try:
        metadata = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ArticleFileError(
            path, f"its sidecar {sidecar.name} is not valid JSON ({error})"
        ) from error
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise ArticleFileError(path, f"its sidecar {sidecar.name} must map keys to strings")
    return {key.lower(): value.strip() for key, value in metadata.items()}


def check_metadata(path, metadata):
    unknown = sorted(set(metadata) - METADATA_KEYS)
    if unknown:
        raise ArticleFileError(
            path,
            f"unknown metadata {', '.join(unknown)} (known: {', '.join(sorted(METADATA_KEYS))})",
        )
    if metadata.get("url"):
        try:
            URLValidator()(metadata["url"])
        except ValidationError:
            raise ArticleFileError(path, f"url {metadata['url']!r} is not a web address") from None


def content_lines(source):
    """The source's non-empty lines that are not page furniture."""
    for line in source.splitlines():
        line = line.strip()
        if line and not is_furniture(line):
            yield line


def published_date(path, metadata, source):
    """(date, note on how it was established)."""
    if metadata.get("date"):
        try:
            return datetime.date.fromisoformat(metadata["date"]), metadata.get("date_note", "")
        except ValueError:
            raise ArticleFileError(
                path, f"date {metadata['date']!r} is not a date as YYYY-MM-DD"
            ) from None
    for line in source.splitlines():
        if line.strip():
            found = DATELINE.match(line.strip())
            if found:
                try:
                    date = datetime.date.fromisoformat(found.group(1))
                except ValueError:
                    break
                return date, f"Taken from the line {line.strip()!r} at the head of the file."
            break
    raise ArticleFileError(path, "has no date: add 'date: YYYY-MM-DD' to its metadata")


def parse_file(path):
    """Read and check one article file; raises ArticleFileError naming the problem."""
    text = read_text(path)
    if not text.strip():
        raise ArticleFileError(path, "is empty")
    metadata, source = split_front_matter(path, text)
    sidecar = read_sidecar(path)
    if metadata and sidecar:
        raise ArticleFileError(path, "has both front matter and a sidecar file; use one")
    metadata = metadata or sidecar
    check_metadata(path, metadata)
    if not source.strip():
        raise ArticleFileError(path, "has metadata but no text")
    if metadata.get("headline"):
        headline, supplied = metadata["headline"], True
    else:
        headline, supplied = next(content_lines(source), ""), False
        if not headline:
            raise ArticleFileError(path, "has no headline")
        if len(headline) > MAX_HEADLINE:
            raise ArticleFileError(
                path,
                f"its first line is {len(headline)} characters long, too long for a headline; "
                "give one as 'headline:' in its metadata",
            )
    if not metadata.get("publication"):
        raise ArticleFileError(
            path, "has no publication: add 'publication: <name>' to its metadata"
        )
    published_on, date_note = published_date(path, metadata, source)
    body = clean_body(source, "" if supplied else headline)
    if not body:
        raise ArticleFileError(path, "has no text besides its headline")
    return ParsedArticle(
        path=Path(path),
        source_text=source,
        headline=headline,
        headline_is_supplied=supplied,
        publication=metadata["publication"],
        published_on=published_on,
        date_note=date_note,
        publication_note=metadata.get("publication_note", ""),
        byline=metadata.get("byline", ""),
        url=metadata.get("url", ""),
        body=body,
    )


def article_files(paths):
    """The .txt files named, directories expanded (sidecar .json files are not articles)."""
    files = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return files


@dataclass
class ImportedFile:
    path: Path
    article: Article
    people: list
    organisations: list
    places: list
    quotes: quotations.ExtractionReport
    unmatched: Counter
    new_publication: bool


@dataclass
class ImportResult:
    imported: list = field(default_factory=list)  # ImportedFile
    rejected: list = field(default_factory=list)  # ArticleFileError


def check_files(paths):
    """Parse every file; (parsed, errors), duplicates of stored texts or of each other
    counted as errors."""
    parsed, errors, seen = [], [], {}
    for path in article_files(paths):
        try:
            article = parse_file(path)
            stored = Article.objects.with_source_text(article.source_text).first()
            if stored:
                raise ArticleFileError(path, f"duplicates the stored article {stored.slug!r}")
            if article.checksum in seen:
                raise ArticleFileError(path, f"duplicates {seen[article.checksum]} in this run")
            seen[article.checksum] = path
            parsed.append(article)
        except ArticleFileError as error:
            errors.append(error)
    return parsed, errors


def unique_slug(headline, taken):
    base = slugify(headline)[:80].strip("-") or "article"
    slug, n = base, 2
    while slug in taken or Article.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def publication_named(name):
    """(publication, created) for a name, matching an existing one by name or slug."""
    existing = Publication.objects.filter(name__iexact=name).first()
    existing = existing or Publication.objects.filter(slug=slugify(name)).first()
    if existing:
        return existing, False
    return Publication.objects.create(name=name, slug=slugify(name)[:200] or "publication"), True


def store(parsed, taken_slugs):
    publication, created = publication_named(parsed.publication)
    article = Article.objects.create(
        headline=parsed.headline,
        headline_is_supplied=parsed.headline_is_supplied,
        slug=unique_slug(parsed.headline, taken_slugs),
        publication=publication,
        byline=parsed.byline,
        published_on=parsed.published_on,
        date_note=parsed.date_note,
        publication_note=parsed.publication_note,
        original_url=parsed.url,
        source_file=parsed.path.name,
        source_text=parsed.source_text,
        body=parsed.body,
    )
    return article, created


def describe(article, found, quotes, new_publication, path):
    """What detection and quotation extraction found in an imported article, for the report."""
    people = article.person_mentions.select_related("person").order_by("-count")
    organisations = article.organisation_mentions.select_related("organisation")
    places = article.place_mentions.select_related("place").order_by("-count")
    spans = [span for positions in found.values() for span in positions["body"]]
    return ImportedFile(
        path=path,
        article=article,
        people=[(m.person.name, m.count) for m in people],
        organisations=[(m.organisation.name, m.count) for m in organisations.order_by("-count")],
        places=[(m.place.name, m.count) for m in places],
        quotes=quotes,
        unmatched=unmatched_names(article.body, spans),
        new_publication=new_publication,
    )


def import_files(paths, skip_invalid=False, progress=None):
    """Import the article files at `paths`.

    Every file is checked first. With any invalid file, nothing is imported unless
    `skip_invalid`, which imports the valid ones. `progress(done, total)` is called after
    each stored file.

    Two imports of the same text at the same time both pass the check, and the database's
    unique checksum stops the second. That import then checks its files again, so the text
    the other one stored is reported as a duplicate, as if the imports had run in turn.
    """
    try:
        return _import_checked_files(paths, skip_invalid, progress)
    except IntegrityError:
        return _import_checked_files(paths, skip_invalid, progress)


def _import_checked_files(paths, skip_invalid, progress):
    parsed, errors = check_files(paths)
    result = ImportResult(rejected=errors)
    if errors and not skip_invalid:
        return result
    matcher = detection.build_matcher()
    taken = set()
    with transaction.atomic():
        for done, item in enumerate(parsed, start=1):
            article, new_publication = store(item, taken)
            found = detection.find_mentions(article, matcher)
            detection.store_mentions(article, found)
            quotes = quotations.extract_quotes([article])
            result.imported.append(describe(article, found, quotes, new_publication, item.path))
            if progress:
                progress(done, len(parsed))
    return result
