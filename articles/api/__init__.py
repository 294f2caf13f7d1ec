"""The read-only JSON API: articles, people, organisations and publications.

`serializers` says how each record looks, `views` which records each endpoint lists (the
article list through the same selection as the HTML list), `pagination` how lists are paged,
`urls` where it all lives (under /api/, with the OpenAPI schema and its browsable view).
"""
