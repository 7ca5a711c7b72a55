"""Reading catalogue files (MARC21, MARCXML, CSV) record by record, never stopping at a bad one.

``read_records`` yields one ReadResult per record, in file order: a pymarc record, or the reason
it could not be read together with where it is (record number, byte offset or line). Good
records after a broken one still come through; only not-well-formed XML ends a file early.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Literal

import pymarc
from django.utils.translation import gettext_lazy as _
from lxml import etree

from simpul.catalog.marc import csvformat, iso2709
from simpul.catalog.marc.errors import UnknownFormat
from simpul.catalog.marc.mapping import MarcView

Format = Literal["marc", "marcxml", "csv"]
FORMATS = ("auto", "marc", "marcxml", "csv")
HEAD_SIZE = 8192
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class ReadResult:
    """One record of a file, or why it could not be read and where it is."""

    position: int  # 1-based record number in the file
    record: pymarc.Record | None
    error: str = ""  # translated, human message; empty when ok
    offset: int | None = None  # byte offset of the record start (binary MARC)
    line: int | None = None  # line number (CSV rows, MARCXML record start line)
    warnings: tuple[str, ...] = ()
    # With ``clean=True``, a clean UTF-8 binary record comes as these two instead of ``record``.
    marc: dict[str, Any] | None = None
    view: MarcView | None = None

    @property
    def ok(self) -> bool:
        return self.record is not None or self.marc is not None


def detect_format(head: bytes) -> Format:
    """The format of a file from its first bytes; raises UnknownFormat when it is none of ours.

    A UTF-8 byte-order mark and leading whitespace are ignored. "marc" needs a leader-shaped
    start (record length and base address as digits), "marcxml" an XML start, and "csv" a first
    line with a comma, semicolon or tab, or a single known column name.
    """
    text = head[len(BOM) :] if head.startswith(BOM) else head
    text = text.lstrip(b" \t\r\n\x00")
    if not text:
        raise UnknownFormat(detail=_("berkas kosong"))
    if text.startswith(b"<"):
        return "marcxml"
    if iso2709.LEADER.match(text) or (text[:5].isdigit() and b"\x1e" in text[:HEAD_SIZE]):
        return "marc"
    if csvformat.looks_like_csv(text):
        return "csv"
    raise UnknownFormat(detail=_("awal berkas tidak dikenali"))


def read_records(
    stream: BinaryIO,
    fmt: str = "auto",
    *,
    default_encoding: str = "auto",
    clean: bool = False,
    only: Callable[[int], bool] | None = None,
) -> Iterator[ReadResult]:
    """Every record of ``stream`` as a ReadResult, in file order.

    ``fmt`` is "auto", "marc", "marcxml" or "csv"; ``default_encoding`` is the character set of
    binary records whose leader/09 is blank ("auto" = MARC-8, or UTF-8 when the bytes are UTF-8;
    or a codec name such as "cp1251"). An empty file yields nothing. Raises UnknownFormat for an
    unknown ``fmt`` or, with "auto", a file that is none of the formats, and LookupError for an
    unknown codec; every other problem is a ReadResult with ``error`` set, and the reader goes
    on with the next record. With ``clean``, binary records that need no repair skip pymarc:
    they come as ``marc`` (MARC-in-JSON) and ``view`` with ``record`` None (the importer's
    fast path); check ``ok`` rather than ``record`` then. ``only`` keeps the records whose
    position it accepts; binary records it rejects are cut from the stream but not decoded
    (several processes can share one file that way).
    """
    if fmt not in FORMATS:
        raise UnknownFormat(detail=fmt)
    if default_encoding.lower() not in ("auto", "marc8", "marc-8"):
        codecs.lookup(default_encoding)
    head = stream.read(HEAD_SIZE)
    if not head.lstrip(BOM + b" \t\r\n\x00"):
        return
    kind = detect_format(head) if fmt == "auto" else fmt
    skipped = len(BOM) if kind == "marc" and head.startswith(BOM) else 0
    source = io.BufferedReader(_Prefixed(head[skipped:], stream), buffer_size=1 << 16)
    if kind == "marc":
        yield from _read_iso2709(source, default_encoding, skipped, clean, only)
        return
    results = (
        _read_marcxml(source)
        if kind == "marcxml"
        else (
            ReadResult(row.position, row.record, row.error, None, row.line, row.warnings)
            for row in csvformat.read_csv(source)
        )
    )
    for result in results:
        if only is None or only(result.position):
            yield result


class _Prefixed(io.RawIOBase):
    """The bytes already read for detection, then the rest of the stream."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self.head = head
        self.stream = stream

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            data, self.head = self.head + self.stream.read(), b""
            return data
        if self.head:
            data, self.head = self.head[:size], self.head[size:]
            return data
        return self.stream.read(size)

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_iso2709(
    stream: BinaryIO,
    default_encoding: str,
    skipped: int,
    clean: bool = False,
    only: Callable[[int], bool] | None = None,
) -> Iterator[ReadResult]:
    for position, chunk in enumerate(iso2709.split_records(stream, only), start=1):
        if chunk is iso2709.SKIPPED or (only is not None and not only(position)):
            continue
        offset = chunk.offset + skipped
        if chunk.problem:
            yield ReadResult(position, None, chunk.problem, offset)
            continue
        warnings = [chunk.warning] if chunk.warning else []
        if clean and (fast := iso2709.decode_clean(chunk.data)) is not None:
            marc, view = fast
            yield ReadResult(position, None, "", offset, None, tuple(warnings), marc, view)
            continue
        try:
            record, found = iso2709.decode_record(chunk.data, default_encoding)
        except iso2709.BrokenRecord as error:
            yield ReadResult(position, None, str(error), offset, None, tuple(warnings))
        except Exception as error:  # a record we did not foresee must not end the import
            reason = _("Rekaman rusak dan tidak terbaca ({detail}).").format(
                detail=type(error).__name__
            )
            yield ReadResult(position, None, str(reason), offset, None, tuple(warnings))
        else:
            yield ReadResult(position, record, "", offset, None, tuple(warnings + found))


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _read_marcxml(stream: BinaryIO) -> Iterator[ReadResult]:
    events = etree.iterparse(
        stream,
        events=("end",),
        tag="{*}record",
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    position = 0
    try:
        for _event, element in events:
            line = element.sourceline  # where the start tag is
            if not any(_local(child.tag) in MARC_CHILDREN for child in element):
                continue
            position += 1
            yield _xml_result(element, position, line)
            _forget(element)
    except etree.XMLSyntaxError as error:
        line = error.lineno or None
        reason = _("XML tidak sah di baris {line}: {detail}. Rekaman sesudahnya tidak dibaca.")
        yield ReadResult(
            position + 1, None, str(reason).format(line=line, detail=error.msg), None, line
        )


MARC_CHILDREN = {"leader", "controlfield", "datafield"}


def _forget(element: etree._Element) -> None:
    """Free a processed record and what came before it, so big files stream in little memory."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


class _XmlProblem(ValueError):
    pass


def _xml_result(element: etree._Element, position: int, line: int | None) -> ReadResult:
    warnings: list[str] = []
    try:
        record = _xml_record(element, warnings)
    except _XmlProblem as problem:
        return ReadResult(position, None, str(problem), None, line, tuple(warnings))
    except Exception as error:  # a record we did not foresee must not end the import
        reason = _("Rekaman rusak dan tidak terbaca ({detail}).").format(
            detail=type(error).__name__
        )
        return ReadResult(position, None, str(reason), None, line, tuple(warnings))
    return ReadResult(position, record, "", None, line, tuple(dict.fromkeys(warnings)))


def _xml_record(element: etree._Element, warnings: list[str]) -> pymarc.Record:
    record = pymarc.Record()
    leaders = [child for child in element if _local(child.tag) == "leader"]
    if not leaders:
        raise _XmlProblem(str(_("Rekaman MARCXML tidak punya leader.")))
    leader = _text(leaders[0])
    if len(leader) != 24:
        reason = _("Leader harus 24 karakter, yang tertulis {count}: '{leader}'.")
        raise _XmlProblem(str(reason).format(count=len(leader), leader=leader))
    record.leader = pymarc.Leader(leader)
    for child in element:
        name = _local(child.tag)
        if name == "controlfield":
            record.fields.append(pymarc.Field(tag=_tag(child, warnings), data=_text(child)))
        elif name == "datafield":
            record.fields.append(_xml_datafield(child, warnings))
        elif name != "leader":
            _unknown(child, warnings)
    return record


def _xml_datafield(element: etree._Element, warnings: list[str]) -> pymarc.Field:
    tag = _tag(element, warnings)
    subfields = []
    for child in element:
        if _local(child.tag) != "subfield":
            _unknown(child, warnings)
            continue
        code = child.get("code")
        if not code:
            reason = _("Subruas tanpa kode di ruas {tag} (baris {line}).")
            raise _XmlProblem(str(reason).format(tag=tag, line=child.sourceline))
        subfields.append(pymarc.Subfield(code=code[0], value=_text(child)))
    indicators = [(element.get(name) or " ")[:1] for name in ("ind1", "ind2")]
    return pymarc.Field(tag=tag, indicators=pymarc.Indicators(*indicators), subfields=subfields)


def _tag(element: etree._Element, warnings: list[str]) -> str:
    tag = (element.get("tag") or "").strip()
    if not tag:
        reason = _("Ruas tanpa atribut tag (baris {line}).")
        raise _XmlProblem(str(reason).format(line=element.sourceline))
    if len(tag) < 3 and tag.isdigit():
        reason = _("Tag '{tag}' dibaca sebagai '{fixed}'.")
        warnings.append(str(reason).format(tag=tag, fixed=tag.zfill(3)))
        return tag.zfill(3)
    if len(tag) != 3:
        reason = _("Tag '{tag}' tidak tiga karakter (baris {line}).")
        raise _XmlProblem(str(reason).format(tag=tag, line=element.sourceline))
    return tag


def _text(element: etree._Element) -> str:
    return iso2709.NOT_XML.sub("", element.text or "")


def _unknown(element: etree._Element, warnings: list[str]) -> None:
    if isinstance(element.tag, str):
        reason = _("Elemen <{name}> tidak dikenal diabaikan (baris {line}).")
        warnings.append(str(reason).format(name=_local(element.tag), line=element.sourceline))
