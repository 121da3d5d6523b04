from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from closeknit.middleware import mark_signed_out


@receiver(user_logged_out, dispatch_uid="closeknit.core.clear_site_data_on_logout")
def clear_site_data_on_logout(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    # Every way out (allauth's logout view, a password change elsewhere) goes through
    # django.contrib.auth.logout, which sends this signal with the request.
    if request is not None:
        mark_signed_out(request)
