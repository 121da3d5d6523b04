from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "closeknit.insights"
    label = "insights"
    verbose_name = "Insights"

    def ready(self) -> None:
        from closeknit.couples.models import Couple
        from closeknit.couples.services import register_fold_step
        from closeknit.insights.models import Activity

        def keep_activity(solo: Couple, into: Couple) -> None:
            Activity.objects.filter(couple=solo).update(couple=into)

        register_fold_step(keep_activity)
