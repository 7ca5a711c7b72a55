"""Citations of a record: RIS, BibTeX and schema.org JSON-LD (pure functions)."""

from __future__ import annotations

import json
import re
from typing import Any

from simpul.catalog.models import Record

RIS_TYPES = {"book": "BOOK", "serial": "JOUR", "map": "MAP", "sound": "SOUND", "video": "VIDEO",
             "computer": "COMP", "music": "MUSIC", "visual": "ART"}  # fmt: skip
SCHEMA_TYPES = {"book": "Book", "serial": "Periodical", "map": "Map", "sound": "MusicRecording",
                "video": "Movie", "computer": "SoftwareApplication", "music": "MusicComposition",
                "visual": "VisualArtwork"}  # fmt: skip


def ris(record: Record, url: str) -> str:
    lines = [f"TY  - {RIS_TYPES.get(record.material_type, 'GEN')}", f"TI  - {_title(record)}"]
    lines += [f"AU  - {author}" for author in record.authors]
    if record.year:
        lines.append(f"PY  - {record.year}")
    optional = (
        ("PB", record.publisher), ("CY", record.place), ("ET", record.edition),
        ("LA", record.language), ("AB", record.summary), ("CN", record.ddc),
    )  # fmt: skip
    for tag, value in optional:
        if value:
            lines.append(f"{tag}  - {_one_line(value)}")
    lines += [f"SN  - {isbn}" for isbn in record.isbns]
    lines += [f"KW  - {subject}" for subject in record.subjects]
    lines += [f"UR  - {url}", "ER  - ", ""]
    return "\r\n".join(lines)


def bibtex(record: Record, url: str) -> str:
    fields = {
        "title": _title(record),
        "author": " and ".join(record.authors),
        "year": str(record.year or ""),
        "publisher": record.publisher,
        "address": record.place,
        "edition": record.edition,
        "isbn": record.isbns[0] if record.isbns else "",
        "language": record.language,
        "url": url,
    }
    kind = "book" if record.material_type == "book" else "misc"
    body = ",\n".join(
        f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields.items() if value
    )
    return f"@{kind}{{{citation_key(record)},\n{body}\n}}\n"


def citation_key(record: Record) -> str:
    """``surnameYEARsimpulID``: "Toer, Pramoedya Ananta" and "Andrea Hirata" give toer, hirata."""
    name = record.main_author
    surname = name.split(",")[0] if "," in name else (name.split() or ["anon"])[-1]
    letters = re.sub(r"[^A-Za-z]", "", surname)[:20].lower() or "anon"
    return f"{letters}{record.year or ''}simpul{record.pk}"


def json_ld(record: Record, url: str, holdings: list[tuple[str, int]]) -> str:
    """schema.org description; ``holdings`` are (library name, available copies)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(record.material_type, "CreativeWork"),
        "@id": url,
        "url": url,
        "name": _title(record),
        "author": [{"@type": "Person", "name": name} for name in record.authors],
    }
    optional = {
        "isbn": record.isbns[0] if record.isbns else "",
        "datePublished": str(record.year or ""),
        "inLanguage": record.language,
        "bookEdition": record.edition,
        "description": record.summary,
        "about": record.subjects,
        "publisher": {"@type": "Organization", "name": record.publisher}
        if record.publisher
        else "",
    }
    data.update({key: value for key, value in optional.items() if value})
    if holdings:
        data["offers"] = [
            {
                "@type": "Offer",
                "price": "0",
                "priceCurrency": "IDR",
                "availability": "https://schema.org/InStock"
                if available
                else "https://schema.org/OutOfStock",
                "offeredBy": {"@type": "Library", "name": name},
            }
            for name, available in holdings
        ]
    # Safe inside <script>: no "</" can close the element early.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _title(record: Record) -> str:
    return f"{record.title}: {record.subtitle}" if record.subtitle else record.title


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _bibtex_escape(value: str) -> str:
    return _one_line(value).replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
