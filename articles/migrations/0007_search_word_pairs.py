"""An index of adjacent word pairs, so that a quoted phrase is found without reading vectors
(PostgreSQL only).

A phrase match (`'syrian' <-> 'syria'`) needs each candidate's word positions: the GIN index
of `search_vector` only knows which articles hold both words, and PostgreSQL reads (detoasts)
every such vector to check the positions — a second for two common words at 100,000
articles. This GIN index holds, for each article, every pair of lexemes at adjacent positions
of its search vector ("syrian syria"), so "all the phrase's pairs are present" is answered by
the index alone: exactly the phrase for a two-word phrase, a narrow set of candidates to check
for a longer one (see articles/search.py).

`search_pairs(vector)` lists the pairs; the index is on `search_pairs(search_vector)` (an
expression index: no second stored column to write and keep). Its cost is declared high, so
the planner never computes it row by row where the index can answer, and the index keeps no
statistics (ANALYZE would compute the pairs of 30,000 sampled articles: 45 s). A pair is the
two lexemes joined by a space, which no lexeme holds (the parser splits words at spaces); a
pair longer than a tsvector lexeme may be (2,047 bytes) is left out on both sides.
`search_phrase_pairs(config, phrase)` is the query side: the AND of the phrase's own pairs,
or NULL when it has none (one word, or words apart only across stop words) or when
`websearch_to_tsquery` would read the quoted phrase otherwise than `phraseto_tsquery` does.
"""

from django.db import migrations

ADD = r"""
CREATE FUNCTION search_pairs(vector tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
    WITH word AS MATERIALIZED (
        SELECT lexeme, unnest(positions) AS position FROM unnest(vector)
    )
    SELECT coalesce(array_to_tsvector(array_agg(pair)), '')
    FROM (
        SELECT first.lexeme || ' ' || second.lexeme AS pair
        FROM word AS first JOIN word AS second ON second.position = first.position + 1
    ) AS pairs
    WHERE octet_length(pair) <= 2047
$$;

CREATE FUNCTION search_phrase_pairs(config regconfig, phrase text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT string_agg(
        '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''', ' & '
    )::tsquery
    FROM unnest(search_pairs(to_tsvector(config, phrase)))
    WHERE websearch_to_tsquery(config, '"' || phrase || '"') = phraseto_tsquery(config, phrase)
$$;

CREATE INDEX article_search_pairs_idx ON articles_article
    USING gin (search_pairs(search_vector));
ALTER INDEX article_search_pairs_idx ALTER COLUMN 1 SET STATISTICS 0;
"""
DROP = """
DROP INDEX IF EXISTS article_search_pairs_idx;
DROP FUNCTION IF EXISTS search_phrase_pairs(regconfig, text);
DROP FUNCTION IF EXISTS search_pairs(tsvector);
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_mention_dates")]

    operations = [migrations.RunPython(on_postgresql(ADD), on_postgresql(DROP))]
