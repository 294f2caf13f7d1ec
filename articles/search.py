"""Full-text search over article headlines and bodies.

A query uses web-search syntax: words (all must appear), "quoted phrases", `or` between
alternatives, and `-word` or `-"a phrase"` to exclude. A word, phrase or run of words that
is the name or an alias of a person or organisation also finds the articles that mention
them under any other alias ("ISIS" finds the articles that only say "Islamic State").

PostgreSQL: a stored, generated `search_vector` column (headline weighted A, body B, English
stemming) with a GIN index, added by migration 0003 on PostgreSQL only, so it is not a model
field: `SearchVectorColumn` refers to it in queries. A quoted phrase is also looked up in the
index of word pairs (migrations 0007 and 0009, see `phrase_pairs`), so that checking it does
not read every vector holding its words. Results are ranked with `ts_rank`, and `ts_headline`
tells which words of the page's articles match.

SQLite (the zero-configuration default) matches the same syntax without stemming: each word
or phrase must appear in the headline or text, in any case; results put headline matches
first, then the newest; snippets are cut around the first match in Python.
"""

import contextlib
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection, transaction
from django.db.models import BooleanField, Case, Expression, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

SEARCH_CONFIG = "english"
SEARCH_INDEX = "article_search_idx"  # the GIN index on search_vector (migration 0003)
PAIRS_INDEX = "article_search_pairs_idx"  # the GIN index on search_pairs(search_vector) (0007)
# Marks that ts_headline puts around a match; the snippet is escaped, then they become <mark>.
START, STOP = "\ue000", "\ue001"
SNIPPET_WORDS = 40
RANK_LIMIT = 1000  # more matches than this are listed newest first (see search())
MAX_NAME_WORDS = 6  # longest run of query words tried as a person's or organisation's name

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class Term:
    """A word or phrase of a query, and the people and organisations it names (if any)."""

    text: str
    phrase: bool = False
    excluded: bool = False
    case_sensitive: bool = False  # it is a case-sensitive alias, spelled exactly ("IS")
    people: list = field(default_factory=list)
    organisations: list = field(default_factory=list)

    @property
    def websearch(self):
        """The term alone, in web-search syntax."""
        return f'"{self.text}"' if self.phrase or " " in self.text else self.text


def parse(text):
    """The query as a list of clauses, all of which must match; a clause is a list of
    alternative terms (joined by `or`). Excluded terms are clauses of their own."""
    clauses, alternative = [], False
    for match in _TOKEN.finditer(text):
        minus, quoted, word = match.groups()
        if word is not None and word.lower() == "or" and clauses:
            alternative = True
            continue
        if word is not None:
            excluded = word.startswith("-") and len(word) > 1
            term = Term(word[1:] if excluded else word, excluded=excluded)
        else:
            if not quoted.split():
                continue
            term = Term(" ".join(quoted.split()), phrase=True, excluded=bool(minus))
        if alternative and not term.excluded and not clauses[-1][-1].excluded:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        alternative = False
    return clauses


def positive_terms(clauses):
    return [term for clause in clauses for term in clause if not term.excluded]


def name_candidates(clauses):
    """Texts in the query that could be a name: each positive word or phrase, and each run
    of consecutive single plain words (at most MAX_NAME_WORDS)."""
    candidates = {term.text for term in positive_terms(clauses)}
    run = []
    for clause in [*clauses, None]:
        plain = (
            clause is not None
            and len(clause) == 1
            and not clause[0].excluded
            and not clause[0].phrase
        )
        if plain:
            run.append(clause[0].text)
            continue
        for start in range(len(run)):
            for end in range(start + 2, min(len(run), start + MAX_NAME_WORDS) + 1):
                candidates.add(" ".join(run[start:end]))
        run = []
    return candidates


def _attach_entities(clauses, named):
    """Attach named entities to the terms naming them; a run of words naming someone
    becomes one phrase term (the longest run wins)."""
    if not named:
        return clauses
    result, index = [], 0
    while index < len(clauses):
        clause = clauses[index]
        joined = _longest_named_run(clauses, index, named)
        if joined:
            text, length = joined
            term = Term(text, phrase=True)
            _name(term, named)
            result.append([term])
            index += length
            continue
        for term in clause:
            if not term.excluded:
                _name(term, named)
        result.append(clause)
        index += 1
    return result


def _longest_named_run(clauses, index, named):
    words = []
    for clause in clauses[index : index + MAX_NAME_WORDS]:
        if len(clause) != 1 or clause[0].excluded or clause[0].phrase:
            break
        words.append(clause[0].text)
    for length in range(len(words), 1, -1):
        text = " ".join(words[:length])
        if _lookup(named, text):
            return text, length
    return None


def _lookup(named, text):
    return named.get(text.lower()) or named.get(text)


def _name(term, named):
    entities = named.get(term.text.lower())
    if entities is None and term.text in named:
        entities, term.case_sensitive = named[term.text], True
    for kind, pk in entities or ():
        (term.people if kind == "person" else term.organisations).append(pk)


def named_entities(candidates):
    """{text: [(kind, pk), ...]} for the candidates that are a person's or organisation's
    name or alias. Case-insensitive aliases are keyed in lower case; a case-sensitive one
    ("IS") only under its exact spelling. Two queries, whatever the number of candidates."""
    from .models import Organisation, Person

    lowered = {text.lower() for text in candidates}
    named = {}
    for kind, model in (("person", Person), ("organisation", Organisation)):
        rows = model.objects.named_any(lowered)
        for pk, name, alias, case_sensitive in rows:
            if name.lower() in lowered:
                named.setdefault(name.lower(), set()).add((kind, pk))
            if alias is None or alias.lower() not in lowered:
                continue
            key = alias if case_sensitive else alias.lower()
            named.setdefault(key, set()).add((kind, pk))
    return named


class SearchVectorColumn(Expression):
    """The article table's stored `search_vector` column (PostgreSQL only).

    Resolves to the query's article alias like a column would, so it stays correct when
    the query is nested as a subquery (facet counts do that)."""

    output_field = SearchVectorField()

    def __init__(self, alias=None):
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, *args, **kwargs):
        clone = self.copy()
        clone.alias = query.get_initial_alias()
        return clone

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def get_group_by_cols(self):
        return [self]

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(self.alias)
        return f"{table}.{connection.ops.quote_name('search_vector')}", []


class Matches(Expression):
    """`vector @@ query`, usable directly in filter()."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, vector, query):
        super().__init__()
        self.vector, self.query = vector, query

    def get_source_expressions(self):
        return [self.vector, self.query]

    def set_source_expressions(self, expressions):
        self.vector, self.query = expressions

    def as_sql(self, compiler, connection):
        vector_sql, vector_params = compiler.compile(self.vector)
        query_sql, query_params = compiler.compile(self.query)
        return f"{vector_sql} @@ {query_sql}", [*vector_params, *query_params]


class HoldsPairs(Expression):
    """`search_pairs(vector) @@ pairs`: the article holds every pair of successive words of a
    phrase (PostgreSQL; `pairs` is a tsquery from `phrase_pairs`). Answered by the pair
    index alone: no vector is read."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, vector, pairs):
        super().__init__()
        self.vector, self.pairs = vector, pairs

    def get_source_expressions(self):
        return [self.vector]

    def set_source_expressions(self, expressions):
        (self.vector,) = expressions

    def as_sql(self, compiler, connection):
        vector_sql, vector_params = compiler.compile(self.vector)
        return f"search_pairs({vector_sql}) @@ %s::tsquery", [*vector_params, self.pairs]


class MatchesUnlessEmpty(Matches):
    """`vector @@ query`, or true when the query holds no lexeme (only stop words, "the"):
    for a part of a query matched on its own, as websearch_to_tsquery drops such a part
    from a whole query. The test is of constants: the planner answers it once."""

    def as_sql(self, compiler, connection):
        query_sql, query_params = compiler.compile(self.query)
        sql, params = super().as_sql(compiler, connection)
        return f"(numnode({query_sql}) = 0 OR {sql})", [*query_params, *params]


def web_query(text):
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


@dataclass(frozen=True)
class Pairs:
    """How a phrase is found in the pair index (migrations 0007 and 0009)."""

    query: str  # a tsquery: every pair of successive words of the phrase, AND-ed
    whole: bool  # the phrase is one pair of words: holding it is the phrase


def phrase_pairs(clauses):
    """{text: Pairs} for the phrases of the query that the pair index can narrow
    (PostgreSQL; one query, none for a query without phrases).

    PostgreSQL itself says which pairs of successive lexemes a phrase holds (its parser,
    stemmer and stop words decide), with the function the index is built with: words apart
    across stop words are paired with their distance ("cessation of hostilities" is the pair
    "cessat 2 hostil", migration 0009). A phrase of one word has no pair and is left out:
    it is checked on the vectors, as any word."""
    texts = sorted({t.text for clause in clauses for t in clause if t.websearch != t.text})
    if not texts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT phrase, pairs::text, numnode(phraseto_tsquery(%s::regconfig, phrase)) = 3 "
            "FROM unnest(%s::text[]) AS phrase, "
            "search_phrase_pairs(%s::regconfig, phrase) AS pairs WHERE pairs IS NOT NULL",
            [SEARCH_CONFIG, texts, SEARCH_CONFIG],
        )
        return {text: Pairs(query, whole) for text, query, whole in cursor.fetchall()}


def uses_postgres():
    return connection.vendor == "postgresql"


def _mentioning(term):
    """Querysets of the ids of the articles mentioning the people and organisations the
    term names."""
    from .models import OrganisationMention, PersonMention

    found = []
    if term.people:
        mentions = PersonMention.objects.active().filter(person_id__in=term.people)
        found.append(mentions.values_list("article_id", flat=True))
    if term.organisations:
        mentions = OrganisationMention.objects.active().filter(
            organisation_id__in=term.organisations
        )
        found.append(mentions.values_list("article_id", flat=True))
    return found


def _text_condition(term, pairs):
    if uses_postgres():
        return Q(pk__in=_text_matches(term, pairs))
    lookup = "regex" if term.case_sensitive else "iregex"
    pattern = word_pattern([term.text])
    return Q(**{f"headline__{lookup}": pattern}) | Q(**{f"body__{lookup}": pattern})


def _text_matches(term, pairs):
    """The ids of the articles whose search vector matches the term (PostgreSQL), as a
    subquery of its own, so that the GIN index answers it wherever it stands in the query.
    A phrase in the pair index is narrowed by it, and found by it alone if it is one pair."""
    from .models import Article

    found = pairs.get(term.text)
    matches = Q(Matches(SearchVectorColumn(), web_query(term.websearch)))
    if found is not None:
        held = Q(HoldsPairs(SearchVectorColumn(), found.query))
        matches = held if found.whole else held & matches
    return Article.objects.filter(matches).values_list("pk", flat=True)


# Without stemming, a word also matches its commonest English endings ("truce" finds "truces").
_ENDINGS = r"(?:s|es|ed|ing|['’]s)?"


def word_pattern(texts):
    """A regular expression (Python syntax, as Django's SQLite REGEXP uses) finding any of
    `texts` as whole words; the words of a phrase may be separated by any non-word run."""
    alternatives = []
    for text in sorted(set(texts), key=len, reverse=True):
        words = re.findall(r"\w+(?:['’]\w+)*", text)
        if words:
            escaped = (re.sub(r"['’]", "['’]", re.escape(word)) for word in words)
            alternatives.append(r"\W+".join(escaped))
    if not alternatives:
        return r"(?!x)x"  # matches nothing
    return r"\b(?:" + "|".join(alternatives) + r")" + _ENDINGS + r"\b"


def _term_condition(term, pairs):
    mentioning = _mentioning(term)
    if mentioning and uses_postgres():
        # One set of ids from the text index and the mention indexes: as an OR of
        # subqueries, PostgreSQL would test every article against each (10× slower).
        condition = Q(pk__in=_text_matches(term, pairs).union(*mentioning))
    else:
        condition = _text_condition(term, pairs)
        for ids in mentioning:
            condition |= Q(pk__in=ids)
    return ~condition if term.excluded else condition


def search_condition(text, clauses):
    """The Q a matching article satisfies."""
    expanded = any(t.people or t.organisations for t in positive_terms(clauses))
    pairs = phrase_pairs(clauses) if uses_postgres() else {}
    if uses_postgres() and not expanded:
        return _vector_condition(text, clauses, pairs)
    condition = Q()
    for clause in clauses:
        alternatives = Q(pk__in=[])
        for term in clause:
            alternatives |= _term_condition(term, pairs)
        condition &= alternatives
    return condition


def _vector_condition(text, clauses, pairs):
    """The whole query as one match of the search vector (PostgreSQL), the phrases that
    stand as clauses of their own also narrowed by the pair index.

    A phrase that is one pair is found by the index alone: it leaves the vector's query,
    so no vector is read for it (for two common words, the reading was the whole cost);
    excluded, it excludes the articles the index finds. Longer phrases stay in the
    vector's query, their positions checked only on the articles holding all their pairs."""
    alone = [clause[0] for clause in clauses if len(clause) == 1 and clause[0].text in pairs]
    condition = Q()
    for term in alone:
        if not term.excluded:
            condition &= Q(HoldsPairs(SearchVectorColumn(), pairs[term.text].query))
    whole = [term for term in alone if pairs[term.text].whole]
    if not whole:
        return condition & Q(Matches(SearchVectorColumn(), web_query(text)))
    for term in whole:
        if term.excluded:
            condition &= ~Q(pk__in=_text_matches(term, pairs))
    rest = [clause for clause in clauses if len(clause) > 1 or clause[0] not in whole]
    if rest:
        query = web_query(websearch_text(rest))
        condition &= Q(MatchesUnlessEmpty(SearchVectorColumn(), query))
    return condition


def websearch_text(clauses):
    """Parsed clauses written back in web-search syntax."""
    return " ".join(
        " or ".join(("-" if term.excluded else "") + term.websearch for term in clause)
        for clause in clauses
    )


def relevance(text, clauses):
    """An expression ordering better matches first (higher is better)."""
    if uses_postgres():
        return SearchRank(SearchVectorColumn(), web_query(text))
    in_headline = Q(pk__in=[])
    for term in positive_terms(clauses):
        in_headline |= Q(headline__icontains=term.text)
    return Case(When(in_headline, then=Value(1.0)), default=Value(0.0))


class SearchQuerySetMixin:
    """Queryset methods for searching articles (mixed into ArticleQuerySet)."""

    def search(self, text):
        """Articles matching `text` (web-search syntax), best first."""
        return self.counted_search(text)[0]

    def counted_search(self, text):
        """(articles matching `text`, best first; how many they are, or None for a query
        with no words).

        Ranking reads every match's search vector, which costs a second for a word in most
        of 100,000 articles; so only up to RANK_LIMIT matches are ranked (annotated with
        `rank`). Beyond that the matches come newest first: `is_ranked()` tells which. The
        matches are counted to know; the count is returned, so that a list need not count
        them again."""
        clauses = parse(text)
        if not clauses:
            return self, None
        clauses = _attach_entities(clauses, named_entities(name_candidates(clauses)))
        matching = self.filter(search_condition(text, clauses))
        count = matching.count()
        if not is_ranked(count):
            return matching.order_by("-published_on", "-pk"), count
        ranked = matching.annotate(rank=relevance(text, clauses))
        return ranked.order_by("-rank", "-published_on", "-pk"), count


def is_ranked(count):
    """Whether a search with `count` matches is ordered by relevance."""
    return count <= RANK_LIMIT


@contextlib.contextmanager
def index_preferred():
    """On PostgreSQL, make the queries in the block use indexes wherever they can.

    For a word in most articles the planner prefers reading the whole table, and so
    unpacks every row's search vector to test it (0.7 s at 100,000 articles), where the
    GIN index answers without opening one (50 ms): its cost model does not know what a
    vector costs to read. Applies to one transaction (SET LOCAL)."""
    if not uses_postgres():
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def highlight(articles, text):
    """Set `headline_html` and `snippet` (escaped, matches in <mark>) on each of `articles`
    (the page shown, a list). At most two queries, for the page's articles only.

    The snippet is cut from the text as stored, so it shows exactly what the article says.
    On PostgreSQL, ts_headline tells which words matched (stemming included: "truces" for
    "truce"); on SQLite, the query's own words are marked."""
    articles = list(articles)
    if not articles:
        return articles
    from .models import Article

    page = Article.objects.filter(pk__in=[a.pk for a in articles])
    rows = list(page.values_list("pk", "headline", "body"))
    if uses_postgres():
        words = _matched_words(rows, text)
    else:
        words = [t.text for t in positive_terms(parse(text))]
    marked = {
        pk: (_mark_all(headline, words), _snippet(body, words)) for pk, headline, body in rows
    }
    for article in articles:
        article.headline_html, article.snippet = marked.get(article.pk, (article.headline, ""))
    return articles


_MARKED = re.compile(f"{START}(.*?){STOP}", re.S)
_HIGHLIGHT_ALL = f"HighlightAll=true, StartSel={START}, StopSel={STOP}"


def _matched_words(rows, text):
    """The words of these articles ((pk, headline, body) rows) that match the query, as
    ts_headline marks them: one call over the distinct words of all the texts.

    ts_headline parses the whole text it is given; run on each of the page's 20 texts it
    cost 14 ms at 600 words each, for only a list of words. Their distinct words hold every
    word that can match (each in a text of its own, and the parser splits at spaces), and a
    query's words are marked wherever they stand, phrase or not."""
    words = {word for _, headline, body in rows for word in f"{headline} {body}".lower().split()}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_headline(%s::regconfig, %s, websearch_to_tsquery(%s::regconfig, %s), %s)",
            [SEARCH_CONFIG, " ".join(sorted(words)), SEARCH_CONFIG, text, _HIGHLIGHT_ALL],
        )
        marked = cursor.fetchone()[0]
    return sorted(set(_MARKED.findall(marked)))


def _marked(text):
    """Escape `text` (marked with START and STOP), then turn the markers into <mark>."""
    escaped = escape(text)
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _pattern(terms):
    return re.compile(word_pattern(terms), re.IGNORECASE) if terms else None


def _mark_all(text, terms):
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    return _marked(pattern.sub(lambda m: START + m.group(0) + STOP, text))


def _snippet(body, terms):
    """About SNIPPET_WORDS words of `body` around its first match, marked."""
    pattern = _pattern(terms)
    found = pattern.search(body) if pattern else None
    start = found.start() if found else 0
    start = body.rfind(" ", 0, start) + 1  # from the start of the word that matched
    words_before = body[:start].split()[-(SNIPPET_WORDS // 4) :]
    rest = body[start:].split()[: SNIPPET_WORDS - len(words_before)]
    excerpt = " ".join(words_before + rest)
    prefix = "… " if len(body[:start].split()) > len(words_before) else ""
    suffix = " …" if len(body[start:].split()) > len(rest) else ""
    return _mark_all(prefix + excerpt + suffix, terms)
