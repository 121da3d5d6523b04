from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "closeknit.questions"
    label = "questions"
    verbose_name = "Daily question"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from closeknit.couples.services import register_fold_step
        from closeknit.questions.library import sync_library_after_migrate
        from closeknit.questions.models import Answer
        from closeknit.questions.services import fold_solo_couple
        from closeknit.questions.signals import answer_deleted, answer_saved

        post_migrate.connect(sync_library_after_migrate, sender=self)
        register_fold_step(fold_solo_couple)
        post_save.connect(answer_saved, sender=Answer, dispatch_uid="questions.answer_saved")
        post_delete.connect(answer_deleted, sender=Answer, dispatch_uid="questions.answer_deleted")
