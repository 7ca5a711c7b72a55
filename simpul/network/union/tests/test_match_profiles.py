"""Candidates are scored from stored profiles (MatchProfile), folded once per record."""

from __future__ import annotations

import pytest

from simpul.catalog.models import Record
from simpul.libraries.models import Library
from simpul.network.union.choices import MatchMethod, Origin
from simpul.network.union.keys import refresh_keys
from simpul.network.union.matcher import profile, profile_from_text, profile_text
from simpul.network.union.merge import record_values
from simpul.network.union.models import Contribution, MatchProfile
from simpul.network.union.services import Incoming, merge_all
from simpul.network.union.tests.marc import marc

pytestmark = pytest.mark.django_db


def test_a_stored_profile_reads_back_as_the_profile_folded_from_the_record(laskar):
    data = marc("Jilid II : Sang Pemimpi", author="Hirata, Andrea, 1982-", edition="Cet. 2")
    folded = profile(record_values(data))
    assert profile_from_text(profile_text(folded)) == folded
    refresh_keys()
    stored = MatchProfile.objects.get(record=laskar).data
    assert profile_from_text(stored) == profile(record_values(laskar.marc))


def test_a_record_made_by_a_merge_gets_its_profile_with_its_keys(smp3: Library):
    merge_all(
        smp3, [Incoming("s1", marc("Sang pemimpi", author="Hirata, Andrea"))], origin=Origin.UPLOAD
    )
    record = Contribution.objects.get(local_id="s1").record
    assert MatchProfile.objects.filter(record=record).exists()


def test_a_candidate_keyed_before_profiles_were_stored_still_matches_and_gets_one(smp3, laskar):
    refresh_keys()
    MatchProfile.objects.filter(record=laskar).delete()
    data = marc("LASKAR PELANGI.", author="Andrea Hirata", year=2005)
    merge_all(smp3, [Incoming("b1", data)], origin=Origin.UPLOAD)
    contribution = Contribution.objects.get(local_id="b1")
    assert (contribution.record, contribution.method) == (laskar, MatchMethod.SIMILAR)
    assert MatchProfile.objects.filter(record=laskar).exists()


def test_deleting_a_record_deletes_its_profile(laskar: Record):
    refresh_keys()
    laskar.delete()
    assert not MatchProfile.objects.exists()
