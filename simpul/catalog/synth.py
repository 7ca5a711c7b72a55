"""A synthetic union catalog for benchmarks: `manage.py simpul_synth --records N`.

Titles mix Indonesian and English words drawn with a Zipf distribution (a few words are very
common, most are rare, as in real titles); authors, subjects, publishers, years and languages
are drawn from realistic lists; each record gets 1-3 items spread over the network's libraries.
Records are written set-based (bulk inserts of complete MARC-in-JSON), marked with 003 = SYNTH.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item, Record
from simpul.libraries.models import Library

ID_WORDS = (
    "buku sejarah indonesia pendidikan anak cerita rakyat lampung metro bahasa sastra novel puisi "
    "pengantar ilmu dasar kumpulan panduan praktis belajar membaca menulis kisah perjalanan budaya "
    "masyarakat desa kota pertanian kopi lada ekonomi politik hukum agama islam kesehatan gizi "
    "keluarga ibu guru sekolah matematika fisika kimia biologi geografi teknologi komputer digital "
    "internet literasi perpustakaan informasi manajemen usaha kecil koperasi pemerintahan daerah "
    "transmigrasi kolonisasi sumatra jawa laut hutan gajah way kambas lingkungan hidup air "
    "sungai "
    "pangan resep masakan nusantara tari musik seni rupa kerajinan tapis adat istiadat pepatah "
    "dongeng kancil legenda pahlawan kemerdekaan republik reformasi demokrasi pemuda olahraga "
    "sepak "
    "bola bulu tangkis filsafat psikologi komunikasi jurnalistik media sosial statistik penelitian "
    "metode kualitatif kuantitatif skripsi tesis kamus ensiklopedia atlas peta"
).split()
EN_WORDS = (
    "history introduction guide world people science study essays stories life modern new "
    "library information education children reading writing language culture society economics "
    "politics law religion health family mathematics physics chemistry biology computer digital "
    "data management business development environment water food art music theatre travel war "
    "peace nation asia southeast indonesia java sumatra island sea forest climate energy research "
    "methods handbook dictionary encyclopedia collected works poems novel tales legends"
).split()
FIRST = (
    "Andi Budi Citra Dewi Eko Fitri Gilang Hana Indra Joko Kartika Lestari Made Nur Putri "
    "Rudi Sari Tono Wulan Yusuf Agus Bambang Sri Siti Ahmad Maria John Anne David Sarah".split()
)
LAST = (
    "Saputra Santoso Wijaya Lestari Pratama Hidayat Nugroho Kusuma Siregar Harahap Nasution "
    "Simanjuntak Sihombing Tanjung Wibowo Setiawan Gunawan Rahman Smith Brown Taylor".split()
)
PUBLISHERS = [
    "Gramedia Pustaka Utama",
    "Balai Pustaka",
    "Erlangga",
    "Mizan",
    "Bentang Pustaka",
    "Kompas",
    "Pustaka Jaya",
    "Andi",
    "Rajawali Pers",
    "Kanisius",
    "Penguin",
    "Oxford University Press",
    "Routledge",
    "Universitas Lampung Press",
]
PLACES = ["Jakarta", "Bandung", "Yogyakarta", "Bandar Lampung", "Surabaya", "London", "New York"]
SUBJECTS = [
    "Novel Indonesia",
    "Sejarah -- Indonesia",
    "Pendidikan anak",
    "Lampung -- Sejarah",
    "Cerita rakyat -- Lampung",
    "Pertanian -- Indonesia",
    "Ilmu komputer",
    "Matematika",
    "Literasi informasi",
    "Perpustakaan umum",
    "Ekonomi -- Indonesia",
    "Kesehatan",
    "Bahasa Indonesia -- Tata bahasa",
    "Puisi Indonesia",
    "Islam",
    "Kuliner -- Indonesia",
    "Lingkungan hidup",
    "Transmigrasi -- Lampung",
    "History -- Indonesia",
    "Children's stories",
    "Economics",
    "Computer science",
    "English language",
]
LANGUAGE_SHARES = [("ind", 70), ("eng", 25), ("jav", 3), ("ara", 2)]


def zipf_picker(words: list[str], rng: random.Random, s: float = 1.1) -> Callable[[], str]:
    weights = [1 / (rank**s) for rank in range(1, len(words) + 1)]
    cumulative = list(accumulate(weights))
    return lambda: rng.choices(words, cum_weights=cumulative)[0]


def synth(
    count: int,
    *,
    seed: int = 2026,
    batch: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Create ``count`` synthetic records with items; returns the number created.

    Rows go in with plain parameterised INSERTs (executemany) and explicit ids: this is a
    data generator for benchmarks, where the ORM's per-field work would dominate.
    """
    rng = random.Random(seed)
    libraries = list(Library.objects.filter(is_active=True).values_list("pk", flat=True))
    if not libraries:
        raise ValueError("no libraries: run simpul_demo first")
    id_word, en_word = zipf_picker(ID_WORDS, rng), zipf_picker(EN_WORDS, rng)
    languages, language_weights = zip(*LANGUAGE_SHARES, strict=True)
    start = Record.objects.filter(control_source="SYNTH").count()
    next_record = (Record.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    next_item = (Item.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    made = 0
    while made < count:
        size = min(batch, count - made)
        records, items = [], []
        for n in range(start + made, start + made + size):
            language = rng.choices(languages, weights=language_weights)[0]
            pick = en_word if language == "eng" else id_word
            title = " ".join(pick() for _ in range(rng.randint(2, 6))).capitalize()
            records.append(_record_row(next_record, n, title, language, rng))
            for copy in range(rng.choice([1, 1, 2, 3])):
                status = ItemStatus.ON_LOAN if rng.random() < 0.2 else ItemStatus.AVAILABLE
                items.append(
                    (next_item, next_record, rng.choice(libraries), f"S{n:09d}-{copy}", status)
                )
                next_item += 1
            next_record += 1
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(RECORD_INSERT, records)
            cursor.executemany(ITEM_INSERT, [(*row, NOW, NOW) for row in items])
        made += size
        if progress:
            progress(made)
    _bump_sequences()
    return made


NOW = timezone.now()
RECORD_COLUMNS = [
    "id", "marc", "control_number", "control_source", "isbn", "isbns", "fingerprint", "title",
    "subtitle", "title_sort", "authors", "subjects", "series", "notes", "publisher", "place",
    "year", "language", "material_type", "ddc", "edition", "physical", "summary", "cover",
    "created_at", "updated_at",
]  # fmt: skip
RECORD_INSERT = (
    f"INSERT INTO catalog_record ({', '.join(RECORD_COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * len(RECORD_COLUMNS))})"
)
ITEM_INSERT = (
    "INSERT INTO catalog_item (id, record_id, library_id, barcode, status, location, "
    "call_number, item_type, acquisition, created_at, updated_at) "
    "VALUES (%s, %s, %s, %s, %s, '', '', 'book', '', %s, %s)"
)


def _bump_sequences() -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ("catalog_record", "catalog_item"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )


def _record_row(pk: int, n: int, title: str, language: str, rng: random.Random) -> tuple[Any, ...]:
    record = _record(n, title, language, rng)
    return (
        pk, json.dumps(record.marc), record.control_number, "SYNTH", "", "[]", "", record.title,
        "", record.title_sort, json.dumps(record.authors), json.dumps(record.subjects), "[]", "[]",
        record.publisher, record.place, record.year, record.language, "book", "", "", "", "", "",
        NOW, NOW,
    )  # fmt: skip


def _record(n: int, title: str, language: str, rng: random.Random) -> Record:
    authors = [
        f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.choice([1, 1, 1, 2, 3]))
    ]
    subjects = rng.sample(SUBJECTS, rng.choice([1, 1, 2, 3]))
    year = rng.randint(1950, 2026)
    publisher, place = rng.choice(PUBLISHERS), rng.choice(PLACES)
    control = f"synth{n:09d}"
    fields: list[Any] = [
        {"001": control},
        {"003": "SYNTH"},
        {"008": f"260101s{year}    io            000 0 {language} d"},
        {"100": {"ind1": "1", "ind2": " ", "subfields": [{"a": authors[0]}]}},
        {"245": {"ind1": "1", "ind2": "0", "subfields": [{"a": title}]}},
        {
            "264": {
                "ind1": " ",
                "ind2": "1",
                "subfields": [{"a": place}, {"b": publisher}, {"c": str(year)}],
            }
        },
        *({"650": {"ind1": " ", "ind2": "4", "subfields": [{"a": s}]}} for s in subjects),
        *({"700": {"ind1": "1", "ind2": " ", "subfields": [{"a": a}]}} for a in authors[1:]),
    ]
    return Record(
        marc={"leader": "00000nam a2200000 i 4500", "fields": fields},
        control_number=control,
        control_source="SYNTH",
        title=title[:1000],
        title_sort=title.casefold()[:255],
        authors=authors,
        subjects=subjects,
        publisher=publisher,
        place=place,
        year=year,
        language=language,
        material_type="book",
        created_at=timezone.now(),
    )
