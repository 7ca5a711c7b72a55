from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnionConfig(AppConfig):
    name = "simpul.network.union"
    label = "union"
    verbose_name = _("Katalog induk")

    def ready(self) -> None:
        from simpul.catalog.holdings import register
        from simpul.network.union.provider import ContributedHoldings

        register("union", ContributedHoldings())
