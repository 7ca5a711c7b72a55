"""A member removed while a desk still serves them: the next scan says so, never a 500."""

from __future__ import annotations

from django.urls import reverse

from simpul.members.models import Member


def test_an_item_scanned_for_a_member_who_no_longer_exists_is_refused_with_a_reason(
    client_as, budi, kota, yoga_member, laskar
):
    client = client_as(budi)
    scan = reverse("circulation:scan", args=[kota.code])
    headers = {"HX-Request": "true"}
    client.post(scan, {"kode": yoga_member.number}, headers=headers)
    session = client.session
    session["circulation_desk"][kota.code]["member"] = 10**9  # as if the member were deleted
    session.save()

    answer = client.post(scan, {"kode": "K-001"}, headers=headers)

    assert answer.status_code == 200
    assert "Anggota ini tidak ada lagi" in answer.content.decode()
    assert not Member.objects.filter(pk=10**9).exists()
