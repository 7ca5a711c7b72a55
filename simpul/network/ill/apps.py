from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IllConfig(AppConfig):
    name = "simpul.network.ill"
    label = "ill"
    verbose_name = _("Pinjam antarperpustakaan")

    def ready(self) -> None:
        from simpul.circulation.borrowed import register
        from simpul.network.ill.borrowed import InterlibraryLoans

        register("ill", InterlibraryLoans())
