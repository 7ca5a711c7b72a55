from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibrariesConfig(AppConfig):
    name = "simpul.libraries"
    verbose_name = _("Jaringan perpustakaan")

    def ready(self) -> None:
        from django.urls import register_converter

        from simpul.libraries.converters import LibraryCodeConverter

        register_converter(LibraryCodeConverter, "code")
