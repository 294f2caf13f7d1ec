"""Events and articles on one time axis, drawn server-side as SVG, and listed month by month.

The chart needs no script and no style attribute: positions are SVG attributes, colours come
from the stylesheet's classes. Events sit above the axis (a dot for a day, a bar for a month
or a year, stacked where they would overlap), articles below it. Every mark is a link.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Max, Min
from django.utils.html import format_html, format_html_join

from .models import Article, DatePrecision, Event

WIDTH = 1000  # SVG user units; the chart scales to its container
MARGIN = 12
LANE = 14  # height of one lane of event marks
MAX_LANES = 8
AXIS_GAP = 26  # room for the year labels under the event lanes
ARTICLE_ROW = 16
DOT = 5
MAX_DAY_POINTS = 150  # an entity named in more articles is drawn month by month
MAX_LISTED_ARTICLES = 200  # a timeline with more articles shows them month by month


@dataclass
class Mark:
    """One event or article on the chart."""

    kind: str  # "event" or "article"
    title: str
    url: str
    date_label: str
    x: float
    width: float = 0  # 0 for a point in time
    y: float = 0

    @property
    def is_period(self):
        return self.width > 0

    @property
    def x_end(self):
        return self.x + self.width

    # Coordinates as the SVG writes them: text, to a tenth of a unit. (A float in a template
    # goes through number localisation, which for a few hundred marks costs more than the
    # rest of the page.)
    @property
    def svg_x(self):
        return f"{self.x:.1f}"

    @property
    def svg_y(self):
        return f"{self.y:.1f}"

    @property
    def svg_width(self):
        return f"{self.width:.1f}"

    @property
    def bar_top(self):
        return f"{self.y - 4:.1f}"

    @property
    def box_left(self):
        return f"{self.x - 3:.1f}"

    @property
    def box_top(self):
        return f"{self.y - 6:.1f}"


@dataclass(frozen=True)
class Point:
    """Something published on a day, for the article row: an article, or several (then
    perhaps over a whole month: `label` names the period)."""

    date: datetime.date
    title: str
    url: str
    label: str = ""


def article_points(articles):
    """One point per article (with its publication selected)."""
    return [
        Point(a.published_on, f"{a.headline} ({a.publication.name})", a.get_absolute_url())
        for a in articles
    ]


def _articles(n):
    return f"{n:,} article{'s' if n != 1 else ''}"


def entity_points(mentions, article_count, list_url):
    """The article row of an entity's strip, from its active `mentions` (`article_count` of
    them): one point per day, or per month when it has more than MAX_DAY_POINTS articles
    (the chart could not tell thousands of days apart, and the page would carry a link for
    each). Each point links to the article list `list_url` (a URL with a query string)
    narrowed to its day or month."""
    if article_count <= MAX_DAY_POINTS:
        return day_points(mentions.days(), list_url)
    return month_points(mentions.months(), list_url)


def day_points(days, list_url):
    """One point per day from (date, number of articles) rows."""
    return [
        Point(date, _articles(n), f"{list_url}&date_from={date:%Y-%m-%d}&date_to={date:%Y-%m-%d}")
        for date, n in days
    ]


def month_points(months, list_url):
    """One point per month (at its first day) from (first day, number of articles) rows."""
    points = []
    for first, n in months:
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        label = f"{first:%B %Y}"
        points.append(
            Point(
                first,
                _articles(n),
                f"{list_url}&date_from={first:%Y-%m-%d}&date_to={last:%Y-%m-%d}",
                label,
            )
        )
    return points


@dataclass
class Tick:
    x: float
    label: str
    major: bool

    @property
    def svg_x(self):
        return f"{self.x:.1f}"


@dataclass
class Chart:
    width: int
    height: int
    axis_y: float
    ticks: list
    events: list
    articles: list
    first: datetime.date
    last: datetime.date

    # The marks as SVG elements, written here rather than in the template: a chart has a
    # few hundred marks, and a template loop costs more than the rest of the page for them.
    def tick_lines(self):
        bottom, label_y = f"{self.axis_y + 6:.1f}", f"{self.axis_y + 20:.1f}"
        minor_top = f"{self.axis_y - 4:.1f}"
        rows = []
        for index, tick in enumerate(self.ticks):
            if not tick.major:
                rows.append(("timeline-tick", tick.svg_x, tick.svg_x, minor_top, bottom, ""))
                continue
            last = index == len(self.ticks) - 1  # the end of the axis: no year after it
            label = "" if last else format_html(YEAR, tick.svg_x, label_y, tick.label)
            rows.append(
                ("timeline-tick timeline-tick--year", tick.svg_x, tick.svg_x, "4", bottom, label)
            )
        return format_html_join("\n", TICK + "{}", rows)

    def event_marks(self):
        return format_html_join("\n", "{}", ((_event_svg(mark),) for mark in self.events))

    def article_marks(self):
        return format_html_join(
            "\n",
            ARTICLE_MARK,
            (
                (mark.url, mark.date_label, mark.title, mark.box_left, mark.box_top)
                for mark in self.articles
            ),
        )


TICK = '<line class="{}" x1="{}" x2="{}" y1="{}" y2="{}"/>'
YEAR = '<text class="timeline-year" x="{}" dx="4" y="{}">{}</text>'
ARTICLE_MARK = (
    '<a href="{}" class="timeline-article"><title>{}: {}</title>'
    '<rect x="{}" y="{}" width="6" height="12"/></a>'
)
EVENT_MARK = '<a href="{}" class="timeline-event"><title>{}: {}</title>{}</a>'


def _event_svg(mark):
    if mark.is_period:
        shape = format_html(
            '<rect x="{}" y="{}" width="{}" height="8" rx="3"/>',
            mark.svg_x,
            mark.bar_top,
            mark.svg_width,
        )
    else:
        shape = format_html('<circle cx="{}" cy="{}" r="5"/>', mark.svg_x, mark.svg_y)
    return format_html(EVENT_MARK, mark.url, mark.date_label, mark.title, shape)


@dataclass
class Period:
    """A month (or, for events dated only by year, a year) of the listing."""

    label: str
    events: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    summaries: list = field(default_factory=list)  # month Points standing for articles


def period_end(date, precision):
    """The day after the period an event's date stands for."""
    if precision == DatePrecision.YEAR:
        return datetime.date(date.year + 1, 1, 1)
    if precision == DatePrecision.MONTH:
        days = calendar.monthrange(date.year, date.month)[1]
        return date + datetime.timedelta(days=days)
    return date + datetime.timedelta(days=1)


def archive_span():
    """(first, last) date of anything in the archive, articles and events; None if empty."""
    articles = Article.objects.aggregate(first=Min("published_on"), last=Max("published_on"))
    events = Event.objects.aggregate(first=Min("date"), last=Max("date"))
    dates = [d for d in (*articles.values(), *events.values()) if d]
    return (min(dates), max(dates)) if dates else None


class Scale:
    """Dates to x: whole years from the first year to the end of the last."""

    def __init__(self, first, last):
        self.start = datetime.date(first.year, 1, 1)
        self.end = datetime.date(last.year + 1, 1, 1)
        self.days = (self.end - self.start).days

    def x(self, date):
        date = min(max(date, self.start), self.end)
        return MARGIN + (WIDTH - 2 * MARGIN) * (date - self.start).days / self.days

    def ticks(self):
        ticks = []
        for year in range(self.start.year, self.end.year + 1):
            ticks.append(Tick(self.x(datetime.date(year, 1, 1)), str(year), major=True))
            if year < self.end.year:
                ticks += [
                    Tick(self.x(datetime.date(year, month, 1)), "", major=False)
                    for month in (4, 7, 10)
                ]
        return ticks


def _stack(marks):
    """Give each event mark a lane so that marks do not overlap (at most MAX_LANES)."""
    lane_ends = []
    for mark in sorted(marks, key=lambda m: (m.x, -m.width)):
        extent = max(mark.width, 2 * DOT + 2)
        lane = next((i for i, end in enumerate(lane_ends) if end <= mark.x), None)
        if lane is None and len(lane_ends) < MAX_LANES:
            lane_ends.append(0)
            lane = len(lane_ends) - 1
        if lane is None:  # every lane is busy: share the least busy one
            lane = min(range(len(lane_ends)), key=lane_ends.__getitem__)
        lane_ends[lane] = mark.x + extent
        mark.y = lane
    return len(lane_ends)


def chart(events, points, span):
    """The chart of `events` (Event list) and `points` (Point list, the article row) on the
    axis `span` = (first, last)."""
    scale = Scale(*span)
    event_marks = [
        Mark(
            "event",
            event.title,
            event.get_absolute_url(),
            event.date_label,
            scale.x(event.date),
            0
            if event.date_precision == DatePrecision.DAY
            else scale.x(period_end(event.date, event.date_precision)) - scale.x(event.date),
        )
        for event in events
    ]
    lanes = max(_stack(event_marks), 1)
    axis_y = MARGIN + lanes * LANE + 4
    for mark in event_marks:
        mark.y = axis_y - 4 - (mark.y + 0.5) * LANE
    article_marks = [
        Mark(
            "article",
            point.title,
            point.url,
            point.label or f"{point.date.day} {point.date:%B %Y}",
            scale.x(point.date),
            y=axis_y + AXIS_GAP + ARTICLE_ROW / 2,
        )
        for point in points
    ]
    return Chart(
        width=WIDTH,
        height=int(axis_y + AXIS_GAP + ARTICLE_ROW + MARGIN),
        axis_y=axis_y,
        ticks=scale.ticks(),
        events=event_marks,
        articles=article_marks,
        first=scale.start,
        last=scale.end,
    )


def _period_key(date, precision):
    if precision == DatePrecision.YEAR:
        return (date.year, 0)
    return (date.year, date.month)


def _period_label(key):
    year, month = key
    return str(year) if month == 0 else f"{calendar.month_name[month]} {year}"


def periods(events, articles, summaries=()):
    """Events and articles grouped by month, oldest first; an event dated only by its
    year opens that year. `summaries` (month Points, see month_points) stand for the
    articles of their months where there are too many to list."""
    dated = [((*_period_key(e.date, e.date_precision), 0), "events", e) for e in events]
    dated += [((*_period_key(a.published_on, "day"), 1), "articles", a) for a in articles]
    dated += [((*_period_key(s.date, "day"), 1), "summaries", s) for s in summaries]
    dated.sort(key=lambda item: item[0][:2])
    listing = []
    for key, items in groupby(dated, key=lambda item: item[0][:2]):
        period = Period(_period_label(key))
        for _, kind, record in items:
            getattr(period, kind).append(record)
        listing.append(period)
    return listing
