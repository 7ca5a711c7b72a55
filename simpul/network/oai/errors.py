"""The OAI-PMH error conditions (protocol section 3.6), each with its code and a message.

The codes are the protocol's own, so they are camelCase; the messages are for the person
reading a harvester's log and are translated like every other string.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from simpul.lib.errors import SimpulError


class OaiError(SimpulError):
    """A request the provider answers with an ``<error code="...">`` instead of a result."""

    # badVerb and badArgument echo the base URL alone: the arguments were not understood.
    echo_arguments = True


class BadVerb(OaiError):
    code = "badVerb"
    template = _("Verb tidak ada, berulang, atau bukan verb OAI-PMH: {verb}")
    echo_arguments = False


class BadArgument(OaiError):
    code = "badArgument"
    template = _("Argumen tidak sah: {reason}")
    echo_arguments = False


class BadResumptionToken(OaiError):
    code = "badResumptionToken"
    template = _("Resumption token tidak sah atau sudah kedaluwarsa; mulailah panen dari awal.")


class CannotDisseminateFormat(OaiError):
    code = "cannotDisseminateFormat"
    template = _("Format metadata {prefix} tidak tersedia; yang tersedia: {available}")


class IdDoesNotExist(OaiError):
    code = "idDoesNotExist"
    template = _("Tidak ada rekaman dengan identifier {identifier} di repositori ini.")


class NoRecordsMatch(OaiError):
    code = "noRecordsMatch"
    template = _("Tidak ada rekaman yang cocok dengan permintaan ini.")


class NoMetadataFormats(OaiError):
    code = "noMetadataFormats"
    template = _("Rekaman {identifier} sudah dihapus; tidak ada metadata yang bisa diberikan.")
