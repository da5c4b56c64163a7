from django.apps import AppConfig


class AccountsConfig(AppConfig):
    # The only AppConfig here, so Django picks it for "apps.accounts" automatically.
    # The custom label is what migrations and "app_label.Model" references use.
    name = "apps.accounts"
    label = "myaccounts"
    verbose_name = "Accounts"
