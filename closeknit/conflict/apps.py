from django.apps import AppConfig


class ConflictConfig(AppConfig):
    name = "closeknit.conflict"
    label = "conflict"
    verbose_name = "Conflict with empathy"

    def ready(self) -> None:
        from closeknit.conflict import classifier

        # Trained from the labelled set on first use; doing it here keeps that cost
        # off the first person who types a draft.
        classifier.default_model()
