from django.utils.translation import gettext_lazy as _

from simpul.lib.errors import SimpulError


class ClosureExists(SimpulError):
    code = "CLOSURE_EXISTS"
    template = _("Sudah ada hari tutup pada {date}: {name}.")
    status = 409


class HoursOverlap(SimpulError):
    code = "HOURS_OVERLAP"
    template = _(
        "Jam buka hari {weekday} bertumpuk: sesi {opens}–{closes} mulai sebelum sesi "
        "sebelumnya selesai."
    )


class HoursOrder(SimpulError):
    code = "HOURS_ORDER"
    template = _("Jam buka hari {weekday}: jam tutup {closes} harus setelah jam buka {opens}.")


class RoleScopeMismatch(SimpulError):
    code = "ROLE_SCOPE_MISMATCH"
    template = _("Peran {role} berlaku untuk {scope}.")
