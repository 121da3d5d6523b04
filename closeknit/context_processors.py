from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def closeknit(request: HttpRequest) -> dict[str, object]:
    return {"exit_url": settings.CLOSEKNIT_EXIT_URL}
