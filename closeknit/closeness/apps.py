from django.apps import AppConfig


class ClosenessConfig(AppConfig):
    name = "closeknit.closeness"
    label = "closeness"
    verbose_name = "Closeness check"

    def ready(self) -> None:
        from closeknit.closeness.services import fold_solo_couple
        from closeknit.couples.services import register_fold_step

        register_fold_step(fold_solo_couple)
