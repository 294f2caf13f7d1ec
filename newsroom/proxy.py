"""The visitor's address when a reverse proxy stands in front of the app.

Behind a proxy every request arrives from the proxy's address. When the proxy names the
visitor in a header it sets itself (DJANGO_CLIENT_IP_HEADER, e.g. X-Real-IP or
X-Forwarded-For), the login lockout (django-axes) keys on that address instead.
"""

from django.conf import settings


def client_address(request):
    """The address the configured header gives, else the connection's (REMOTE_ADDR).

    From X-Forwarded-For it takes the last address: the one our proxy appended, which a
    visitor cannot forge; those before it are whatever the visitor sent.
    """
    if settings.CLIENT_IP_META_KEY:
        forwarded = request.META.get(settings.CLIENT_IP_META_KEY, "")
        address = forwarded.split(",")[-1].strip()
        if address:
            return address
    return request.META.get("REMOTE_ADDR")
