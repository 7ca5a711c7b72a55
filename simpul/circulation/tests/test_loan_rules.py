"""The rules as stored: the seeded starting rules, a library's own rules winning, calendars from
opening hours and closures, and the screen where staff read and edit them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from simpul.catalog.choices import ItemType
from simpul.circulation import rules
from simpul.circulation.models import LoanRule
from simpul.circulation.tests.desk_world import category, network_default
from simpul.libraries import services as library_services


def test_the_network_starts_with_a_default_and_rules_by_item_type(db):
    seeded = {
        rule.item_type: (rule.loan_days, rule.max_items)
        for rule in LoanRule.objects.filter(library=None, category=None)
    }
    assert seeded[""] == (14, 3)
    assert seeded[ItemType.CHILDREN] == (7, 3)
    assert seeded[ItemType.REFERENCE][1] == 0
    assert seeded[ItemType.THESIS][1] == 0


def test_a_librarys_own_rule_wins_there_and_nowhere_else(kota, sman1):
    teachers = category("guru", "Guru")
    own = LoanRule.objects.create(library=sman1, category=teachers, loan_days=30, max_items=10)

    assert rules.rule_for(sman1, teachers.pk, ItemType.BOOK) == own
    assert rules.rule_for(kota, teachers.pk, ItemType.BOOK) == network_default()
    assert rules.rule_for(sman1, teachers.pk, ItemType.CHILDREN) == own  # library beats type


def test_due_dates_skip_the_weekend_the_holiday_and_the_librarys_own_closure(sman1, kota):
    # SMA N 1 opens Monday to Friday. From Saturday 1 August + 14 days: Saturday the 15th,
    # Sunday, Monday the 17th (Independence Day), Tuesday (stocktaking): Wednesday the 19th.
    library_services.add_closure(sman1, date(2026, 8, 18), "Stok opname")
    assert rules.due_on(sman1, date(2026, 8, 1), 14) == date(2026, 8, 19)
    # The city library opens on weekends and is not stocktaking: only the holiday counts.
    assert rules.due_on(kota, date(2026, 8, 1), 16) == date(2026, 8, 18)


def test_every_staff_member_reads_the_rules_with_the_precedence_explained(client_as, budi, kota):
    response = client_as(budi).get(reverse("circulation:rules", args=["KOTA"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "paling khusus" in html
    assert "Seluruh jaringan" in html
    assert "baca di tempat" in html  # the matrix marks reference works
    assert reverse("circulation:rule-new", args=["KOTA"]) not in html  # the desk cannot edit


def test_a_library_admin_adds_a_rule_for_their_library(client_as, agus, sman1):
    teachers = category("guru", "Guru")
    form = {
        "scope": "library", "category": teachers.pk, "item_type": "", "loan_days": 30,
        "renewals": 2, "max_items": 10, "fine_per_day": 0, "grace_days": 0, "fine_cap": 0,
    }  # fmt: skip
    client = client_as(agus)

    response = client.post(reverse("circulation:rule-new", args=["SMAN1"]), form)

    assert response.status_code == 302
    rule = LoanRule.objects.get(library=sman1, category=teachers)
    assert (rule.loan_days, rule.max_items) == (30, 10)
    again = client.post(reverse("circulation:rule-new", args=["SMAN1"]), form)
    assert "Aturan untuk kombinasi ini sudah ada." in again.content.decode()
    assert LoanRule.objects.filter(library=sman1).count() == 1


def test_only_network_admins_change_network_wide_rules(client_as, agus, admin, sman1):
    default = network_default()
    edit = reverse("circulation:rule-edit", args=["SMAN1", default.pk])
    delete = reverse("circulation:rule-delete", args=["SMAN1", default.pk])

    assert client_as(agus).get(edit).status_code == 403
    assert client_as(agus).post(delete).status_code == 403
    new_rule = client_as(agus).get(reverse("circulation:rule-new", args=["SMAN1"]))
    assert 'value="network"' not in new_rule.content.decode()

    fields = {
        "scope": "network", "category": "", "item_type": "", "loan_days": 21, "renewals": 1,
        "max_items": 3, "fine_per_day": 500, "grace_days": 1, "fine_cap": 20000,
    }  # fmt: skip
    assert client_as(admin).post(edit, fields).status_code == 302
    default.refresh_from_db()
    assert (default.loan_days, default.library) == (21, None)


def test_rules_of_another_library_are_not_found_and_desk_staff_cannot_edit(
    client_as, agus, budi, kota
):
    theirs = LoanRule.objects.create(library=kota, item_type=ItemType.SERIAL, loan_days=3)
    assert (
        client_as(agus).get(reverse("circulation:rule-edit", args=["SMAN1", theirs.pk])).status_code
        == 404
    )
    assert client_as(budi).get(reverse("circulation:rule-new", args=["KOTA"])).status_code == 403


def test_a_library_admin_deletes_their_own_rule(client_as, dewi, kota):
    own = LoanRule.objects.create(library=kota, item_type=ItemType.SERIAL, loan_days=3)
    response = client_as(dewi).post(reverse("circulation:rule-delete", args=["KOTA", own.pk]))
    assert response.status_code == 302
    assert not LoanRule.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize("code", ["SMAN2", "TIDAKADA"])
def test_the_rules_of_a_library_outside_ones_scope_are_not_found(client_as, rina, code):
    assert client_as(rina).get(reverse("circulation:rules", args=[code])).status_code == 404
