"""People who sign in to Simpul: staff of the network's libraries and members."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """One person with a login.

    What a person may do is not stored here but in the roles of ``libraries.StaffRole``;
    ``is_staff`` only opens Django's admin and is kept in step with the network-admin role.
    """

    full_name = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    phone = models.CharField(_("nomor telepon"), max_length=32, blank=True)
    email = models.EmailField(_("alamat e-mail"), blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
                violation_error_message=_("Alamat e-mail ini sudah dipakai akun lain."),
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username
