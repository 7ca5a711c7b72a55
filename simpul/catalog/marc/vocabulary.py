"""Words people write in catalogue spreadsheets, and the codes Simpul stores for them.

Each table is a dict literal keyed by the lower-cased word; add a word where it is missing.
"""

from __future__ import annotations

# Language names and ISO 639-1 codes -> MARC language codes (008/35-37, 041).
LANGUAGES = {
    "id": "ind", "in": "ind", "ind": "ind", "indonesia": "ind", "bahasa indonesia": "ind",
    "indonesian": "ind",
    "en": "eng", "eng": "eng", "english": "eng", "inggris": "eng", "bahasa inggris": "eng",
    "jv": "jav", "jawa": "jav", "bahasa jawa": "jav", "javanese": "jav",
    "su": "sun", "sunda": "sun", "bahasa sunda": "sun", "sundanese": "sun",
    "ms": "may", "melayu": "may", "malay": "may", "bahasa melayu": "may",
    "ar": "ara", "arab": "ara", "arabic": "ara", "bahasa arab": "ara",
    "zh": "chi", "mandarin": "chi", "cina": "chi", "tionghoa": "chi", "chinese": "chi",
    "ja": "jpn", "jepang": "jpn", "japanese": "jpn",
    "nl": "dut", "belanda": "dut", "dutch": "dut",
    "de": "ger", "jerman": "ger", "german": "ger",
    "fr": "fre", "prancis": "fre", "perancis": "fre", "french": "fre",
    "ko": "kor", "korea": "kor", "korean": "kor",
    "lampung": "mis", "bahasa lampung": "mis",
}  # fmt: skip

# Material type words (Simpul's own, SLiMS GMD, INLISLite "JENIS BAHAN") -> our material type.
MATERIALS = {
    "book": "book", "buku": "book", "text": "book", "teks": "book", "monograf": "book",
    "monograph": "book", "manuscript": "book", "naskah": "book", "e-book": "book",
    "serial": "serial", "terbitan berkala": "serial", "majalah": "serial", "jurnal": "serial",
    "surat kabar": "serial", "koran": "serial",
    "map": "map", "peta": "map", "cartographic material": "map", "globe": "map",
    "music": "music", "partitur": "music", "partitur musik": "music", "musik": "music",
    "sound": "sound", "sound recording": "sound", "rekaman suara": "sound", "audio": "sound",
    "video": "video", "video recording": "video", "film": "video", "motion picture": "video",
    "dvd": "video", "rekaman video": "video",
    "visual": "visual", "picture": "visual", "gambar": "visual", "bahan grafis": "visual",
    "chart": "visual", "realia": "visual", "model": "visual", "slide": "visual",
    "computer": "computer", "computer file": "computer", "computer software": "computer",
    "berkas elektronik": "computer", "electronic resource": "computer", "cd-rom": "computer",
    "mixed": "mixed", "kit": "mixed", "multimedia": "mixed", "bahan campuran": "mixed",
    "archive": "archive", "arsip": "archive",
}  # fmt: skip

# Our material type -> leader/06, /07 and, for archives, /08 (archival control).
MATERIAL_LEADERS = {
    "book": "am", "serial": "as", "map": "em", "music": "cm", "sound": "jm", "video": "gm",
    "visual": "km", "computer": "mm", "mixed": "om", "archive": "pca",
}  # fmt: skip

# How a copy was acquired (SLiMS, INLISLite "JENIS SUMBER") -> choices.Acquisition.
ACQUISITIONS = {
    "purchase": "purchase", "pembelian": "purchase", "beli": "purchase", "pengadaan": "purchase",
    "donation": "donation", "gift": "donation", "hadiah": "donation", "hibah": "donation",
    "hadiah/hibah": "donation", "sumbangan": "donation", "donasi": "donation",
    "exchange": "exchange", "tukar": "exchange", "tukar-menukar": "exchange",
    "tukar menukar": "exchange",
    "partner_deposit": "partner_deposit", "titipan": "partner_deposit",
}  # fmt: skip

# A copy's state as written in a spreadsheet -> HoldingData.status_hint ("" = usable).
STATUSES = {
    "tersedia": "", "available": "", "ada": "", "dipinjam": "", "on loan": "",
    "dalam pengolahan": "", "baik": "",
    "lost": "lost", "hilang": "lost",
    "damaged": "damaged", "rusak": "damaged",
    "withdrawn": "withdrawn", "ditarik": "withdrawn", "dihapus": "withdrawn",
    "disiangi": "withdrawn",
}  # fmt: skip
