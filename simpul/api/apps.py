from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "simpul.api"
    verbose_name = "API"
