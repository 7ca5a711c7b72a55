from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from simpul.accounts.models import User
from simpul.demo.personas import DEMO_PASSWORD, MEMBERS
from simpul.members.choices import MemberEventKind, MemberStatus
from simpul.members.models import Member, MemberCategory


def test_the_demo_has_an_active_member_of_every_category(lending):
    active = Member.objects.filter(status=MemberStatus.ACTIVE)
    codes = set(active.values_list("category__code", flat=True))
    assert codes == set(MemberCategory.objects.values_list("code", flat=True))
    assert {"pelajar", "mahasiswa", "guru", "umum", "anak", "staf-mitra"} <= codes


def test_the_child_has_a_guardian_and_everyone_lives_in_kota_metro(lending):
    child = Member.objects.get(category__code="anak")
    assert child.guardian_name
    assert child.guardian_phone
    assert child.needs_guardian(timezone.localdate())
    assert set(Member.objects.values_list("city", flat=True)) == {"Kota Metro"}
    assert all("Metro" in address for address in Member.objects.values_list("address", flat=True))


def test_the_member_personas_have_their_cards_on_their_own_sign_in(lending, network):
    for username in ("siti", "yoga", "nur"):
        member = Member.objects.get(user=network.people[username])
        assert member.status == MemberStatus.ACTIVE
        assert member.number.startswith("MTR")
        assert member.may_borrow(timezone.localdate())
        kinds = list(member.events.order_by("at").values_list("kind", flat=True))
        assert kinds == [MemberEventKind.REGISTERED, MemberEventKind.APPROVED]


def test_one_self_registration_waits_for_approval_and_can_sign_in(lending, client):
    pending = Member.objects.get(status=MemberStatus.PENDING)
    assert pending.number == ""
    assert pending.events.get().data == {"online": True}
    user = User.objects.get(member=pending)
    assert user.check_password(DEMO_PASSWORD)
    form = {"username": user.username, "password": DEMO_PASSWORD}
    assert client.post(reverse("accounts:login"), form).status_code == 302
    assert "Menunggu persetujuan" in client.get("/akun/anggota/").content.decode()


def test_member_numbers_follow_the_days_they_were_approved(lending):
    numbered = Member.objects.exclude(number="").order_by("approved_at")
    numbers = [member.number for member in numbered]
    assert numbers == sorted(numbers)


def test_one_membership_runs_out_within_two_weeks(lending):
    today = timezone.localdate()
    soon = Member.objects.filter(expires_on__gte=today, expires_on__lte=today + timedelta(14))
    assert soon.count() == 1
    assert soon.get().joined_on < today - timedelta(days=365)


def test_every_member_of_the_personas_is_loaded(lending):
    assert set(lending) == set(MEMBERS)
    assert Member.objects.count() == len(MEMBERS)
