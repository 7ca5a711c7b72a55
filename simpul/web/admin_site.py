from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from simpul.libraries.access import is_network_admin


class NetworkAdminSite(AdminSite):
    site_header = _("Simpul — administrasi jaringan")
    site_title = _("Administrasi Simpul")
    index_title = _("Data jaringan")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and is_network_admin(user))
