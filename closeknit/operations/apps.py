from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "closeknit.operations"
    label = "operations"
    verbose_name = "Operations"
