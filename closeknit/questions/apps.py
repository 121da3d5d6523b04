from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "closeknit.questions"
    label = "questions"
    verbose_name = "Daily question"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from closeknit.couples.services import register_fold_step
        from closeknit.questions.library import sync_library_after_migrate
        from closeknit.questions.services import fold_solo_couple

        post_migrate.connect(sync_library_after_migrate, sender=self)
        register_fold_step(fold_solo_couple)
