from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "closeknit.accounts"
    label = "accounts"
    verbose_name = "Accounts"
