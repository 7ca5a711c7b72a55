from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "simpul.jobs"
    verbose_name = _("Pekerjaan latar belakang")
