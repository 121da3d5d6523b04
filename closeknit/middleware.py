from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

# Everything the pages need is served from this origin; no inline scripts, no CDN.
# default-src 'none' means a kind of resource nobody listed here is refused outright.
# data: images are only for the authenticator QR code that allauth renders.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Powerful features nobody here needs are switched off, for this page and anything it
# might embed. Passkeys (publickey-credentials-*) stay available to our own pages.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "autoplay=()",
        "browsing-topics=()",
        "camera=()",
        "display-capture=()",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "publickey-credentials-create=(self)",
        "publickey-credentials-get=(self)",
        "screen-wake-lock=()",
        "usb=()",
    ]
)

# Set on every response, static files included. Django's SecurityMiddleware adds
# X-Content-Type-Options, Referrer-Policy, Cross-Origin-Opener-Policy and (over HTTPS in
# production) HSTS; X-Frame-Options is repeated here because static files never reach
# Django's clickjacking middleware.
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Permissions-Policy": PERMISSIONS_POLICY,
    # Cross-origin isolation: every resource is our own, so requiring it costs nothing
    # and keeps other sites from reading ours through side channels.
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

# What a browser should forget when someone signs out, on a device others may use:
# its cache of the pages, its cookies, and local storage (answer drafts live there).
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'
SIGNED_OUT_MARK = "_closeknit_signed_out"


def mark_signed_out(request: HttpRequest) -> None:
    """Called on logout; the response to this request then clears the site's data."""
    setattr(request, SIGNED_OUT_MARK, True)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.static_prefix = settings.STATIC_URL or "/static/"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.path.startswith(self.static_prefix):
            # Only static files (public, content-hashed) may be kept. Every page and API
            # answer may carry someone's words or their account, and must not linger in
            # a browser's cache or a proxy for the next person on the device to find.
            cache_control = response.get("Cache-Control", "")
            if "no-store" not in cache_control:
                response["Cache-Control"] = "no-store"
        if getattr(request, SIGNED_OUT_MARK, False):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response


class ApiJsonErrorsMiddleware:
    """Answer the API's last plain-text errors (a wrong method) in its JSON error shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        is_json = response.get("Content-Type", "").startswith("application/json")
        if request.path.startswith("/api/") and response.status_code == 405 and not is_json:
            body = {
                "detail": _("%(method)s is not allowed here.") % {"method": request.method},
                "code": "method_not_allowed",
                "errors": [],
            }
            replacement = JsonResponse(body, status=405)
            if "Allow" in response:
                replacement["Allow"] = response["Allow"]
            return replacement
        return response
