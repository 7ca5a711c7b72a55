"""SMP Negeri 3 Metro in the union catalog: a school library on SLiMS whose catalog arrives by
SLiMS's union-catalog push. Idempotent: the same push again only refreshes its holdings."""

from __future__ import annotations

from typing import Any

from simpul.demo.personas import DEMO_PASSWORD
from simpul.network.union import slims
from simpul.network.union.choices import Origin
from simpul.network.union.merge import Incoming, merge_batch
from simpul.network.union.models import SlimsNode

NODE_ID = "smpn3metro"
OPAC = "http://slims.smpn3metro.example/index.php?p=show_detail&id={id}"
# (biblio_id, title, author, year, ISBN, call number) as SMP N 3's SLiMS describes them.
BIBLIOS = [
    ("101", "Laskar pelangi", "Hirata, Andrea", "2005", "9793062797", "813 HIR l"),
    ("102", "Bumi manusia", "Toer, Pramoedya Ananta", "1980", "", "899.221 TOE b"),
    ("103", "Ensiklopedia flora dan fauna Lampung", "Tim Penyusun", "2018", "", "R 578 ENS"),
    ("104", "Matematika untuk SMP/MTs kelas VII", "Kemendikbud", "2017", "", "510 MAT"),
]


def load_union(libraries: dict[str, Any]) -> int:
    """Register SMP N 3's SLiMS node and merge its push; returns the records received."""
    school = libraries["SMPN3"]
    if not SlimsNode.objects.filter(library=school).exists():
        slims.set_node(school, NODE_ID, DEMO_PASSWORD, OPAC)
    batch = [
        Incoming(
            biblio_id,
            slims.biblio_to_marc(
                {
                    "biblio_id": biblio_id, "title": title, "publish_year": year,
                    "isbn_issn": isbn, "language_id": "id",
                    "authors": [{"name": author, "level": "1", "type": "p"}],
                },
                NODE_ID,
            ),
            call_number=call_number,
            opac_url=OPAC.replace("{id}", biblio_id),
        )
        for biblio_id, title, author, year, isbn, call_number in BIBLIOS
    ]  # fmt: skip
    return merge_batch(school, batch, origin=Origin.SLIMS).received
