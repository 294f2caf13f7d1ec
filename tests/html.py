"""Reading pages as a reader would: the links on them and their visible text."""

import datetime
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self._open = [dict(attrs)["href"], ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.links.append((self._open[0], " ".join(self._open[1].split())))
            self._open = None


def links(response):
    """(href, link text) for every link on the page, in order."""
    parser = _LinkParser()
    parser.feed(response.content.decode())
    return parser.links


def hrefs(response):
    return [href for href, _ in links(response)]


def text(response):
    """The page's text without tags, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


@dataclass
class Card:
    """An article as a list shows it: its link, headline (as read) and date."""

    url: str
    headline: str
    published_on: datetime.date

    @property
    def slug(self):
        return self.url.strip("/").rsplit("/", 1)[-1]


CARD = re.compile(
    r'<article class="article-card">\s*<h3 class="article-card__headline"><a href="([^"]+)">'
    r'(.*?)</a>.*?<time datetime="(\d{4}-\d{2}-\d{2})">',
    re.S,
)


def article_cards(response):
    """The articles a page lists, in order."""
    return [
        Card(
            unescape(url),
            unescape(re.sub(r"<[^>]+>", "", headline)),
            datetime.date.fromisoformat(day),
        )
        for url, headline, day in CARD.findall(response.content.decode())
    ]


def result_count(response):
    """The number of records a list says it holds ("3 articles match, showing 1–3.")."""
    status = re.search(
        r'<p class="result-count" role="status">(.*?)</p>', response.content.decode(), re.S
    )
    return int(re.match(r"\s*(\d+) ", status.group(1)).group(1))


@dataclass
class FacetLink:
    label: str
    count: int
    url: str  # "" for the narrowing in force


FACET_ITEM = re.compile(
    r'<li>(?:<span class="facet__active"[^>]*>(.*?)</span>|<a href="([^"]*)">(.*?)</a>) '
    r'<span class="count"[^>]*>(\d+)</span></li>'
)


def facet_links(response):
    """{facet title: [FacetLink, …]} beside a list, as shown."""
    aside = response.content.decode().split('<aside class="facets"', 1)[1].split("</aside>", 1)[0]
    found = {}
    for section in aside.split('<section class="facet">')[1:]:
        title = unescape(re.search(r"<h3>(.*?)</h3>", section).group(1))
        found[title] = [
            FacetLink(unescape(active or label), int(count), unescape(url))
            for active, url, label, count in FACET_ITEM.findall(section)
        ]
    return found
