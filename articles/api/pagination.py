"""Pages of API lists: numbered like the HTML lists, with a total count and links."""

from django.core.exceptions import BadRequest
from django.http import Http404
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from ..views import (
    ARTICLES_PER_PAGE,
    ORGANISATIONS_PER_PAGE,
    PEOPLE_PER_PAGE,
    QUOTES_PER_PAGE,
    page_number,
)


class NumberedPagination(PageNumberPagination):
    """`?page=N` (or `last`) and `?page_size=N`; a bad value gets a message, not a guess.

    The default page size is the HTML list's, so a list's page N holds the same records in
    both. Subclasses set `page_size`.
    """

    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        if not raw.isdecimal() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"Give a page size from 1 to {self.max_page_size}; “{raw[:40]}” is not one."
                    ]
                }
            )
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        try:
            number = page_number(request.query_params.get(self.page_query_param), paginator)
        except BadRequest as error:
            raise ValidationError({self.page_query_param: [str(error)]}) from None
        except Http404 as error:
            raise NotFound(str(error)) from None
        self.page = paginator.page(number)
        return list(self.page)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "pages": self.page.paginator.num_pages,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["pages"] = {"type": "integer", "example": 3}
        response["required"] = ["count", "pages", "next", "previous", "results"]
        return response


class ArticlePagination(NumberedPagination):
    page_size = ARTICLES_PER_PAGE


class PersonPagination(NumberedPagination):
    page_size = PEOPLE_PER_PAGE


class QuotePagination(NumberedPagination):
    page_size = QUOTES_PER_PAGE


class RecordPagination(NumberedPagination):
    """Organisations, places, events and publications: pages as long as the HTML lists'."""

    page_size = ORGANISATIONS_PER_PAGE
