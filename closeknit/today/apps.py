from django.apps import AppConfig


class TodayConfig(AppConfig):
    name = "closeknit.today"
    label = "today"
    verbose_name = "Today"
