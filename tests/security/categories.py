"""The kinds of answer the matrix expects, and how a response is sorted into one.

Short on purpose, so that the matrix reads as a table: status codes where the code
says it all, words for the redirects.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.urls import reverse

OK = "OK"  # 2xx, or a redirect that is the page's normal answer
LOGIN = "LOGIN"  # a redirect to the sign-in page; 401 from the API
REAUTH = "REAUTH"  # a redirect to allauth's "confirm it's you" page
FORBIDDEN = "403"  # the couple's, but not this partner's to do
NOT_FOUND = "404"  # another couple's object looks exactly like no object at all
NOT_ALLOWED = "405"  # the route does not take this method
CONFLICT = "409"  # refused for the state things are in: 409 or 410
INVALID = "422"  # refused field by field: 400 or 422
THROTTLED = "429"
SERVER_ERROR = "5xx"  # never expected anywhere

CATEGORIES = frozenset(
    {OK, LOGIN, REAUTH, FORBIDDEN, NOT_FOUND, NOT_ALLOWED, CONFLICT, INVALID, THROTTLED}
)

_BY_STATUS = {
    400: INVALID,
    401: LOGIN,
    403: FORBIDDEN,
    404: NOT_FOUND,
    405: NOT_ALLOWED,
    409: CONFLICT,
    410: CONFLICT,
    422: INVALID,
    429: THROTTLED,
}


def category_of(status: int, location: str) -> str:
    if status >= 500:
        return SERVER_ERROR
    if 300 <= status < 400:
        target = urlsplit(location).path
        if target == reverse("account_login"):
            return LOGIN
        if target in {reverse("account_reauthenticate"), reverse("mfa_reauthenticate")}:
            return REAUTH
        return OK
    if 200 <= status < 300:
        return OK
    return _BY_STATUS.get(status, f"HTTP {status}")
