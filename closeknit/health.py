"""A liveness answer for load balancers, process supervisors and the benchmark's ceiling."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    # No database, no session, no template: the cheapest answer the whole middleware
    # stack can give, which is why `make bench` measures every page against it.
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
