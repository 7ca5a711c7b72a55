"""Notices go out through a real SMTP server on loopback, in the member's language, once."""

from __future__ import annotations

import socket
from datetime import timedelta
from email.header import decode_header, make_header
from email.message import Message
from typing import Any

import pytest

from simpul.circulation import holds, notices
from simpul.circulation.choices import NoticeKind, NoticeOutcome
from simpul.circulation.models import Notice
from simpul.circulation.tests.hold_world import MONDAY, TODAY, book, copy, lend, membership


@pytest.fixture(autouse=True)
def _monday(time_machine: Any) -> None:
    time_machine.move_to(MONDAY, tick=False)


@pytest.fixture
def siti_member(network: Any) -> Any:
    return membership(network.people["siti"], network.libraries["SMAN1"], number="M-0001")


@pytest.fixture
def nur_member(network: Any) -> Any:
    """Nur reads her notices in English."""
    return membership(
        network.people["nur"], network.libraries["UMMETRO"], number="M-0003", language="en"
    )


@pytest.fixture
def laskar(kota: Any, sman1: Any) -> Any:
    return book("Laskar Pelangi", (kota, "K-001"), (sman1, "S-001"))


def text_of(message: Message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def html_of(message: Message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/html")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def subject_of(message: Message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def test_a_loan_due_in_two_days_is_announced_in_indonesian(smtp_inbox, siti_member, laskar):
    loan = lend(copy("S-001"), siti_member, TODAY + timedelta(days=2))

    counts = notices.send_due_notices()

    assert counts == {NoticeOutcome.SENT: 1}
    [message] = smtp_inbox.messages
    assert message["To"] == "siti@contoh.example"
    assert subject_of(message) == "Pengingat: “Laskar Pelangi” jatuh tempo 4 Maret"
    body = text_of(message)
    assert "Halo Siti Rahmawati," in body
    assert "paling lambat Rabu, 4 Maret 2026" in body
    assert "Perpustakaan SMA Negeri 1 Metro" in body
    assert "http://127.0.0.1:8000/akun/pinjaman/" in body
    assert "<strong>Rabu, 4 Maret 2026</strong>" in html_of(message)
    notice = Notice.objects.get()
    assert (notice.kind, notice.loan, notice.outcome, notice.language) == (
        NoticeKind.DUE_SOON,
        loan,
        NoticeOutcome.SENT,
        "id",
    )
    assert notice.key == f"loan:{loan.pk}:due_soon:2026-03-04"


def test_an_english_reader_gets_the_same_notice_in_english(smtp_inbox, nur_member, laskar):
    lend(copy("K-001"), nur_member, TODAY + timedelta(days=2))

    notices.send_due_notices()

    [message] = smtp_inbox.messages
    assert subject_of(message) == "Reminder: “Laskar Pelangi” is due on 4 March"
    body = text_of(message)
    assert "Hello Nur Aini," in body
    assert "Wednesday, 4 March 2026" in body
    assert Notice.objects.get().language == "en"


def test_a_notice_is_never_sent_twice(smtp_inbox, siti_member, laskar):
    lend(copy("S-001"), siti_member, TODAY + timedelta(days=2))

    notices.send_due_notices()
    notices.send_due_notices()
    notices.send_due_notices(TODAY + timedelta(days=1))  # still due soon, already told

    assert len(smtp_inbox.messages) == 1
    assert Notice.objects.count() == 1


def test_a_renewed_loan_is_announced_again_for_its_new_due_date(smtp_inbox, siti_member, laskar):
    loan = lend(copy("S-001"), siti_member, TODAY + timedelta(days=2))
    notices.send_due_notices()

    loan.due_on = TODAY + timedelta(days=16)
    loan.save(update_fields=["due_on"])
    notices.send_due_notices(TODAY + timedelta(days=14))

    assert len(smtp_inbox.messages) == 2


def test_overdue_loans_are_chased_at_one_seven_and_fourteen_days(
    smtp_inbox, time_machine, siti_member, laskar
):
    lend(copy("S-001"), siti_member, TODAY - timedelta(days=1))

    for day in range(14):
        time_machine.move_to(MONDAY + timedelta(days=day), tick=False)
        notices.send_due_notices()

    kinds = list(Notice.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [NoticeKind.OVERDUE_1, NoticeKind.OVERDUE_7, NoticeKind.OVERDUE_14]
    subjects = [subject_of(message) for message in smtp_inbox.messages]
    assert subjects == [
        "Terlambat 1 hari: “Laskar Pelangi”",
        "Terlambat 7 hari: “Laskar Pelangi”",
        "Terlambat 14 hari: “Laskar Pelangi”",
    ]
    assert "sekarang terlambat 14 hari" in text_of(smtp_inbox.messages[-1])


def test_a_worker_that_was_stopped_sends_only_the_latest_overdue_step(
    smtp_inbox, nur_member, laskar
):
    lend(copy("K-001"), nur_member, TODAY - timedelta(days=9))

    notices.send_due_notices()

    assert [subject_of(m) for m in smtp_inbox.messages] == ["9 days overdue: “Laskar Pelangi”"]
    assert Notice.objects.get().kind == NoticeKind.OVERDUE_7


def test_a_hold_ready_notice_leaves_when_the_check_in_commits_and_only_once(
    smtp_inbox, siti_member, laskar, sman1, django_capture_on_commit_callbacks
):
    hold = holds.place_hold(laskar, siti_member, sman1)

    with django_capture_on_commit_callbacks(execute=True):
        holds.trap(copy("S-001"), sman1)
    notices.send_due_notices()

    [message] = smtp_inbox.messages
    assert subject_of(message) == "Pesanan Anda siap diambil: “Laskar Pelangi”"
    assert "paling lambat Senin, 9 Maret 2026" in text_of(message)
    notice = Notice.objects.get()
    assert (notice.kind, notice.hold_id, notice.key) == (
        NoticeKind.HOLD_READY,
        hold.pk,
        f"hold:{hold.pk}:ready",
    )


def test_a_hold_ready_notice_lost_with_its_process_is_sent_by_the_next_round(
    smtp_inbox, nur_member, laskar, kota, django_capture_on_commit_callbacks
):
    holds.place_hold(laskar, nur_member, kota)
    with django_capture_on_commit_callbacks(execute=False):
        holds.trap(copy("K-001"), kota)  # the process died before the commit hook ran

    notices.send_due_notices()

    [message] = smtp_inbox.messages
    assert subject_of(message) == "Your hold is ready to collect: “Laskar Pelangi”"


def test_members_are_reminded_fourteen_days_before_their_membership_ends(
    smtp_inbox, siti_member, nur_member
):
    siti_member.expires_on = TODAY + timedelta(days=14)
    siti_member.save()
    nur_member.expires_on = TODAY + timedelta(days=15)
    nur_member.save()

    notices.send_due_notices()

    [message] = smtp_inbox.messages
    assert subject_of(message) == "Keanggotaan perpustakaan Anda berakhir pada 16 Maret 2026"
    assert "(nomor M-0001)" in text_of(message)


def test_a_member_without_an_address_is_recorded_as_such(smtp_inbox, network, laskar, sman1):
    member = membership(None, sman1, number="M-0500", name="Pak Darto", email="")
    lend(copy("S-001"), member, TODAY + timedelta(days=2))

    assert notices.send_due_notices() == {NoticeOutcome.NO_ADDRESS: 1}
    assert smtp_inbox.messages == []
    assert Notice.objects.get().subject == "Pengingat: “Laskar Pelangi” jatuh tempo 4 Maret"


def test_a_mail_server_that_refuses_leaves_a_failed_notice_with_its_answer(
    smtp_inbox, siti_member, laskar
):
    async def refuse(server: Any, session: Any, envelope: Any) -> str:
        return "554 5.7.1 Pesan ditolak"

    smtp_inbox.handle_DATA = refuse
    lend(copy("S-001"), siti_member, TODAY + timedelta(days=2))

    assert notices.send_due_notices() == {NoticeOutcome.FAILED: 1}
    notice = Notice.objects.get()
    assert notice.outcome == NoticeOutcome.FAILED
    assert "554" in notice.error
    assert "Pesan ditolak" in notice.error

    notices.send_due_notices()  # a failed notice is not sent again either
    assert Notice.objects.count() == 1


def test_while_the_mail_server_is_unreachable_notices_wait_for_the_next_round(
    smtp_inbox, settings, siti_member, nur_member, laskar, sman1
):
    working_port = settings.EMAIL_PORT
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = probe.getsockname()[1]
    lend(copy("S-001"), siti_member, TODAY + timedelta(days=2))
    lend(copy("K-001"), nur_member, TODAY - timedelta(days=1))
    darto = membership(None, sman1, number="M-0501", name="Pak Darto", email="")
    book("Bumi Manusia", (sman1, "B-001"))
    lend(copy("B-001"), darto, TODAY + timedelta(days=1))

    assert notices.send_due_notices() == {NoticeOutcome.NO_ADDRESS: 1}  # needs no server
    assert list(Notice.objects.values_list("outcome", flat=True)) == [NoticeOutcome.NO_ADDRESS]

    settings.EMAIL_PORT = working_port
    assert notices.send_due_notices() == {NoticeOutcome.SENT: 2}
    assert len(smtp_inbox.messages) == 2


def test_finding_due_notices_costs_one_query_whatever_the_number_of_loans(
    django_assert_num_queries, network, sman1
):
    title = book("Bumi Manusia", *[(sman1, f"B-{n:03}") for n in range(6)])
    for n in range(6):
        member = membership(None, sman1, number=f"M-06{n:02}")
        lend(copy(f"B-{n:03}"), member, TODAY + timedelta(days=n - 3))
    assert title.pk

    with django_assert_num_queries(1):
        found = notices.loan_notices(TODAY)

    assert len(found) == 5  # due today is neither due soon nor overdue
