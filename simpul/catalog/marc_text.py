"""The MARC editor's text form: one field per line, ``245 10 $aTitle :$bsubtitle``."""

from __future__ import annotations

import re

import pymarc
from django.utils.translation import gettext_lazy as _

from simpul.lib.errors import SimpulError

LINE = re.compile(r"^(?P<tag>[0-9A-Za-z]{3})\s(?P<rest>.*)$")


class MarcTextError(SimpulError):
    code = "MARC_TEXT_INVALID"
    template = _("Baris {line}: {reason}")


def to_text(record: pymarc.Record) -> tuple[str, str]:
    """(leader, fields as text) for the editor."""
    lines = []
    for field in record.fields:
        if field.is_control_field():
            lines.append(f"{field.tag} {field.data}")
        else:
            indicators = "".join(i if i != " " else "_" for i in (field.indicators or ("", "")))
            subfields = "".join(f"${s.code}{s.value}" for s in field.subfields)
            lines.append(f"{field.tag} {indicators} {subfields}")
    return str(record.leader), "\n".join(lines)


def from_text(leader: str, text: str) -> pymarc.Record:
    """Parse the editor's text; raises MarcTextError naming the line and what is wrong."""
    if len(leader) != 24:
        raise MarcTextError(line=0, reason=_("leader harus 24 karakter"))
    record = pymarc.Record(leader=leader, force_utf8=True)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        match = LINE.match(line)
        if not match:
            raise MarcTextError(line=number, reason=_("awali dengan tag tiga karakter dan spasi"))
        tag, rest = match["tag"], match["rest"]
        if tag < "010" and tag.isdigit():
            record.add_field(pymarc.Field(tag=tag, data=rest))
            continue
        if len(rest) < 3 or rest[2] != " ":
            raise MarcTextError(
                line=number, reason=_("tulis dua indikator lalu spasi, misalnya 10 atau __")
            )
        first, second = (c if c != "_" else " " for c in rest[:2])
        body = rest[3:]
        if not body.startswith("$") or len(body) < 2:
            raise MarcTextError(line=number, reason=_("ruas data harus berisi subruas $a, $b, ..."))
        subfields = []
        for part in body.split("$")[1:]:
            if not part:
                raise MarcTextError(line=number, reason=_("ada $ tanpa kode subruas"))
            code, value = part[0], part[1:]
            if not re.fullmatch(r"[0-9a-z]", code):
                raise MarcTextError(
                    line=number, reason=_("kode subruas ${code} tidak sah").format(code=code)
                )
            subfields.append(pymarc.Subfield(code=code, value=value))
        record.add_field(
            pymarc.Field(tag=tag, indicators=pymarc.Indicators(first, second), subfields=subfields)
        )
    if not record.get_fields("245"):
        raise MarcTextError(line=0, reason=_("rekaman harus punya ruas 245 (judul)"))
    return record
