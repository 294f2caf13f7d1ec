"""Reading pages as a reader would: the links on them and their visible text."""

import re
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
