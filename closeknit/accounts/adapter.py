from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from closeknit.lib.env import env_bool


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def clean_email(self, email: str) -> str:
        return str(super().clean_email(email)).strip().lower()

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return env_bool("CLOSEKNIT_SIGNUPS_OPEN", True)
