"""The eight practices of the founding article, which every feature is organised by."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Practice(models.TextChoices):
    COMMUNICATION = "communication", _("Open communication")
    QUALITY_TIME = "quality_time", _("Quality time")
    VULNERABILITY = "vulnerability", _("Vulnerability")
    APPRECIATION = "appreciation", _("Appreciation")
    GOALS = "goals", _("Goals and dreams")
    CONFLICT = "conflict", _("Conflict with empathy")
    RITUALS = "rituals", _("Rituals and traditions")
    TRUST = "trust", _("Trust and respect")


class Depth(models.TextChoices):
    LIGHT = "light", _("Light")
    DEEPER = "deeper", _("Deeper")
    DEEPEST = "deepest", _("Deepest")


DEPTH_ORDER = {Depth.LIGHT: 0, Depth.DEEPER: 1, Depth.DEEPEST: 2}


def depths_up_to(depth: str) -> list[str]:
    limit = DEPTH_ORDER[Depth(depth)]
    return [d.value for d in Depth if DEPTH_ORDER[d] <= limit]
