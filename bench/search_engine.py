"""Benchmark of the catalog search engine (simpul/catalog/search) on a synthetic union catalog.

    .venv/bin/python bench/search_engine.py [N] [--threads T] [--heap MB] [--queries Q]
    .venv/bin/python bench/search_engine.py --stemmers

Generates N records (default 1,000,000; Indonesian and English titles from Zipf-distributed
words, authors, subjects, years, languages, 10 libraries, availability), builds an index in a
temporary directory, runs ~200 realistic queries (1-3 words, phrases, field searches,
filters) with and without all six facet groups, and prints a markdown table. ``--stemmers``
instead measures recall and speed of the two Indonesian stemmers on a labelled query set
(docs/decisions/0004-indonesian-stemmer.md).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import os
import platform
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simpul.settings")

from simpul.catalog.search import CatalogIndex, SearchDoc, SearchQuery  # noqa: E402

IND_WORDS = """
sejarah indonesia pendidikan anak buku bahasa budaya ilmu pengetahuan masyarakat hukum ekonomi
agama islam kesehatan teknologi informasi komputer pertanian perikanan lingkungan hidup cerita
rakyat dongeng novel puisi kumpulan panduan praktis dasar pengantar belajar membaca menulis
berhitung matematika fisika kimia biologi geografi sosiologi antropologi politik pemerintahan
daerah kota desa pembangunan pengembangan perkembangan pengelolaan perpustakaan pustaka arsip
dokumentasi sekolah guru siswa mahasiswa universitas kurikulum pembelajaran pengajaran keluarga
perempuan pemuda olahraga sepak bola kesenian musik tari lagu wayang batik kuliner masakan
resep makanan minuman pariwisata wisata alam laut pantai gunung hutan sungai danau pulau jawa
sumatra kalimantan sulawesi papua bali lampung metro jakarta nusantara kemerdekaan perjuangan
pahlawan revolusi kerajaan majapahit sriwijaya kebudayaan tradisi adat istiadat bahasa daerah
kamus tata bahasa sastra kesusastraan penulis pengarang pembaca bacaan tulisan karya ilmiah
penelitian metode analisis data statistik manajemen akuntansi keuangan perbankan koperasi usaha
kecil menengah kewirausahaan pemasaran bisnis digital internet jaringan program pemrograman
aplikasi sistem perangkat lunak keras elektronika listrik mesin otomotif bangunan konstruksi
arsitektur seni rupa lukisan fotografi film drama teater komik majalah surat kabar berita
jurnalistik komunikasi media sosial psikologi perilaku kepribadian motivasi kepemimpinan
organisasi administrasi negara kebijakan publik pelayanan kesejahteraan kemiskinan pangan gizi
ibu bayi kehamilan penyakit pengobatan obat tradisional tanaman hewan peternakan ikan air bersih
sanitasi energi terbarukan perubahan iklim bencana gempa banjir mitigasi keselamatan kerja
pertama kedua baru lama modern klasik lengkap edisi jilid bagian awal akhir masa depan kini
"""
ENG_WORDS = """
history world introduction guide practical handbook basic advanced principles theory practice
science technology computer programming software engineering data analysis statistics
mathematics physics chemistry biology medicine health nursing education teaching learning
children young reader readers reading writing library libraries information management
business economics finance accounting marketing law politics government public policy social
society culture religion philosophy psychology art music film design architecture language
english grammar dictionary literature novel stories poems poetry collected essays life war
peace love family women people city country nature environment climate change energy water
food cooking recipes travel asia southeast indonesia java island ocean sea mountain forest
running walking sports football games new modern classic complete edition volume second
first last future past present digital network internet systems development growth research
methods studies survey report journal review annual national international global local
"""
FIRST_NAMES = """
Ahmad Budi Siti Dewi Agus Rina Hendra Sari Andi Putri Joko Wati Bambang Sri Yusuf Nur Eko Dian
Rudi Lestari Pramoedya Ananta Chairil Tere Andrea Dee Habiburrahman Ayu Sapardi Taufiq Goenawan
Mochtar Ahmad Leila Laksmi Okky Eka Seno Umar Asma Ratih Indah Fajar Rizki Arief Hasan Ismail
John Mary James Patricia Robert Jennifer Michael Linda William Elizabeth David Susan Richard
"""
LAST_NAMES = """
Toer Anwar Liye Hirata Lestari Shihab Djoko Damono Ismail Mohamad Lubis Chudori Pamuncak Madasari
Kurniawan Ajidarma Kayam Nadia Kumala Sumarno Wibowo Santoso Hidayat Saputra Pratama Nugroho
Setiawan Siregar Nasution Harahap Simanjuntak Sitompul Hutapea Tanjung Rahman Hakim Putra Wijaya
Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Lee
"""
PUBLISHERS = """Gramedia Pustaka Utama|Balai Pustaka|Mizan|Bentang Pustaka|Erlangga|Penerbit
Andi|Kompas|Pustaka Jaya|Rajawali Pers|Kencana|Yudhistira|Oxford University Press|Penguin
Books|Routledge|Springer|Pearson|Wiley|Cambridge University Press|Deepublish|Republika""".replace(
    "\n", " "
).split("|")
LIBRARIES = [
    "KOTA",
    "SMAN1",
    "SMAN2",
    "SMAN3",
    "SMPN1",
    "SMPN4",
    "SDN2",
    "UNMET",
    "KEC-TIMUR",
    "DESA",
]
MATERIALS = [("book", 80), ("serial", 7), ("ebook", 5), ("dvd", 3), ("audio", 2), ("map", 1),
             ("thesis", 2)]  # fmt: skip
TYPOS = ["sejarh", "pendidkan", "perpustakan", "teknolgi", "matematka", "kebudayan", "histroy",
         "libary", "computr", "managment"]  # fmt: skip
FUNCTION_WORDS = {
    "ind": ["dan", "di", "untuk", "dalam", "dari", "yang", "ke", "pada"],
    "eng": ["the", "of", "and", "in", "a", "to", "for", "on"],
}
LANGUAGES = [("ind", 68), ("eng", 25), ("jav", 3), ("may", 2), ("ara", 2)]


class Zipf:
    """Draws items with probability proportional to 1 / rank**s (ranks start after ``skip``)."""

    def __init__(self, items: list[str], rng: random.Random, s: float, skip: int = 0) -> None:
        self.items = items
        self.rng = rng
        weights = [1 / (rank**s) for rank in range(1 + skip, len(items) + 1 + skip)]
        self.cumulative = list(itertools.accumulate(weights))

    def __call__(self) -> str:
        point = self.rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_left(self.cumulative, point)]


def pseudo_words(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Pronounceable made-up words, the long tail of a real vocabulary."""
    syllables = [c + v for c in "bcdgjklmnprstw" for v in "aiueo"] + ["ng", "an", "ar", "in"]
    words: list[str] = []
    while len(words) < count:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


def weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


class Catalog:
    """A reproducible synthetic union catalog.

    Titles draw words the way real titles do: function words ("dan", "the") take the top
    ranks of a Zipf law, then the embedded content words, then a long tail of generated words,
    so a catalog of a million records has a vocabulary in the tens of thousands and its most
    common content words are in several percent of the records. Queries draw content words
    from the same law, so they favour the common (broad, expensive) words.
    """

    def __init__(self, seed: int = 7) -> None:
        self.rng = rng = random.Random(seed)
        self.content = {}
        self.words = {}
        for language, words, tail in (("ind", IND_WORDS, 30_000), ("eng", ENG_WORDS, 15_000)):
            content = words.split()
            rng.shuffle(content)
            content += pseudo_words(rng, tail, set(content))
            self.content[language] = Zipf(content, rng, 1.0, skip=len(FUNCTION_WORDS[language]))
            self.words[language] = Zipf(FUNCTION_WORDS[language] + content, rng, 1.0)
        firsts = FIRST_NAMES.split()
        lasts = LAST_NAMES.split() + [w.capitalize() for w in pseudo_words(rng, 3000, set())]
        self.authors = Zipf([f"{f} {la}" for la in lasts for f in firsts], rng, 0.8)
        topics = [w.capitalize() for w in self.words["ind"].items[8:608]]
        topics += [w.capitalize() for w in self.words["eng"].items[8:208]]
        places = ["Indonesia", "Lampung", "Metro", "Jawa", "Asia Tenggara", "Dunia"]
        headings = [f"{t} -- {p}" for t in topics for p in places] + topics
        rng.shuffle(headings)
        self.subjects = Zipf(headings, rng, 0.9)
        self.publishers = Zipf(PUBLISHERS, rng, 0.9)

    def title(self, language: str, words: int) -> str:
        draw = self.words["eng" if language == "eng" else "ind"]
        return " ".join(draw() for _ in range(words)).capitalize()

    def doc(self, record_id: int) -> SearchDoc:
        rng = self.rng
        language = weighted(rng, LANGUAGES)
        holdings = rng.sample(LIBRARIES, k=min(10, 1 + int(rng.expovariate(0.8))))
        year = max(1945, min(2025, int(rng.gauss(2008, 12))))
        doc = SearchDoc(
            record_id=record_id,
            title=self.title(language, rng.randint(2, 6)),
            subtitle=self.title(language, rng.randint(2, 5)) if rng.random() < 0.3 else "",
            authors=[self.authors() for _ in range(1 + int(rng.random() < 0.3))],
            subjects=list({self.subjects() for _ in range(rng.randint(1, 3))}),
            isbns=[f"978{rng.randrange(10**10):010d}"] if rng.random() < 0.7 else [],
            publisher=self.publishers(),
            series=[self.title(language, 2)] if rng.random() < 0.1 else [],
            notes=[self.title(language, 6)] if rng.random() < 0.2 else [],
            summary=self.title(language, rng.randint(10, 30)) if rng.random() < 0.3 else "",
            language=language,
            year=year,
            material_type=weighted(rng, MATERIALS),
            libraries=holdings,
            available_libraries=[code for code in holdings if rng.random() < 0.7],
            added=1_500_000_000 + rng.randrange(250_000_000),
        )
        doc.title_sort = doc.title
        return doc

    def queries(self, count: int) -> list[SearchQuery]:
        """Queries like a catalog's log: mostly words of records that exist, some broad topics.

        Call on a fresh ``Catalog``: its first records are the index's first records.
        """
        rng = self.rng
        known = [self.doc(record_id) for record_id in range(1, count + 1)]
        queries = []
        for i, doc in enumerate(known):
            words = doc.title.lower().split()
            function_words = FUNCTION_WORDS["ind"] + FUNCTION_WORDS["eng"]
            content = [w for w in words if w not in function_words] or words
            kind = i % 10
            if kind < 4:  # a known item: some of the title's content words, as people recall
                picked = rng.sample(range(len(content)), min(len(content), rng.randint(1, 3)))
                text = " ".join(content[n] for n in sorted(picked))
            elif kind == 4:
                start = rng.randrange(len(words) - 1)
                text = f'"{words[start]} {words[start + 1]}"'
            elif kind == 5:
                text = f"judul:{rng.choice(content)}"
            elif kind == 6:
                author = doc.authors[0]
                text = f'pengarang:"{author}"' if rng.random() < 0.5 else author.split()[-1]
            elif kind == 7 and doc.subjects:
                text = f"subjek:{rng.choice(doc.subjects[0].split(' -- '))}"
            else:  # a topic: one or two common content words
                topic = self.content["eng" if rng.random() < 0.3 else "ind"]
                text = " ".join(topic() for _ in range(rng.randint(1, 2)))
            queries.append(SearchQuery(text=text, filters=self.filters(doc)))
        return queries

    def filters(self, doc: SearchDoc) -> dict[str, list[str]]:
        """Facet choices a reader of ``doc`` might have made: a quarter filter something."""
        rng = self.rng
        filters: dict[str, list[str]] = {}
        if rng.random() < 0.25:
            filters["library"] = [rng.choice(doc.libraries)]
        if rng.random() < 0.15:
            filters["available"] = ["1"]
        if rng.random() < 0.1 and doc.year:
            decade = doc.year - doc.year % 10
            filters["year"] = [f"{decade}-{decade + 9}"]
        if rng.random() < 0.1:
            filters["language"] = [doc.language]
        return filters


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(run: Callable[[], object], repeat: int = 1) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        run()
    return (time.perf_counter() - started) * 1000 / repeat


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(index: CatalogIndex, catalog: Catalog, size: int) -> tuple[float, float]:
    """Seconds spent generating and seconds spent indexing (analysis + tantivy + merges)."""
    generating = indexing = 0.0
    batch = 10_000
    for start in range(0, size, batch):
        t0 = time.perf_counter()
        docs = [
            catalog.doc(record_id) for record_id in range(start + 1, min(size, start + batch) + 1)
        ]
        t1 = time.perf_counter()
        index.add_many(docs)
        indexing += time.perf_counter() - t1
        generating += t1 - t0
    t2 = time.perf_counter()
    index.close()  # commit, wait for merges, release the writer
    indexing += time.perf_counter() - t2
    return generating, indexing


def run_benchmark(
    size: int, threads: int, heap_mb: int, query_count: int, keep: Path | None = None
) -> None:
    directory = keep or Path(tempfile.mkdtemp(prefix="simpul-search-bench-"))
    try:
        index = CatalogIndex(directory, heap_size=heap_mb * 1_000_000, threads=threads)
        generating = indexing = 0.0
        if index.count() != size:  # --keep reuses an index built by an earlier run
            index.clear()
            generating, indexing = build(index, Catalog(), size)
        disk = sum(f.stat().st_size for f in directory.rglob("*") if f.is_file()) / 1e6
        queries = Catalog().queries(query_count)  # a fresh generator: the same queries each run
        for query in queries[:20]:
            index.search(query)  # warm the page cache and the stemmer cache
        plain, faceted, totals = [], [], []
        for query in queries:
            query.facets = False
            plain.append(timed(lambda q=query: index.search(q)))
            query.facets = True
            faceted.append(timed(lambda q=query: index.search(q)))
            totals.append(index.search(query).total)
        typos = [SearchQuery(text=t) for t in TYPOS]
        typo_ms = [timed(lambda q=q: index.search(q)) for q in typos]
        answered = sum(1 for q in typos if index.search(q).total)
        prefixes = ["s", "se", "sej", "pen", "pendidikan a", "pram", "hist", "lib", "bu", "ma"]
        suggest_ms = [timed(lambda p=p: index.suggest(p)) for p in prefixes]
        searcher_segments = index._index.searcher().num_segments
        report(size, threads, heap_mb, generating, indexing, disk, searcher_segments,
               plain, faceted, totals, typo_ms, answered, len(typos), suggest_ms)  # fmt: skip
    finally:
        if keep is None:
            shutil.rmtree(directory, ignore_errors=True)


def report(size: int, threads: int, heap_mb: int, generating: float, indexing: float,
           disk: float, segments: int, plain: list[float], faceted: list[float],
           totals: list[int], typo_ms: list[float], answered: int, typos: int,
           suggest_ms: list[float]) -> None:  # fmt: skip
    cpus = os.cpu_count()
    print(f"\nCommand: `.venv/bin/python bench/search_engine.py {size}`. Machine: "
          f"{platform.machine()}, {cpus} cores, Python {platform.python_version()}, "
          f"writer heap {heap_mb} MB, {threads} indexing thread(s).\n")  # fmt: skip
    print("| measure | value |")
    print("|---|---|")
    print(f"| records | {size:,} |")
    print(f"| build (analysis + indexing + merges) | {indexing:.0f} s |")
    print(f"| generating the synthetic records (not part of build) | {generating:.0f} s |")
    print(f"| index on disk | {disk:.0f} MB in {segments} segments |")
    print(f"| queries | {len(plain)} (median {statistics.median(totals):,.0f} matches, "
          f"max {max(totals):,}) |")  # fmt: skip
    print(
        f"| top 20, p50 / p95 | {percentile(plain, 0.5):.1f} / {percentile(plain, 0.95):.1f} ms |"
    )
    print(f"| top 20 + six facet groups, p50 / p95 | {percentile(faceted, 0.5):.1f} / "
          f"{percentile(faceted, 0.95):.1f} ms |")  # fmt: skip
    print(f"| typo queries answered (fuzzy), p95 | {answered} of {typos}, "
          f"{percentile(typo_ms, 0.95):.1f} ms |")  # fmt: skip
    print(f"| type-ahead, p50 / p95 | {percentile(suggest_ms, 0.5):.1f} / "
          f"{percentile(suggest_ms, 0.95):.1f} ms |")  # fmt: skip
    print(f"| peak RSS | {peak_rss_mb():.0f} MB |")


# The labelled set for choosing the Indonesian stemmer: a query word and the words of records it
# should find (relevant), and words it must not be conflated with (unrelated).
RELEVANT = {
    "membaca": ["baca", "bacaan", "pembaca", "pembacaan", "dibaca"],
    "bacaan": ["baca", "membaca", "pembaca"],
    "menulis": ["tulis", "tulisan", "penulis", "penulisan", "ditulis"],
    "penulis": ["tulis", "menulis", "tulisan"],
    "pengembangan": ["kembang", "berkembang", "perkembangan", "mengembangkan"],
    "pendidikan": ["didik", "pendidik", "terdidik", "mendidik"],
    "perpustakaan": ["pustaka", "kepustakaan"],
    "pustakawan": ["pustakawan"],
    "digital": ["digital"],
    "pemerintahan": ["pemerintah", "perintah"],
    "pengetahuan": ["tahu", "mengetahui", "ketahuan"],
    "kebudayaan": ["budaya", "berbudaya", "membudayakan"],
    "pertanian": ["tani", "petani", "bertani"],
    "permainan": ["main", "bermain", "pemain", "mainan"],
    "memasak": ["masak", "masakan"],
    "pembelajaran": ["belajar", "pelajaran", "pelajar", "mengajar", "ajar"],
    "kesehatan": ["sehat", "menyehatkan"],
    "perekonomian": ["ekonomi"],
    "kehidupan": ["hidup", "menghidupkan"],
    "bercerita": ["cerita", "menceritakan"],
    "pariwisata": ["pariwisata"],
    "teknologi": ["teknologi"],
    "pengelolaan": ["kelola", "mengelola", "pengelola"],
    "penelitian": ["teliti", "meneliti", "peneliti"],
    "perjuangan": ["juang", "berjuang", "pejuang"],
    "keluarga": ["keluarga", "berkeluarga"],
    "makanan": ["makan", "pemakan"],
    "kemerdekaan": ["merdeka"],
    "pembangunan": ["bangun", "membangun", "bangunan"],
    "kepemimpinan": ["pimpin", "pemimpin", "memimpin"],
}
UNRELATED = {
    "memasak": ["pasak"],
    "masakan": ["masa"],
    "digital": ["gital"],
    "perintah": ["intah"],
    "pemain": ["pain"],
    "pengetahuan": ["etahu"],
}


def compare_stemmers() -> None:
    import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    snowball = Stemmer.Stemmer("indonesian")
    sastrawi = StemmerFactory().create_stemmer().delegatedStemmer
    candidates = {"Snowball (PyStemmer)": snowball.stemWord, "Sastrawi": sastrawi.stem_word}
    pairs = [(q, d) for q, docs in RELEVANT.items() for d in docs]
    wrong = [(q, d) for q, docs in UNRELATED.items() for d in docs]
    corpus = IND_WORDS.split() * 50 + [d for _, d in pairs]
    unique = sorted(set(corpus) | set(RELEVANT))
    print(f"Labelled set: {len(RELEVANT)} queries, {len(pairs)} relevant pairs, "
          f"{len(wrong)} pairs that must stay apart.\n")  # fmt: skip
    print("| stemmer | recall | false conflations | new words/s | cached words/s |")
    print("|---|---|---|---|---|")
    misses = {}
    for name, stem in candidates.items():
        found = sum(stem(q) == stem(d) for q, d in pairs)
        conflated = sum(stem(q) == stem(d) for q, d in wrong)
        cold = len(unique) / (timed(lambda s=stem: [s(w) for w in unique]) / 1000)
        cache: dict[str, str] = {}

        def cached(word: str, s: Callable[[str], str] = stem, c: dict[str, str] = cache) -> str:
            if word not in c:
                c[word] = s(word)
            return c[word]

        hot = len(corpus) / (timed(lambda c=cached: [c(w) for w in corpus]) / 1000)
        print(f"| {name} | {found}/{len(pairs)} ({found / len(pairs):.0%}) | "
              f"{conflated}/{len(wrong)} | {cold:,.0f} | {hot:,.0f} |")  # fmt: skip
        misses[name] = [f"{q}→{stem(q)} / {d}→{stem(d)}" for q, d in pairs if stem(q) != stem(d)]
    from simpul.catalog.search.analyzer import stem as simpul_stem

    ours = len(corpus) / (timed(lambda: [simpul_stem(w, "ind") for w in corpus]) / 1000)
    print(f"\nSimpul's analyzer.stem (Sastrawi behind an LRU word cache): {ours:,.0f} words/s.")
    for name, missed in misses.items():
        print(f"\nMissed by {name}: {'; '.join(missed)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("size", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--heap", type=int, default=64, help="writer heap in MB")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--stemmers", action="store_true")
    parser.add_argument("--keep", type=Path, help="build into (or reuse) this directory")
    args = parser.parse_args(argv)
    if args.stemmers:
        compare_stemmers()
    else:
        run_benchmark(args.size, args.threads, args.heap, args.queries, args.keep)


if __name__ == "__main__":
    main()
