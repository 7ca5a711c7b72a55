"""A large merge prepares its batches in forked processes (prepare.prepared_elsewhere): the
outcome is the same as preparing here, problems come back with the record they belong to,
and a failure while reading the records stops the merge after the batches already merged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simpul.catalog.models import Record
from simpul.libraries.models import Library
from simpul.network.union.choices import MatchMethod, Origin
from simpul.network.union.errors import HarvestFailed
from simpul.network.union.models import Contribution
from simpul.network.union.services import Incoming, merge_all
from simpul.network.union.tests.marc import marc

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures" / "union" / "marc"


def _harvest() -> list[Incoming]:
    """Thirteen records: Laskar Pelangi three ways (ISBN, 035, similarity), seven volumes of a
    new work, the first of them again under another id, one without a title, a withdrawal."""
    records = [
        Incoming("isbn", marc("Laskar Pelangi!", isbn="978-979-3062-79-2")),
        Incoming("number", marc("Laskar", other_numbers=("(ID-MetKP)KOTA0001",))),
        Incoming("similar", marc("LASKAR PELANGI", author="Andrea Hirata", year=2005)),
    ]
    for n in range(7):
        title = f"Kumpulan cerita rakyat Lampung jilid {n + 1}"
        records.append(Incoming(f"new-{n}", marc(title, author="Sari, Dewi", year=2010 + n)))
    again = marc("Kumpulan cerita rakyat Lampung jilid 1.", author="Dewi Sari", year=2010)
    records.append(Incoming("again-0", again))
    records.append(Incoming("untitled", {"leader": "00000nam a2200000 i 4500", "fields": []}))
    records.append(Incoming("gone", deleted=True))
    return records


def _outcome(library: Library) -> dict[str, tuple[str, str]]:
    return {
        c.local_id: (c.method, Record.objects.get(pk=c.record_id).title)
        for c in Contribution.objects.filter(library=library)
    }


@pytest.mark.parametrize("parallel", [False, True])
def test_forked_preparation_merges_as_preparing_here_does(smp3, laskar, parallel):
    report = merge_all(smp3, _harvest(), origin=Origin.HARVEST, size=3, parallel=parallel)
    outcome = _outcome(smp3)
    assert (report.received, report.merged, report.created) == (13, 4, 7)
    assert [p.split(":")[0] for p in report.problems] == ["untitled"]
    assert "245" in report.problems[0]
    assert outcome["isbn"] == (MatchMethod.ISBN, laskar.title)
    assert outcome["number"] == (MatchMethod.NUMBER, laskar.title)
    assert outcome["similar"] == (MatchMethod.SIMILAR, laskar.title)
    # A record met in an earlier batch is matched against the record that batch made.
    assert outcome["again-0"] == (MatchMethod.SIMILAR, "Kumpulan cerita rakyat Lampung jilid 1")
    assert "untitled" not in outcome


def test_a_failure_while_reading_stops_after_the_merged_batches(smp3, laskar):
    merged = []

    def records() -> Iterator[Incoming]:
        yield from _harvest()[:6]
        raise HarvestFailed(url="http://127.0.0.1:9/oai", reason="putus")

    with pytest.raises(HarvestFailed):
        merge_all(
            smp3, records(), origin=Origin.HARVEST, size=3, parallel=True, on_batch=merged.append
        )
    assert [report.received for report in merged] == [3, 3]
    assert Contribution.objects.filter(library=smp3).count() == 6


def test_a_failure_while_merging_stops_the_children(smp3, laskar, monkeypatch):
    import simpul.network.union.merge as merge

    calls = []
    real = merge.merge_batch

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(merge, "merge_batch", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        merge_all(smp3, _harvest(), origin=Origin.HARVEST, size=2, parallel=True)
    assert Contribution.objects.filter(library=smp3).count() == 2
    import multiprocessing

    assert multiprocessing.active_children() == []


def test_the_upload_command_merges_a_real_file_as_the_web_upload_does(
    smp3, laskar, monkeypatch, capsys
):
    """383 real records (marc4j's Pride and Prejudice editions), in batches of 100 so the
    command's forked preparation is used, then the same file through the web's in-process
    path for another library: the same counts and the same records matched."""
    import functools
    from io import StringIO

    from django.core.management import call_command

    import simpul.network.union.upload as upload_module
    from simpul.network.union.upload import upload

    monkeypatch.setattr(
        upload_module, "merge_all", functools.partial(upload_module.merge_all, size=100)
    )
    path = FIXTURES / "pride-and-prejudice-fixed.mrc"
    out = StringIO()
    call_command("union_upload", "SMPN3", str(path), stdout=out)
    assert out.getvalue().startswith("383 records: ")
    forked = Contribution.objects.filter(library=smp3)
    assert forked.count() == 347  # 36 records repeat another's 001+003: the last one wins
    other = Library.objects.get(code="SMAN1")
    with path.open("rb") as stream:
        report = upload(other, stream, path.name)
    assert report.received == 383
    # Every record of the second library matches the record the first one made for it.
    mine = dict(forked.values_list("local_id", "record_id"))
    theirs = dict(Contribution.objects.filter(library=other).values_list("local_id", "record_id"))
    assert theirs == mine
