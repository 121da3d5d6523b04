from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _needs_verification(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    # Read along with the person by accounts.backends when they came from a session.
    verified = getattr(user, "email_verified", None)
    if verified is None:
        verified = EmailAddress.objects.filter(user_id=user.pk, verified=True).exists()
    return not verified


def closeknit(request: HttpRequest) -> dict[str, object]:
    return {
        "exit_url": settings.CLOSEKNIT_EXIT_URL,
        # Lazy: the query runs only on pages whose template shows the banner.
        "email_unverified": SimpleLazyObject(lambda: _needs_verification(request)),
    }
