from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "closeknit.checkins"
    label = "checkins"
    verbose_name = "Feelings check-in"

    def ready(self) -> None:
        from closeknit.checkins.services import fold_solo_couple
        from closeknit.couples.services import register_fold_step

        register_fold_step(fold_solo_couple)
