from __future__ import annotations

from typing import Any

from django import template

from closeknit.accounts.models import User
from closeknit.conflict.selectors import current_timeout_for

register = template.Library()


@register.inclusion_tag("conflict/_timeout_banner.html", takes_context=True)
def timeout_banner(context: dict[str, Any]) -> dict[str, Any]:
    """Today's notice of a break: the partner's "will be back by", or the way back.

    A page that read the break along with its other data passes it as
    ``timeout_view`` (None when there is none); otherwise it is read here.
    """
    if "timeout_view" in context:
        return {"timeout": context["timeout_view"]}
    user = context["user"]
    view = current_timeout_for(user) if isinstance(user, User) else None
    return {"timeout": view}
