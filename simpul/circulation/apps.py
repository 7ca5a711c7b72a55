from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirculationConfig(AppConfig):
    name = "simpul.circulation"
    verbose_name = _("Sirkulasi")
