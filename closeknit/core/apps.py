from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Project-wide plumbing: system checks, queued e-mail and the logout hook."""

    name = "closeknit.core"
    label = "core"
    verbose_name = "Closeknit core"

    def ready(self) -> None:
        from closeknit.core import checks, signals  # noqa: F401 - registers on import
