"""Demo bibliographic records for the Kota Metro demo network.

Demo data catalogued by the Simpul team from bibliographic facts (title, author, publisher, place,
year of the edition described). These are not copies of any library's catalogue records, and the
summaries were written by the team in their own words; they are not publishers' blurbs.

Conventions:

* Each entry describes one edition, normally the first. Where the first edition is uncertain, a
  well-known later edition is described instead (e.g. the 2004 Gramedia edition of *Cantik Itu
  Luka*), or the detail is left empty.
* ``place`` is the city as it was called at the time of publication (Batavia before 1942).
* ``isbn`` is filled only where the ISBN printed in that edition has been confirmed and its check
  digit verified; it is given as printed (ISBN-10 for editions from before 2007). Everything else
  has an empty string: ISBNs are never guessed.
* ``pages`` is given only when the figure is commonly cited for that edition, otherwise ``None``.
* Entries whose summary ends in "(edisi demo)" are illustrative editions made up for the demo
  (folk tales and local-content titles): they have no publisher, place, year or ISBN and must not
  be presented as real publications.
* ``holdings`` maps a library code from :mod:`simpul.demo.personas` to a number of copies.
"""

from __future__ import annotations

KEMDIKBUDRISTEK = (
    "Pusat Kurikulum dan Perbukuan, Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi"
)

BOOKS: list[dict[str, object]] = [
    # --- Sastra Indonesia: klasik dan populer -------------------------------------------------
    {
        "title": "Laskar Pelangi",
        "subtitle": "",
        "authors": ["Andrea Hirata"],
        "publisher": "Bentang Pustaka",
        "place": "Yogyakarta",
        "year": 2005,
        "isbn": "979-3062-79-7",
        "subjects": ["Novel Indonesia", "Pendidikan -- Belitung"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": 529,
        "summary": (
            "Ikal mengenang masa kecilnya bersama sepuluh kawan di sebuah SD Muhammadiyah "
            "sederhana di Belitung yang nyaris ditutup. Guru-guru yang gigih dan persahabatan "
            "mereka menjadi bekal menghadapi kemiskinan di pulau penghasil timah itu."
        ),
        "series": "Tetralogi Laskar Pelangi",
        "edition": "",
        "audience": "adult",
        "holdings": {
            "KOTA": 3,
            "SMAN1": 2,
            "SMAN2": 2,
            "SMPN3": 2,
            "KELILING": 2,
            "TBM-CAHAYA": 1,
        },
    },
    {
        "title": "Sang Pemimpi",
        "subtitle": "",
        "authors": ["Andrea Hirata"],
        "publisher": "Bentang Pustaka",
        "place": "Yogyakarta",
        "year": 2006,
        "isbn": "979-3062-92-4",
        "subjects": ["Novel Indonesia", "Remaja -- Belitung"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": 292,
        "summary": (
            "Kelanjutan kisah Ikal pada masa SMA bersama sepupunya Arai dan sahabatnya Jimbron. "
            "Sambil bekerja sebagai kuli di pelabuhan, mereka bertekad melanjutkan sekolah "
            "sampai ke Prancis."
        ),
        "series": "Tetralogi Laskar Pelangi",
        "edition": "",
        "audience": "teen",
        "holdings": {"KOTA": 2, "SMAN1": 2, "SMAN2": 1, "MAN1": 1, "TBM-PELANGI": 1},
    },
    {
        "title": "Bumi Manusia",
        "subtitle": "",
        "authors": ["Pramoedya Ananta Toer"],
        "publisher": "Hasta Mitra",
        "place": "Jakarta",
        "year": 1980,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Hindia Belanda -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Minke, pemuda pribumi yang bersekolah di HBS Surabaya pada akhir abad ke-19, jatuh "
            "cinta kepada Annelies dan banyak belajar dari ibunya, Nyai Ontosoroh. Keduanya "
            "harus berhadapan dengan hukum kolonial yang tidak berpihak kepada mereka."
        ),
        "series": "Tetralogi Buru",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 3, "SMAN1": 1, "SMAN2": 1, "UMMETRO": 2},
    },
    {
        "title": "Anak Semua Bangsa",
        "subtitle": "",
        "authors": ["Pramoedya Ananta Toer"],
        "publisher": "Hasta Mitra",
        "place": "Jakarta",
        "year": 1980,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Hindia Belanda -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Setelah kehilangan Annelies, Minke mulai melihat langsung penderitaan petani di "
            "bawah sistem kolonial. Ia didorong untuk menulis dalam bahasa Melayu agar suaranya "
            "sampai kepada bangsanya sendiri."
        ),
        "series": "Tetralogi Buru",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "SMAN1": 1, "UMMETRO": 2},
    },
    {
        "title": "Jejak Langkah",
        "subtitle": "",
        "authors": ["Pramoedya Ananta Toer"],
        "publisher": "Hasta Mitra",
        "place": "Jakarta",
        "year": 1985,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Hindia Belanda -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Minke pindah ke Betawi untuk belajar kedokteran, lalu merintis surat kabar dan "
            "organisasi modern sebagai alat perjuangan kaum pribumi."
        ),
        "series": "Tetralogi Buru",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "UMMETRO": 2},
    },
    {
        "title": "Rumah Kaca",
        "subtitle": "",
        "authors": ["Pramoedya Ananta Toer"],
        "publisher": "Hasta Mitra",
        "place": "Jakarta",
        "year": 1988,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Hindia Belanda -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Penutup tetralogi ini dituturkan oleh Pangemanann, pejabat polisi kolonial yang "
            "ditugasi mengawasi dan melumpuhkan Minke. Dari sudut pandangnya terlihat cara "
            "kekuasaan kolonial memata-matai kaum pergerakan."
        ),
        "series": "Tetralogi Buru",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "UMMETRO": 2},
    },
    {
        "title": "Ronggeng Dukuh Paruk",
        "subtitle": "",
        "authors": ["Ahmad Tohari"],
        "publisher": "Gramedia",
        "place": "Jakarta",
        "year": 1982,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Ronggeng -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Srintil, gadis dari dusun miskin Dukuh Paruk, dinobatkan menjadi ronggeng, "
            "sementara sahabat kecilnya Rasus pergi meninggalkan desa. Kehidupan keduanya "
            "kemudian terseret gejolak politik tahun 1965."
        ),
        "series": "Trilogi Ronggeng Dukuh Paruk",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "SMAN2": 1, "UMMETRO": 1},
    },
    {
        "title": "Sitti Nurbaya",
        "subtitle": "Kasih Tak Sampai",
        "authors": ["Marah Rusli"],
        "publisher": "Balai Pustaka",
        "place": "Batavia",
        "year": 1922,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Kawin paksa -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Cinta Sitti Nurbaya dan Samsulbahri di Padang kandas ketika Nurbaya terpaksa "
            "menikah dengan saudagar kaya Datuk Meringgih demi melunasi utang ayahnya."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "SMAN1": 2, "SMAN2": 2, "MAN1": 1, "TBM-PELANGI": 1},
    },
    {
        "title": "Salah Asuhan",
        "subtitle": "",
        "authors": ["Abdoel Moeis"],
        "publisher": "Balai Pustaka",
        "place": "Batavia",
        "year": 1928,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Minangkabau -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Hanafi, pemuda Minangkabau berpendidikan Belanda, memandang rendah adat bangsanya "
            "sendiri dan menikahi Corrie, perempuan Indo-Eropa. Pilihannya membawa akibat pahit "
            "bagi dirinya dan orang-orang di sekitarnya."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "SMAN1": 1, "SMAN2": 1},
    },
    {
        "title": "Layar Terkembang",
        "subtitle": "",
        "authors": ["Sutan Takdir Alisjahbana"],
        "publisher": "Balai Pustaka",
        "place": "Batavia",
        "year": 1936,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Emansipasi wanita -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Dua kakak beradik yang berbeda watak, Tuti yang aktif dalam pergerakan perempuan "
            "dan Maria yang periang, menghadapi soal cinta dan cita-cita. Novel ini menyuarakan "
            "gagasan kemajuan kaum perempuan pada masa Pujangga Baru."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 1, "SMAN1": 1, "SMAN2": 1, "MAN1": 1},
    },
    {
        "title": "Atheis",
        "subtitle": "",
        "authors": ["Achdiat K. Mihardja"],
        "publisher": "Balai Pustaka",
        "place": "Jakarta",
        "year": 1949,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Agama -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Hasan, pemuda saleh dari keluarga penganut tarekat, goyah keyakinannya setelah "
            "bergaul dengan kawan-kawan berpaham Marxis dan ateis di Bandung."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 1, "UMMETRO": 1},
    },
    {
        "title": "Harimau! Harimau!",
        "subtitle": "",
        "authors": ["Mochtar Lubis"],
        "publisher": "Pustaka Jaya",
        "place": "Jakarta",
        "year": 1975,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Hutan -- Sumatra -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Tujuh pencari damar yang diburu seekor harimau di rimba Sumatra terpaksa membuka "
            "kesalahan yang selama ini mereka sembunyikan. Novel ini menyoal keberanian, "
            "kejujuran, dan kepemimpinan."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 1, "SMAN1": 1, "SMPN3": 1, "KELILING": 1},
    },
    {
        "title": "Para Priyayi",
        "subtitle": "",
        "authors": ["Umar Kayam"],
        "publisher": "Pustaka Utama Grafiti",
        "place": "Jakarta",
        "year": 1992,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Priyayi -- Jawa -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Riwayat keluarga Sastrodarsono, anak petani desa yang menjadi guru dan membangun "
            "keluarga priyayi di kota kecil Wanagalih. Kisahnya melintasi beberapa generasi, "
            "dari masa kolonial hingga sesudah kemerdekaan."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 1, "UMMETRO": 1},
    },
    {
        "title": "Saman",
        "subtitle": "",
        "authors": ["Ayu Utami"],
        "publisher": "Kepustakaan Populer Gramedia",
        "place": "Jakarta",
        "year": 1998,
        "isbn": "",
        "subjects": ["Novel Indonesia"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Kisah empat sahabat perempuan dan Saman, mantan pastor yang menjadi aktivis "
            "pembela petani karet di Sumatra. Novel ini mengangkat soal politik, agama, dan "
            "seksualitas pada masa Orde Baru."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 1, "UMMETRO": 1},
    },
    {
        "title": "Cantik Itu Luka",
        "subtitle": "",
        "authors": ["Eka Kurniawan"],
        "publisher": "Gramedia Pustaka Utama",
        "place": "Jakarta",
        "year": 2004,
        "isbn": "",
        "subjects": ["Novel Indonesia"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Kisah Dewi Ayu dan keturunannya di kota rekaan Halimunda, merentang dari masa "
            "kolonial hingga sesudah 1965. Sejarah kekerasan itu dituturkan dengan gaya "
            "realisme magis."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "UMMETRO": 1},
    },
    {
        "title": "Ayat-Ayat Cinta",
        "subtitle": "Sebuah Novel Pembangun Jiwa",
        "authors": ["Habiburrahman El Shirazy"],
        "publisher": "Republika",
        "place": "Jakarta",
        "year": 2004,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Fiksi Islami"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Fahri, mahasiswa Indonesia di Universitas Al-Azhar, Kairo, menjalani kuliah, "
            "persahabatan, dan cinta dengan berpegang pada ajaran Islam. Ujian terberatnya "
            "datang ketika ia difitnah dan dipenjara."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "MAN1": 3, "SMAN2": 1, "TBM-CAHAYA": 1},
    },
    {
        "title": "Negeri 5 Menara",
        "subtitle": "",
        "authors": ["Ahmad Fuadi"],
        "publisher": "Gramedia Pustaka Utama",
        "place": "Jakarta",
        "year": 2009,
        "isbn": "978-979-22-4861-6",
        "subjects": ["Novel Indonesia", "Pesantren -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": 423,
        "summary": (
            "Alif, remaja dari tepi Danau Maninjau, dikirim belajar ke Pondok Madani di Jawa "
            "Timur. Bersama lima sahabatnya ia memegang semboyan man jadda wajada: siapa "
            "bersungguh-sungguh akan berhasil."
        ),
        "series": "Trilogi Negeri 5 Menara",
        "edition": "",
        "audience": "teen",
        "holdings": {"KOTA": 2, "MAN1": 3, "SMAN1": 1, "SMPN3": 2, "TBM-PELANGI": 1},
    },
    {
        "title": "Perahu Kertas",
        "subtitle": "",
        "authors": ["Dee Lestari"],
        "publisher": "Bentang Pustaka",
        "place": "Yogyakarta",
        "year": 2009,
        "isbn": "978-979-1227-78-0",
        "subjects": ["Novel Indonesia", "Fiksi remaja"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": 444,
        "summary": (
            "Kugy yang ingin menjadi penulis dongeng dan Keenan yang ingin menjadi pelukis "
            "bertemu semasa kuliah di Bandung. Keduanya berusaha setia pada mimpi masing-masing "
            "sambil menimbang perasaan di antara mereka."
        ),
        "series": "",
        "edition": "",
        "audience": "teen",
        "holdings": {"KOTA": 2, "SMAN1": 1, "SMAN2": 2, "TBM-CAHAYA": 1},
    },
    {
        "title": "Pulang",
        "subtitle": "",
        "authors": ["Leila S. Chudori"],
        "publisher": "Kepustakaan Populer Gramedia",
        "place": "Jakarta",
        "year": 2012,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Eksil politik -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Dimas Suryo, eksil politik yang tidak bisa pulang setelah 1965, membangun hidup di "
            "Paris. Putrinya, Lintang, datang ke Jakarta menjelang runtuhnya Orde Baru pada 1998 "
            "dan menelusuri masa lalu keluarganya."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "UMMETRO": 1},
    },
    {
        "title": "Amba",
        "subtitle": "",
        "authors": ["Laksmi Pamuntjak"],
        "publisher": "Gramedia Pustaka Utama",
        "place": "Jakarta",
        "year": 2012,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Pulau Buru -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Amba menelusuri jejak Bhisma, kekasihnya yang hilang setelah 1965 dan dibuang ke "
            "Pulau Buru. Kisah mereka menggemakan tokoh-tokoh dari Mahabharata."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 1, "UMMETRO": 1},
    },
    {
        "title": "Laut Bercerita",
        "subtitle": "",
        "authors": ["Leila S. Chudori"],
        "publisher": "Kepustakaan Populer Gramedia",
        "place": "Jakarta",
        "year": 2017,
        "isbn": "",
        "subjects": ["Novel Indonesia", "Orang hilang -- Indonesia -- Fiksi"],
        "ddc": "899.2213",
        "language": "ind",
        "pages": None,
        "summary": (
            "Biru Laut, mahasiswa aktivis, diculik menjelang tahun 1998. Adiknya, Asmara Jati, "
            "bersama keluarga korban lain terus menuntut kejelasan nasib orang-orang yang hilang."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 3, "SMAN1": 1, "SMAN2": 1, "UMMETRO": 1, "TBM-PELANGI": 1},
    },
    {
        "title": "Aku Ini Binatang Jalang",
        "subtitle": "Koleksi Sajak 1942-1949",
        "authors": ["Chairil Anwar"],
        "publisher": "Gramedia",
        "place": "Jakarta",
        "year": 1986,
        "isbn": "",
        "subjects": ["Puisi Indonesia"],
        "ddc": "899.2211",
        "language": "ind",
        "pages": None,
        "summary": (
            'Himpunan sajak Chairil Anwar dari tahun 1942 sampai 1949, termasuk sajak "Aku", '
            "disunting oleh Pamusuk Eneste."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "SMAN1": 1, "SMAN2": 1, "MAN1": 1, "UMMETRO": 1},
    },
    {
        "title": "Hujan Bulan Juni",
        "subtitle": "",
        "authors": ["Sapardi Djoko Damono"],
        "publisher": "Grasindo",
        "place": "Jakarta",
        "year": 1994,
        "isbn": "",
        "subjects": ["Puisi Indonesia"],
        "ddc": "899.2211",
        "language": "ind",
        "pages": None,
        "summary": (
            "Pilihan sajak lirik Sapardi Djoko Damono yang ditulis antara 1964 dan 1994, "
            "bertumpu pada bahasa yang sederhana dan citraan alam sehari-hari."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "SMAN1": 1, "SMAN2": 1, "TBM-CAHAYA": 1},
    },
    # --- Buku teks Kurikulum Merdeka ----------------------------------------------------------
    {
        "title": "Matematika untuk SMA/SMK Kelas X",
        "subtitle": "",
        "authors": [],
        "publisher": KEMDIKBUDRISTEK,
        "place": "Jakarta",
        "year": 2021,
        "isbn": "",
        "subjects": ["Matematika -- Studi dan pengajaran (Menengah)"],
        "ddc": "510.712",
        "language": "ind",
        "pages": None,
        "summary": (
            "Buku siswa mata pelajaran Matematika Kurikulum Merdeka untuk kelas X SMA/SMK (Fase E)."
        ),
        "series": "",
        "edition": "",
        "audience": "textbook",
        "holdings": {"SMAN1": 12, "SMAN2": 10, "MAN1": 8, "KOTA": 1},
    },
    {
        "title": "Bahasa Indonesia",
        "subtitle": "Cerdas Cermat Berbahasa dan Bersastra Indonesia untuk SMA/SMK Kelas X",
        "authors": [],
        "publisher": KEMDIKBUDRISTEK,
        "place": "Jakarta",
        "year": 2021,
        "isbn": "",
        "subjects": ["Bahasa Indonesia -- Studi dan pengajaran (Menengah)"],
        "ddc": "499.221",
        "language": "ind",
        "pages": None,
        "summary": (
            "Buku siswa mata pelajaran Bahasa Indonesia Kurikulum Merdeka untuk kelas X "
            "SMA/SMK (Fase E), memadukan keterampilan berbahasa dengan apresiasi sastra."
        ),
        "series": "",
        "edition": "",
        "audience": "textbook",
        "holdings": {"SMAN1": 12, "SMAN2": 10, "MAN1": 8, "KOTA": 1},
    },
    {
        "title": "Bahasa Inggris",
        "subtitle": "Work in Progress",
        "authors": [],
        "publisher": KEMDIKBUDRISTEK,
        "place": "Jakarta",
        "year": 2021,
        "isbn": "",
        "subjects": ["Bahasa Inggris -- Studi dan pengajaran (Menengah)"],
        "ddc": "428.24",
        "language": "eng",
        "pages": None,
        "summary": (
            "Buku siswa mata pelajaran Bahasa Inggris Kurikulum Merdeka untuk kelas X (Fase E), "
            "melatih keterampilan berbahasa Inggris lisan dan tulis secara terpadu."
        ),
        "series": "",
        "edition": "",
        "audience": "textbook",
        "holdings": {"SMAN1": 12, "SMAN2": 10, "MAN1": 8},
    },
    {
        "title": "Matematika untuk SMP Kelas VII",
        "subtitle": "",
        "authors": [],
        "publisher": KEMDIKBUDRISTEK,
        "place": "Jakarta",
        "year": 2021,
        "isbn": "",
        "subjects": ["Matematika -- Studi dan pengajaran (Menengah)"],
        "ddc": "510.712",
        "language": "ind",
        "pages": None,
        "summary": (
            "Buku siswa mata pelajaran Matematika Kurikulum Merdeka untuk kelas VII SMP (Fase D)."
        ),
        "series": "",
        "edition": "",
        "audience": "textbook",
        "holdings": {"SMPN3": 14},
    },
    {
        "title": "Ilmu Pengetahuan Alam untuk SMP Kelas VII",
        "subtitle": "",
        "authors": [],
        "publisher": KEMDIKBUDRISTEK,
        "place": "Jakarta",
        "year": 2021,
        "isbn": "",
        "subjects": ["Ilmu pengetahuan alam -- Studi dan pengajaran (Menengah)"],
        "ddc": "507.12",
        "language": "ind",
        "pages": None,
        "summary": (
            "Buku siswa mata pelajaran Ilmu Pengetahuan Alam Kurikulum Merdeka untuk kelas VII "
            "(Fase D)."
        ),
        "series": "",
        "edition": "",
        "audience": "textbook",
        "holdings": {"SMPN3": 14},
    },
    {
        "title": "Ilmu Pengetahuan Alam dan Sosial untuk SD Kelas IV",
        "subtitle": "",
        "authors": [],
        "publisher": KEMDIKBUDRISTEK,
        "place": "Jakarta",
        "year": 2021,
        "isbn": "",
        "subjects": ["Ilmu pengetahuan alam -- Studi dan pengajaran (Dasar)"],
        "ddc": "372.35",
        "language": "ind",
        "pages": None,
        "summary": (
            "Buku siswa mata pelajaran IPAS Kurikulum Merdeka untuk kelas IV (Fase B), yang "
            "memadukan pengenalan alam dengan kehidupan sosial di sekitar siswa."
        ),
        "series": "",
        "edition": "",
        "audience": "textbook",
        "holdings": {"SDN5": 16},
    },
    {
        "title": "Pendidikan Pancasila dan Kewarganegaraan untuk SD Kelas IV",
        "subtitle": "",
        "authors": [],
        "publisher": KEMDIKBUDRISTEK,
        "place": "Jakarta",
        "year": 2021,
        "isbn": "",
        "subjects": ["Pendidikan kewarganegaraan -- Studi dan pengajaran (Dasar)"],
        "ddc": "372.83",
        "language": "ind",
        "pages": None,
        "summary": (
            "Buku siswa mata pelajaran Pendidikan Pancasila dan Kewarganegaraan Kurikulum "
            "Merdeka untuk kelas IV (Fase B)."
        ),
        "series": "",
        "edition": "",
        "audience": "textbook",
        "holdings": {"SDN5": 16},
    },
    # --- Cerita anak dan cerita rakyat (edisi demo) -------------------------------------------
    {
        "title": "Si Kancil dan Buaya",
        "subtitle": "",
        "authors": [],
        "publisher": "",
        "place": "",
        "year": None,
        "isbn": "",
        "subjects": ["Cerita rakyat -- Indonesia", "Dongeng binatang"],
        "ddc": "398.2",
        "language": "ind",
        "pages": None,
        "summary": (
            "Cerita rakyat tentang Kancil yang cerdik memperdaya sekawanan buaya agar berjajar "
            "sehingga ia dapat menyeberangi sungai (edisi demo)."
        ),
        "series": "",
        "edition": "",
        "audience": "children",
        "holdings": {"SDN5": 3, "KELILING": 2, "TBM-CAHAYA": 2, "TBM-PELANGI": 1, "KOTA": 1},
    },
    {
        "title": "Malin Kundang",
        "subtitle": "",
        "authors": [],
        "publisher": "",
        "place": "",
        "year": None,
        "isbn": "",
        "subjects": ["Cerita rakyat -- Sumatra Barat"],
        "ddc": "398.2",
        "language": "ind",
        "pages": None,
        "summary": (
            "Cerita rakyat Sumatra Barat tentang Malin Kundang, anak rantau yang durhaka kepada "
            "ibunya lalu dikutuk menjadi batu (edisi demo)."
        ),
        "series": "",
        "edition": "",
        "audience": "children",
        "holdings": {"SDN5": 3, "KELILING": 2, "TBM-CAHAYA": 1, "TBM-PELANGI": 2},
    },
    {
        "title": "Timun Mas",
        "subtitle": "",
        "authors": [],
        "publisher": "",
        "place": "",
        "year": None,
        "isbn": "",
        "subjects": ["Cerita rakyat -- Jawa Tengah"],
        "ddc": "398.2",
        "language": "ind",
        "pages": None,
        "summary": (
            "Cerita rakyat Jawa Tengah tentang Timun Mas yang meloloskan diri dari kejaran "
            "raksasa berkat bekal ajaib pemberian seorang pertapa (edisi demo)."
        ),
        "series": "",
        "edition": "",
        "audience": "children",
        "holdings": {"SDN5": 2, "KELILING": 2, "TBM-CAHAYA": 1, "TBM-PELANGI": 1},
    },
    {
        "title": "Bawang Merah Bawang Putih",
        "subtitle": "",
        "authors": [],
        "publisher": "",
        "place": "",
        "year": None,
        "isbn": "",
        "subjects": ["Cerita rakyat -- Indonesia"],
        "ddc": "398.2",
        "language": "ind",
        "pages": None,
        "summary": (
            "Cerita rakyat tentang Bawang Putih yang baik hati dan tabah menghadapi perlakuan "
            "buruk ibu tiri serta saudara tirinya, Bawang Merah (edisi demo)."
        ),
        "series": "",
        "edition": "",
        "audience": "children",
        "holdings": {"SDN5": 2, "KELILING": 2, "TBM-CAHAYA": 1, "TBM-PELANGI": 1},
    },
    # --- Lampung dan Kota Metro ---------------------------------------------------------------
    {
        "title": "Ayo ke Tanah Sabrang",
        "subtitle": "Transmigrasi di Indonesia",
        "authors": ["Patrice Levang"],
        "publisher": "Kepustakaan Populer Gramedia",
        "place": "Jakarta",
        "year": 2003,
        "isbn": "",
        "subjects": ["Transmigrasi -- Indonesia", "Transmigrasi -- Sejarah"],
        "ddc": "304.8598",
        "language": "ind",
        "pages": None,
        "summary": (
            "Kajian seorang peneliti Prancis tentang perpindahan penduduk dari Jawa ke pulau-pulau "
            "lain, dari kolonisasi zaman Hindia Belanda hingga transmigrasi Orde Baru. Bacaan "
            "penting bagi sejarah Lampung, daerah tujuan kolonisasi yang paling awal."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "UMMETRO": 2},
    },
    {
        "title": "Kolonisasi Sukadana dan Lahirnya Kota Metro",
        "subtitle": "",
        "authors": [],
        "publisher": "",
        "place": "",
        "year": None,
        "isbn": "",
        "subjects": ["Metro (Lampung) -- Sejarah", "Kolonisasi -- Lampung"],
        "ddc": "959.81",
        "language": "ind",
        "pages": None,
        "summary": (
            "Uraian sejarah pemindahan penduduk dari Jawa ke wilayah kolonisasi Sukadana pada "
            "tahun 1930-an, yang melahirkan permukiman Metro dan kelak Kota Metro (edisi demo)."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 3, "UMMETRO": 1, "SMAN1": 1, "SMAN2": 1, "MAN1": 1, "KELILING": 1},
    },
    {
        "title": "Mengenal Had Lampung",
        "subtitle": "Aksara Lampung untuk Pelajar",
        "authors": [],
        "publisher": "",
        "place": "",
        "year": None,
        "isbn": "",
        "subjects": ["Aksara Lampung", "Bahasa Lampung -- Studi dan pengajaran"],
        "ddc": "499.22",
        "language": "ind",
        "pages": None,
        "summary": (
            "Pengenalan aksara Lampung (had Lampung) untuk pelajar: huruf induk, tanda anak "
            "huruf, dan latihan menulis kata-kata sederhana (edisi demo)."
        ),
        "series": "",
        "edition": "",
        "audience": "children",
        "holdings": {"SDN5": 4, "SMPN3": 3, "KOTA": 1, "KELILING": 1, "TBM-CAHAYA": 1},
    },
    {
        "title": "Piil Pesenggiri",
        "subtitle": "Falsafah Hidup Ulun Lampung",
        "authors": [],
        "publisher": "",
        "place": "",
        "year": None,
        "isbn": "",
        "subjects": ["Lampung (Suku bangsa) -- Adat istiadat"],
        "ddc": "390.09598",
        "language": "ind",
        "pages": None,
        "summary": (
            "Pengantar nilai-nilai piil pesenggiri, yaitu juluk adek, nemui nyimah, nengah "
            "nyappur, dan sakai sambayan, dalam kehidupan masyarakat adat Lampung (edisi demo)."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 2, "UMMETRO": 1, "SMAN1": 1, "MAN1": 1},
    },
    {
        "title": "Way Kambas",
        "subtitle": "Rumah Gajah dan Badak Sumatra",
        "authors": [],
        "publisher": "",
        "place": "",
        "year": None,
        "isbn": "",
        "subjects": ["Taman Nasional Way Kambas", "Gajah Sumatra"],
        "ddc": "333.78",
        "language": "ind",
        "pages": None,
        "summary": (
            "Buku bergambar tentang Taman Nasional Way Kambas di Lampung Timur, tempat pusat "
            "latihan gajah dan suaka badak Sumatra (edisi demo)."
        ),
        "series": "",
        "edition": "",
        "audience": "children",
        "holdings": {"SDN5": 2, "KELILING": 2, "TBM-CAHAYA": 1, "TBM-PELANGI": 1, "KOTA": 1},
    },
    # --- Buku berbahasa Inggris ---------------------------------------------------------------
    {
        "title": "The Year of Living Dangerously",
        "subtitle": "",
        "authors": ["Christopher Koch"],
        "publisher": "Michael Joseph",
        "place": "London",
        "year": 1978,
        "isbn": "",
        "subjects": ["Novel Australia", "Indonesia -- Sejarah -- 1965 -- Fiksi"],
        "ddc": "823.914",
        "language": "eng",
        "pages": None,
        "summary": (
            "Guy Hamilton, wartawan Australia, dan juru kamera Billy Kwan meliput Jakarta pada "
            "1965, ketika ketegangan politik memuncak menjelang peristiwa 30 September."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 1, "UMMETRO": 1},
    },
    {
        "title": "Indonesia Etc.",
        "subtitle": "Exploring the Improbable Nation",
        "authors": ["Elizabeth Pisani"],
        "publisher": "Granta",
        "place": "London",
        "year": 2014,
        "isbn": "",
        "subjects": ["Indonesia -- Deskripsi dan perjalanan", "Indonesia -- Kehidupan sosial"],
        "ddc": "915.98",
        "language": "eng",
        "pages": 404,
        "summary": (
            "Catatan perjalanan seorang mantan wartawan dan epidemiolog yang menjelajahi "
            "berbagai pulau di Indonesia, dipadu dengan ulasan sejarah, politik, dan budaya."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"KOTA": 1, "UMMETRO": 2},
    },
    {
        "title": "A History of Modern Indonesia since c. 1200",
        "subtitle": "",
        "authors": ["M. C. Ricklefs"],
        "publisher": "Palgrave Macmillan",
        "place": "Basingstoke",
        "year": 2008,
        "isbn": "",
        "subjects": ["Indonesia -- Sejarah"],
        "ddc": "959.8",
        "language": "eng",
        "pages": None,
        "summary": (
            "Buku rujukan akademik tentang sejarah Indonesia sejak masuknya Islam sekitar abad "
            "ke-13 hingga awal abad ke-21."
        ),
        "series": "",
        "edition": "4th ed.",
        "audience": "adult",
        "holdings": {"UMMETRO": 3, "KOTA": 1},
    },
    {
        "title": "A History of Modern Indonesia",
        "subtitle": "",
        "authors": ["Adrian Vickers"],
        "publisher": "Cambridge University Press",
        "place": "Cambridge",
        "year": 2005,
        "isbn": "",
        "subjects": ["Indonesia -- Sejarah -- Abad ke-20"],
        "ddc": "959.803",
        "language": "eng",
        "pages": None,
        "summary": (
            "Sejarah Indonesia abad ke-20, dari masa kolonial, revolusi, dan Orde Baru hingga "
            "awal Reformasi, dengan perhatian khusus pada sastra dan kebudayaan."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"UMMETRO": 2},
    },
    {
        "title": "Imagined Communities",
        "subtitle": "Reflections on the Origin and Spread of Nationalism",
        "authors": ["Benedict Anderson"],
        "publisher": "Verso",
        "place": "London",
        "year": 1983,
        "isbn": "",
        "subjects": ["Nasionalisme -- Sejarah"],
        "ddc": "320.54",
        "language": "eng",
        "pages": None,
        "summary": (
            "Kajian klasik tentang asal-usul nasionalisme yang memandang bangsa sebagai "
            "komunitas terbayang, dengan banyak contoh dari Asia Tenggara."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"UMMETRO": 2},
    },
    {
        "title": "The Religion of Java",
        "subtitle": "",
        "authors": ["Clifford Geertz"],
        "publisher": "Free Press",
        "place": "Glencoe, Ill.",
        "year": 1960,
        "isbn": "",
        "subjects": ["Jawa -- Agama", "Jawa -- Kehidupan sosial dan adat istiadat"],
        "ddc": "306.6",
        "language": "eng",
        "pages": None,
        "summary": (
            "Etnografi kehidupan keagamaan di sebuah kota kecil di Jawa Timur pada 1950-an, "
            "yang memperkenalkan pembedaan abangan, santri, dan priyayi."
        ),
        "series": "",
        "edition": "",
        "audience": "adult",
        "holdings": {"UMMETRO": 2},
    },
]
