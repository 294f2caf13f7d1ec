"""Refuse requests whose address carries control characters, before any view sees them.

A NUL byte in a query string reaching the database is an error on PostgreSQL (it cannot
store one in text), and other control characters have no meaning in a web address and only
make trouble when echoed. Such a request gets the project's 400 page saying what was wrong.
"""

import re

from django.core.exceptions import BadRequest
from django.urls import get_resolver, get_urlconf

# Unicode's control characters (category Cc: C0, DEL and C1) less tab, line feed and return.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def first_control_character(value):
    """The first control character in `value` other than tab and newlines, or None."""
    match = CONTROL_CHARACTER.search(value)
    return match.group() if match else None


def _describe(character):
    code = ord(character)
    if code == 0:
        return "a null character (%00)"
    encoded = "".join(f"%{byte:02X}" for byte in character.encode())
    return f"a control character ({encoded})"


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        character = self.control_character_in(request)
        if character is None:
            return self.get_response(request)
        # The project's 400 page (handler400), as for any other bad request.
        bad_request = get_resolver(get_urlconf()).resolve_error_handler(400)
        message = (
            f"The address contains {_describe(character)}, which no page of the archive "
            "accepts. Remove it and try again."
        )
        return bad_request(request, exception=BadRequest(message))

    @staticmethod
    def control_character_in(request):
        values = [request.path]
        for key, items in request.GET.lists():
            values.append(key)
            values.extend(items)
        for value in values:
            character = first_control_character(value)
            if character is not None:
                return character
        return None
