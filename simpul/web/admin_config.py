from django.contrib.admin.apps import AdminConfig


class NetworkAdminConfig(AdminConfig):
    """Django's admin, open to network administrators only (it is not the staff workspace)."""

    default_site = "simpul.web.admin_site.NetworkAdminSite"
