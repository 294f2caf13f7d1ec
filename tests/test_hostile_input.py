"""Hostile input, everywhere: every public URL pattern, driven with generated path segments
and query strings, never answers 500 and never echoes what it was sent unescaped.

The patterns are read from the URL resolver, so pages added later are covered without
changing this file. Each pattern gets real addresses (found by following the links of the
seeded site) and generated ones; each request gets a generated query string of known and
unknown parameters. The values mix random unicode, NUL and other control characters, very
long strings, SQL and HTML fragments, template syntax, dates and numbers far out of range.

Values that could break out of HTML carry the marker "fz" (`<fz`, `"fz`, `'fz`, `&fz`);
the site never prints that marker raw, so finding it in an HTML or XML response is an
unescaped echo.

NEWSROOM_FUZZ_EXAMPLES sets the number of generated requests (default 500, shared among
the patterns); `make fuzz` runs 5,000.
"""

import os
import re
from collections import Counter, deque
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .html import hrefs

pytestmark = pytest.mark.django_db

TOTAL_EXAMPLES = int(os.environ.get("NEWSROOM_FUZZ_EXAMPLES", "500"))
PATHS_PER_ROUTE = 3  # real addresses kept for each route
NOT_PUBLIC = ("admin",)  # URL namespaces behind a login, fuzzed through their login page
EXTRA_PUBLIC_ROUTES = ["admin/login/"]
EXTRA_PUBLIC_PATHS = ["/" + route for route in EXTRA_PUBLIC_ROUTES]

RAW_MARKERS = ("<fz", '"fz', "'fz", "&fz")
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ESCAPE_CHECKED_TYPES = ("text/html", "application/xhtml+xml", "xml")

# Parameter names a visitor (or a scanner) might send, besides those the site's own links
# and forms use, which the crawl collects.
PARAMETERS = [
    "q",
    "page",
    "sort",
    "place",
    "event",
    "speaker",
    "format",
    "year",
    "from",
    "to",
    "limit",
    "offset",
    "cursor",
    "per_page",
    "next",
    "id",
    "slug",
    "utm_source",
]

# Markup that breaks out of text or an attribute if echoed raw; each carries the marker.
MARKUP = [
    "<fz>",
    "<fz-script>alert(1)</fz-script>",
    "<script>alert(1)</script><fz",
    '"fz onmouseover="alert(1)',
    "'fz onfocus='alert(1)",
    '"><fz img src=x onerror=alert(1)>',
    "&fz;",
    "&fz=1&amp;",
]

FRAGMENTS = [
    *MARKUP,
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x01\x1f\x7f",
    "\u202eevil",
    "\u200b",
    "\ufeff",
    "\ud7ff\ue000\uffff",
    "🙂🇸🇾",
    "حلب",
    "Алеппо",
    "de Mistura",
    "{{ fz }}",
    "{% debug %}",
    "${fz}",
    "' OR '1'='1",
    "1; DROP TABLE articles_article; --",
    "%' AND '%'='",
    "') UNION SELECT NULL--",
    "\\",
    "%",
    "%%",
    "%00",
    "%2e%2e%2f",
    "../../etc/passwd",
    "/",
    "//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "-1",
    "0",
    "-0",
    "1e309",
    "NaN",
    "inf",
    "0x10",
    "1.5",
    "99999",
    "9" * 30,
    "-" + "9" * 30,
    str(2**63),
    str(-(2**63) - 1),
    "2016-13-45",
    "2016-02-30",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "-2016-01-01",
    "2016-01-01T00:00:00",
    "newest",
    "last",
    "a" * 10_000,
    "é" * 3_000,
    "word " * 400,
]


def around(middle):
    """`middle` with a little random text on either side."""
    return st.builds(
        lambda before, value, after: before + value + after,
        st.text(max_size=5),
        middle,
        st.text(max_size=5),
    )


hostile_text = st.one_of(
    st.sampled_from(FRAGMENTS),
    around(st.sampled_from(MARKUP)),
    around(st.characters(categories=["Cc"])),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=80),
    st.integers().map(str),
    around(st.sampled_from(FRAGMENTS)),
)


@st.composite
def query_pairs(draw, site_parameters):
    """A query string: some of the site's own parameters, sometimes repeated, and
    sometimes junk parameters, each with a hostile value."""
    names = draw(st.lists(st.sampled_from(sorted(site_parameters)), max_size=4))
    junk = draw(st.lists(hostile_text, max_size=2))
    pairs = [(name, draw(hostile_text)) for name in names + junk]
    return draw(st.permutations(pairs))


def join_routes(first, second):
    """Routes joined as Django's resolver reports them (ResolverMatch.route)."""
    return first + (second[1:] if second.startswith("^") else second)


def public_routes(patterns=None, prefix="", parts=()):
    """{route: its patterns, outermost first} for every URL pattern a visitor can reach
    without logging in."""
    routes = {}
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = join_routes(prefix, str(entry.pattern))
        if isinstance(entry, URLResolver) and entry.namespace not in NOT_PUBLIC:
            routes.update(public_routes(entry.url_patterns, route, (*parts, entry.pattern)))
        elif isinstance(entry, URLPattern):
            routes[route] = (*parts, entry.pattern)
    return routes


PATTERNS = public_routes()
ROUTES = sorted({*PATTERNS, *EXTRA_PUBLIC_ROUTES})
FORM_FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"")
LINK_IN_JSON = re.compile(r'"(?:https?://testserver)?(/[^"\s]*)"')
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
EXAMPLES_PER_ROUTE = max(10, TOTAL_EXAMPLES // len(ROUTES))


def plain_path(parts):
    """The one path a route without converters or regular-expression syntax has, or None."""
    texts = []
    for part in parts:
        text = str(part)
        if isinstance(part, RegexPattern):
            text = text.removeprefix("^").removesuffix("$").removesuffix("\\Z")
            if re.search(r"[][(){}*+?.|\\^$]", text):
                return None
        elif part.converters:
            return None
        texts.append(text)
    return "/" + "".join(texts)


def route_of(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


class Site:
    """What a crawl of the seeded site from its home page finds: real addresses by route,
    and the names of the query parameters its links and forms use."""

    def __init__(self):
        self.paths = {}
        self.parameters = set(PARAMETERS)

    def crawl(self, client):
        """Follow links (and URLs in JSON) from the home page and every plain route,
        keeping a few real addresses per route."""
        plain = (plain_path(parts) for parts in PATTERNS.values())
        queue = deque(dict.fromkeys(["/", *(p for p in plain if p), *EXTRA_PUBLIC_PATHS]))
        seen, queued = set(queue), Counter()
        while queue:
            url = queue.popleft()
            self.paths.setdefault(route_of(url), set()).add(url)
            response = client.get(url)
            if response.streaming:  # a CSV export: read to the end; it holds no links
                b"".join(response.streaming_content)
                continue
            content = response.content.decode(errors="replace")
            self.parameters.update(FORM_FIELD.findall(content))
            links = LINK_IN_JSON.findall(content) if "json" in response["Content-Type"] else []
            for href in hrefs(response) + links:
                parts = urlsplit(urljoin(url, href))
                self.parameters.update(key for key, _ in parse_qsl(parts.query))
                path = parts.path
                if parts.netloc or path in seen or path.startswith(("/admin/", "/static/")):
                    continue
                seen.add(path)
                route = route_of(path)
                if route is not None and queued[route] < PATHS_PER_ROUTE:
                    queued[route] += 1
                    queue.append(path)
        self.paths.pop(None, None)
        return self


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return Site().crawl(Client())


@pytest.fixture(scope="module")
def generated(summary_lines):
    """Count the requests made, and say how many at the end of the run."""
    counter = {"requests": 0}
    yield counter
    summary_lines.append(
        f"hostile input: {counter['requests']} generated requests over "
        f"{len(ROUTES)} URL patterns ({', '.join('/' + route for route in ROUTES)})"
    )


def segment_for(converter):
    """A generated path segment: one the converter accepts, or anything at all."""
    accepted = st.from_regex(f"^(?:{converter.regex})$", fullmatch=True)
    return st.one_of(accepted, hostile_text.filter(bool))


def part_strategy(pattern):
    """Generated text for one level of a route: a route's converters filled in, or a
    string a regular-expression pattern matches."""
    if isinstance(pattern, RegexPattern):
        return st.from_regex(pattern.regex, fullmatch=True).map(lambda s: quote(s, safe="/"))
    route = str(pattern)
    names = [m.group("name") for m in CONVERTER.finditer(route)]
    if not names:
        return st.just(route)

    @st.composite
    def filled(draw):
        values = {name: draw(segment_for(pattern.converters[name])) for name in names}
        return CONVERTER.sub(lambda m: quote(values[m.group("name")], safe=""), route)

    return filled()


def path_strategy(route, real):
    """Paths for `route`: real ones, and generated ones."""
    parts = PATTERNS.get(route)
    if parts is None:
        return st.just("/" + route)
    generated = st.tuples(*map(part_strategy, parts)).map(lambda texts: "/" + "".join(texts))
    return st.one_of(st.sampled_from(real), generated) if real else generated


def assert_safe(response, url, pairs):
    assert response.status_code < 500, url
    content_type = response.get("Content-Type", "")
    if response.streaming or not content_type.startswith(("text/", "application/")):
        return
    body = response.content.decode(response.charset or "utf-8", errors="replace")
    assert not CONTROL_CHARACTER.search(body), f"control character echoed by {url}"
    if any(kind in content_type for kind in ESCAPE_CHECKED_TYPES):
        for marker in RAW_MARKERS:
            assert marker not in body, f"unescaped echo of {marker!r} by {url}"


@pytest.mark.parametrize("route", ROUTES)
def test_no_url_or_parameter_gives_a_500_or_an_unescaped_echo(route, site, generated):
    client = Client()

    @settings(
        max_examples=EXAMPLES_PER_ROUTE,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        path=path_strategy(route, sorted(site.paths.get(route, []))),
        pairs=query_pairs(site.parameters),
        method=st.sampled_from(["get", "get", "get", "head"]),
    )
    def check(path, pairs, method):
        url = path + ("?" + urlencode(pairs) if pairs else "")
        response = getattr(client, method)(url)
        generated["requests"] += 1
        assert_safe(response, url, pairs)

    check()


def test_the_crawl_reaches_real_records_and_parameters(site):
    """Generated queries hit real records, not only 404s, with the site's own parameters."""
    for route in ["", "articles/<slug:slug>/", "people/<slug:slug>/", "organisations/<slug:slug>/"]:
        assert site.paths.get(route), f"the crawl found no address for {route!r}"
    assert {"person", "organisation", "publication", "date_from", "kind"} <= site.parameters
