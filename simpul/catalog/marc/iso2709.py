"""ISO 2709 (binary MARC21): cutting a byte stream into records and decoding one record.

The reader in ``reader.py`` drives these two steps. Cutting is ours rather than pymarc's so that
every record keeps its byte offset and a broken one (bad length, broken directory, garbage
between records) costs only itself: the next record is found again by its terminator (0x1D) or
by a leader-shaped run of bytes. Decoding builds pymarc objects, using pymarc's MARC-8 tables.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import pymarc
from django.utils.translation import gettext_lazy as _
from pymarc import marc8_mapping
from pymarc.marc8 import MARC8ToUnicode

from simpul.catalog.marc.mapping import MarcField, MarcView

RECORD_END = 0x1D
FIELD_END = 0x1E
SUBFIELD = b"\x1f"
ESC = b"\x1b"
FILLER = b" \t\r\n\x00\x1a\x1d"  # tolerated between records: newlines, padding, DOS EOF
SEARCH_LIMIT = 1_000_000  # bytes searched for a record terminator before giving the data up
LEADER = re.compile(rb"\d{5}[ -~]{5}[ \d]{2}\d{5}[ -~]{3}[ \d]{4}")
# Characters XML 1.0 cannot carry; MARC data should not hold them either.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
PRINTABLE = re.compile(rb"[ -~]+")
DIRECTORY_ENTRY = re.compile(rb"([ -~]{3})(\d{4})(\d{5})")
_new_field = tuple.__new__  # MarcField without the Python-level __new__ of a NamedTuple
# In a data field not yet split: a character XML cannot carry other than the subfield
# delimiter, or a delimiter followed by a subfield code that is not printable ASCII.
UNCLEAN_DATA = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1e\ufffe\uffff]|\x1f[^\x1f -~]")
CODESETS: dict[int, dict[int, tuple[int, int]]] = marc8_mapping.CODESETS


class BrokenRecord(ValueError):
    """A record whose structure cannot be read; the message says why, in the active language."""


@dataclass(frozen=True)
class Chunk:
    """Bytes cut from the stream: a record to decode, or ``problem`` when they are not one."""

    offset: int
    data: bytes
    problem: str = ""
    warning: str = ""


SKIPPED = Chunk(-1, b"")


class _Buffer:
    """A growing window over a stream, so records can be cut without reading the whole file."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.data = bytearray()
        self.start = 0  # absolute offset of data[0]
        self.eof = False

    def fill(self, upto: int) -> bool:
        while len(self.data) < upto and not self.eof:
            block = self.stream.read(max(1 << 16, upto - len(self.data)))
            if block:
                self.data += block
            else:
                self.eof = True
        return len(self.data) >= upto

    def find(self, byte: int, begin: int, limit: int) -> int:
        pos = begin
        while True:
            found = self.data.find(byte, pos, begin + limit)
            if found >= 0:
                return found
            pos = len(self.data)
            if pos >= begin + limit or not self.fill(pos + 1):
                return -1

    def drop(self, count: int) -> None:
        del self.data[:count]
        self.start += count


def split_records(stream: BinaryIO, keep: Callable[[int], bool] | None = None) -> Iterator[Chunk]:
    """Cut ``stream`` into chunks, each a record (ending in 0x1D) or a stretch of bad bytes.

    Chunks whose number (from 1) ``keep`` rejects come as ``SKIPPED`` when their leader's
    length holds, without copying their bytes; the numbering is the same either way.
    """
    buf = _Buffer(stream)
    pos = 0
    number = 0
    while True:
        while buf.fill(pos + 1) and buf.data[pos] in FILLER:
            pos += 1
        if not buf.fill(pos + 1):
            return
        if pos > 1 << 20:
            buf.drop(pos)
            pos = 0
        number += 1
        if keep is not None and not keep(number) and (size := _sound_length(buf, pos)):
            yield SKIPPED
            pos += size
            continue
        chunk = _next_chunk(buf, pos)
        yield chunk
        pos += len(chunk.data)


def _sound_length(buf: _Buffer, pos: int) -> int:
    """The record length at ``pos`` when the leader states it and 0x1D ends it there, else 0
    (the same test ``_next_chunk`` begins with)."""
    head = bytes(buf.data[pos : pos + 5])
    claimed = int(head) if head.isdigit() else 0
    if claimed > 24 and buf.fill(pos + claimed) and buf.data[pos + claimed - 1] == RECORD_END:
        return claimed
    return 0


def _next_chunk(buf: _Buffer, pos: int) -> Chunk:
    offset = buf.start + pos
    buf.fill(pos + 24)
    head = bytes(buf.data[pos : pos + 5])
    claimed = int(head) if head.isdigit() else 0
    if claimed > 24 and buf.fill(pos + claimed) and buf.data[pos + claimed - 1] == RECORD_END:
        return Chunk(offset, bytes(buf.data[pos : pos + claimed]))
    end = buf.find(RECORD_END, pos, SEARCH_LIMIT)
    if end < 0:
        stop = min(len(buf.data), pos + SEARCH_LIMIT)
        reason = _("Akhir rekaman (0x1D) tidak ditemukan; {size} byte dilewati.")
        return Chunk(offset, bytes(buf.data[pos:stop]), problem=str(reason).format(size=stop - pos))
    data = bytes(buf.data[pos : end + 1])
    if not head.isdigit():
        leader = LEADER.search(data)
        size = leader.start() if leader else len(data)
        skipped = _("{size} byte yang bukan rekaman MARC dilewati.").format(size=size)
        return Chunk(offset, data[:size], problem=skipped)
    if 24 < claimed < len(data) and LEADER.match(data, claimed):
        reason = _("Rekaman tidak diakhiri 0x1D; dipotong menurut panjang di leader.")
        return Chunk(offset, data[:claimed], warning=str(reason))
    if claimed != len(data):
        reason = _("Panjang rekaman di leader {claimed} byte, sebenarnya {actual} byte.")
        return Chunk(offset, data, warning=str(reason).format(claimed=claimed, actual=len(data)))
    return Chunk(offset, data)


def decode_record(data: bytes, default_encoding: str = "auto") -> tuple[pymarc.Record, list[str]]:
    """The pymarc record in ``data`` (one ISO 2709 record) and warnings about what was repaired.

    Leader/09 "a" means UTF-8; a value that is not valid UTF-8 is read as MARC-8 when it looks
    like MARC-8, else with U+FFFD replacements (a warning either way). Leader/09 blank means
    MARC-8 unless ``default_encoding`` names another codec (e.g. "cp1251"); in "auto" mode data
    that is valid UTF-8 despite a blank leader/09 is read as UTF-8 (with a warning). Characters
    XML cannot carry are dropped (with a warning). Raises BrokenRecord when the leader or the
    directory cannot be read.
    """
    if len(data) < 26:
        raise BrokenRecord(str(_("Rekaman terlalu pendek ({size} byte).").format(size=len(data))))
    warnings: list[str] = []
    leader = _leader(data[:24], warnings)
    base = _base_address(leader, data, warnings)
    entries = _directory(data[24 : base - 1])
    pieces = _field_bytes(entries, data[base:], warnings)
    decoder = _decoder(leader, b"".join(pieces), default_encoding, warnings)
    record = pymarc.Record()
    record.leader = pymarc.Leader(leader)
    record.fields = [
        _field(tag, piece, decoder, warnings)
        for (tag, _l, _s), piece in zip(entries, pieces, strict=True)
    ]
    return record, list(dict.fromkeys(warnings + decoder.warnings()))


def decode_clean(data: bytes) -> tuple[dict[str, Any], MarcView] | None:
    """MARC-in-JSON and the mapping's view of ``data`` when it is a clean UTF-8 record.

    The import's fast path: one pass, no pymarc objects. Clean means leader/09 "a", a sound
    leader and directory, every field ending where the directory says, valid UTF-8, two
    printable indicators, ASCII subfield codes and no characters XML cannot carry. Anything
    else returns None and goes through ``decode_record``, whose result (``as_dict()``) is then
    the same as this one would have been; a test holds the two equal on the shared data.
    """
    size = len(data)
    if size < 26 or data[9] != 0x61:  # leader/09 "a": UTF-8
        return None
    head = data[:24]
    if not head.isascii():
        return None
    leader = head.decode("ascii")
    base_text = leader[12:17]
    if not leader.isprintable() or not base_text.isdigit():
        return None
    base = int(base_text)
    directory = data[24 : base - 1]
    if base >= size or data[base - 1] != FIELD_END or not directory or len(directory) % 12:
        return None
    entries = DIRECTORY_ENTRY.findall(directory)
    if len(entries) * 12 != len(directory):
        return None
    body = data[base:]
    size = len(body)
    fields: list[dict[str, Any]] = []
    view: list[MarcField] = []
    for tag_bytes, length_bytes, offset_bytes in entries:
        tag = tag_bytes.decode("ascii")
        offset = int(offset_bytes)
        end = offset + int(length_bytes) - 1
        if end < offset or end >= size or body[end] != FIELD_END:
            return None
        try:
            text = body[offset:end].decode("utf-8")
        except UnicodeDecodeError:
            return None
        if tag < "010" and tag.isdigit():
            if NOT_XML.search(text):
                return None
            fields.append({tag: text})
            view.append(_new_field(MarcField, (tag, " ", " ", (), text)))
            continue
        if UNCLEAN_DATA.search(text):
            return None
        indicators, *parts = text.split("\x1f")
        if len(indicators) != 2 or not (indicators.isascii() and indicators.isprintable()):
            return None
        pairs = [(part[0], part[1:]) for part in parts if part]
        ind1, ind2 = indicators[0], indicators[1]
        subfields = [{code: value} for code, value in pairs]
        fields.append({tag: {"ind1": ind1, "ind2": ind2, "subfields": subfields}})
        view.append(_new_field(MarcField, (tag, ind1, ind2, pairs, None)))
    return {"leader": leader, "fields": fields}, MarcView(leader, view)


def _leader(raw: bytes, warnings: list[str]) -> str:
    try:
        leader = raw.decode("ascii")
    except UnicodeDecodeError:
        raise BrokenRecord(str(_("Leader berisi karakter non-ASCII."))) from None
    if NOT_XML.search(leader) or "\x7f" in leader:
        warnings.append(str(_("Karakter kendali di leader diganti spasi.")))
        leader = re.sub("[\x00-\x1f\x7f]", " ", leader)
    return leader


def _base_address(leader: str, data: bytes, warnings: list[str]) -> int:
    text = leader[12:17]
    if not text.isdigit():
        reason = _("Alamat dasar data (leader/12-16) bukan angka: '{value}'.")
        raise BrokenRecord(str(reason).format(value=text))
    base = int(text)
    if base < 25 or base >= len(data):
        reason = _("Alamat dasar data {base} di luar rekaman ({size} byte).")
        raise BrokenRecord(str(reason).format(base=base, size=len(data)))
    if data[base - 1] == FIELD_END:
        return base
    end = data.find(FIELD_END, 24)
    if end < 0 or (end - 24) % 12:
        reason = _("Direktori tidak berakhir di alamat dasar data {base}.")
        raise BrokenRecord(str(reason).format(base=base))
    reason = _("Alamat dasar data di leader ({claimed}) salah; dipakai {actual}.")
    warnings.append(str(reason).format(claimed=base, actual=end + 1))
    return end + 1


def _directory(raw: bytes) -> list[tuple[str, int, int]]:
    if len(raw) % 12:
        reason = _("Panjang direktori ({size} byte) bukan kelipatan 12.")
        raise BrokenRecord(str(reason).format(size=len(raw)))
    if not raw:
        raise BrokenRecord(str(_("Rekaman tidak berisi ruas.")))
    entries = []
    for number, start in enumerate(range(0, len(raw), 12), start=1):
        entry = raw[start : start + 12]
        tag, length, offset = entry[:3], entry[3:7], entry[7:12]
        if not (PRINTABLE.fullmatch(tag) and length.isdigit() and offset.isdigit()):
            reason = _("Entri direktori ke-{number} rusak: '{entry}'.")
            raise BrokenRecord(str(reason).format(number=number, entry=entry.decode("latin-1")))
        entries.append((tag.decode("ascii"), int(length), int(offset)))
    return entries


def _field_bytes(
    entries: list[tuple[str, int, int]], body: bytes, warnings: list[str]
) -> list[bytes]:
    """Each field's bytes; by the directory, or by the field terminators when the two disagree."""
    pieces = [body[offset : offset + length] for _tag, length, offset in entries]
    if all(len(p) > 0 and p[-1] == FIELD_END for p in pieces):
        return pieces
    split = [
        p + bytes([FIELD_END]) for p in body.rstrip(bytes([RECORD_END])).split(bytes([FIELD_END]))
    ]
    if split and split[-1] == bytes([FIELD_END]):
        split.pop()
    if len(split) != len(entries):
        reason = _("Direktori ({count} ruas) tidak cocok dengan isi rekaman ({found} ruas).")
        raise BrokenRecord(str(reason).format(count=len(entries), found=len(split)))
    reason = _("Panjang atau posisi ruas di direktori salah; ruas dibaca menurut pemisah ruas.")
    warnings.append(str(reason))
    return split


class _Decoder:
    """Turns value bytes into text for one record, remembering which fields needed help.

    ``mode`` is "utf-8" (MARC-8 or U+FFFD for values that are not UTF-8), "marc-8", or a
    Python codec name for records whose leader/09 is blank but whose bytes are another code page.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.control = "latin-1" if mode == "marc-8" else mode
        self.fallback_tags: set[str] = set()  # not UTF-8 though the record says so
        self.unknown_tags: set[str] = set()  # not MARC-8 though the record says so
        self.cleaned_tags: set[str] = set()  # characters XML cannot carry were dropped

    def value(self, raw: bytes, tag: str) -> str:
        if self.mode == "utf-8":
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.fallback_tags.add(tag)
                text = _marc8(raw) if not marc8_problems(raw) else raw.decode("utf-8", "replace")
        elif self.mode == "marc-8":
            if marc8_problems(raw):
                self.unknown_tags.add(tag)
            text = _marc8(raw)
        else:
            text = raw.decode(self.mode, "replace")
        return self.clean(text, tag)

    def control_value(self, raw: bytes, tag: str) -> str:
        try:
            text = raw.decode(self.control)
        except UnicodeDecodeError:
            self.fallback_tags.add(tag)
            text = raw.decode("latin-1")
        return self.clean(text, tag)

    def clean(self, text: str, tag: str) -> str:
        if NOT_XML.search(text):
            self.cleaned_tags.add(tag)
            text = NOT_XML.sub("", text)
        return text

    def warnings(self) -> list[str]:
        found = []
        if self.fallback_tags:
            reason = _(
                "Ruas {tags} bukan UTF-8; dibaca sebagai MARC-8 atau dengan karakter pengganti."
            )
            found.append(reason.format(tags=", ".join(sorted(self.fallback_tags))))
        if self.unknown_tags:
            reason = _(
                "Ruas {tags} berisi karakter MARC-8 yang tidak dikenal (diganti spasi). Bila "
                "banyak teks rusak, berkas mungkin memakai pengodean lain (mis. Windows-1251): "
                "pilih pengodean itu saat impor."
            )
            found.append(reason.format(tags=", ".join(sorted(self.unknown_tags))))
        if self.cleaned_tags:
            reason = _("Karakter kendali dibuang dari ruas {tags}.")
            found.append(reason.format(tags=", ".join(sorted(self.cleaned_tags))))
        return found


def _decoder(leader: str, data: bytes, default_encoding: str, warnings: list[str]) -> _Decoder:
    if leader[9] == "a":
        return _Decoder("utf-8")
    wanted = default_encoding.lower().replace("_", "-")
    if wanted not in ("auto", "marc8", "marc-8"):
        return _Decoder(wanted)
    if wanted == "auto" and ESC not in data and not data.isascii() and _is_utf8(data):
        warnings.append(
            str(_("Leader/09 menyatakan MARC-8, tetapi isinya UTF-8; dibaca sebagai UTF-8."))
        )
        return _Decoder("utf-8")
    return _Decoder("marc-8")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _marc8(raw: bytes) -> str:
    try:
        return MARC8ToUnicode(quiet=True).translate(raw)
    except (IndexError, TypeError, KeyError, ValueError):
        return raw.decode("latin-1")


def marc8_problems(raw: bytes) -> int:
    """How many characters of ``raw`` MARC-8 does not define (pymarc would write spaces).

    Follows the escape sequences the way pymarc's converter does: G0 starts as Basic Latin and
    G1 as ANSEL; in the EACC set (0x31) characters are three bytes long.
    """
    g0, g1, pos, problems = 0x42, 0x45, 0, 0
    while pos < len(raw):
        if raw[pos] == 0x1B:
            g0, g1, pos = _escape(raw, pos, g0, g1)
            continue
        if g0 == 0x31:
            if (
                pos + 3 > len(raw)
                or int.from_bytes(raw[pos : pos + 3], "big") not in CODESETS[0x31]
            ):
                problems += 1
            pos += 3
            continue
        byte = raw[pos]
        pos += 1
        if byte <= 0x20 or 0x80 < byte < 0xA0:  # controls are dropped, space is in every set
            continue
        charset = CODESETS.get(g1 if byte > 0x80 else g0, {})
        if byte not in charset and byte not in marc8_mapping.ODD_MAP:
            problems += 1
    return problems


def _escape(raw: bytes, pos: int, g0: int, g1: int) -> tuple[int, int, int]:
    """The character sets and position after the escape sequence at ``pos``."""
    intermediate = raw[pos + 1 : pos + 2]
    if intermediate in (b"(", b",", b"$"):
        step = 1 if raw[pos + 2 : pos + 3] == b"," and intermediate == b"$" else 0
        final = raw[pos + 2 + step : pos + 3 + step]
        return (final[0] if final else g0), g1, pos + 3 + step
    if intermediate in (b")", b"-"):
        final = raw[pos + 2 : pos + 3]
        return g0, (final[0] if final else g1), pos + 3
    if intermediate == b"s":
        return 0x42, g1, pos + 2
    if intermediate and intermediate[0] in CODESETS:
        return intermediate[0], g1, pos + 2
    return g0, g1, pos + 1


def _field(tag: str, piece: bytes, decoder: _Decoder, warnings: list[str]) -> pymarc.Field:
    content = piece[:-1] if piece.endswith(bytes([FIELD_END])) else piece
    if tag < "010" and tag.isdigit():
        return pymarc.Field(tag=tag, data=decoder.control_value(content, tag))
    head, *parts = content.split(SUBFIELD)
    subfields = []
    for part in parts:
        if part:
            code, value = _subfield_code(part, tag, warnings)
            subfields.append(pymarc.Subfield(code=code, value=decoder.value(value, tag)))
    return pymarc.Field(tag=tag, indicators=_indicators(head, tag, warnings), subfields=subfields)


def _indicators(head: bytes, tag: str, warnings: list[str]) -> pymarc.Indicators:
    text = head.decode("ascii", "replace")
    if len(text) != 2 or not text.isprintable() or not text.isascii():
        reason = _("Indikator ruas {tag} tidak lengkap atau rusak; diganti spasi.")
        warnings.append(str(reason).format(tag=tag))
        text = "".join(c if c.isascii() and c.isprintable() else " " for c in text[:2]).ljust(2)
    return pymarc.Indicators(text[0], text[1])


def _subfield_code(part: bytes, tag: str, warnings: list[str]) -> tuple[str, bytes]:
    if part[0] < 0x80 and chr(part[0]).isprintable():
        return chr(part[0]), part[1:]
    reason = _("Kode subruas yang rusak di ruas {tag} diganti.")
    warnings.append(str(reason).format(tag=tag))
    first, skip = _first_character(part)
    code = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode()[:1]
    if code.isalnum():
        return code, part[skip:]
    rest = part[skip:]
    if rest[:1].isalnum():  # junk before the real code, as in "\x1f\ufffdb"
        return rest[:1].decode(), rest[1:]
    return "?", rest


def _first_character(part: bytes) -> tuple[str, int]:
    for size in range(1, 5):
        try:
            return part[:size].decode("utf-8"), size
        except UnicodeDecodeError:
            continue
    return part[:1].decode("latin-1"), 1
