"""The loan-rules screen: the matrix that applies at one library, and editing its rules.

Every staff member of the library may read it; circulation.rules may change the library's
own rules, and only network administrators the network-wide ones.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.catalog.choices import ItemType
from simpul.circulation import policy, services
from simpul.circulation.errors import RuleExists
from simpul.circulation.forms import LoanRuleForm
from simpul.circulation.models import LoanRule
from simpul.circulation.rules import effective_matrix, rules_at
from simpul.libraries.access import (
    StaffRequest,
    can,
    get_library_for_staff,
    is_network_admin,
    staff_required,
)
from simpul.libraries.models import Library

RULES = "circulation.rules"


@staff_required
def rules(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, "library.view")
    ordered = sorted(rules_at(library), key=lambda rule: (-policy.rank(rule), str(rule)))
    context = {
        "library": library,
        "rules": [(rule, _editable(request, rule)) for rule in ordered],
        "matrix": effective_matrix(library),
        "item_types": ItemType.choices,
        "can_edit": can(request.user, RULES, library),
    }
    return render(request, "circulation/rules/rules.html", context)


def _editable(request: StaffRequest, rule: LoanRule) -> bool:
    if rule.library_id is None:
        return is_network_admin(request.user)
    return can(request.user, RULES, rule.library)


def _rule(request: StaffRequest, library: Library, pk: int) -> LoanRule:
    """A rule shown at this library (its own or network-wide) that this person may change."""
    rule = next((rule for rule in rules_at(library) if rule.pk == pk), None)
    if rule is None:
        raise Http404(_("Aturan tidak ditemukan."))
    if not _editable(request, rule):
        raise PermissionDenied(_("Aturan seluruh jaringan hanya diubah administrator jaringan."))
    return rule


@staff_required
def rule_new(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, RULES)
    return _edit(request, library, LoanRule(library=library))


@staff_required
def rule_edit(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library = get_library_for_staff(request, code, RULES)
    return _edit(request, library, _rule(request, library, pk))


def _edit(request: StaffRequest, library: Library, rule: LoanRule) -> HttpResponse:
    network = is_network_admin(request.user)
    form = LoanRuleForm(
        request.POST or None, instance=rule, library_name=library.name, network=network
    )
    if request.method == "POST" and form.is_valid():
        rule = form.save(commit=False)
        rule.library = None if form.cleaned_data["scope"] == "network" else library
        try:
            services.save_rule(rule)
        except RuleExists as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Aturan peminjaman sudah disimpan."))
            return redirect("circulation:rules", code=library.code)
    context = {"library": library, "form": form, "rule": rule}
    return render(request, "circulation/rules/rule_form.html", context)


@require_POST
@staff_required
def rule_delete(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library = get_library_for_staff(request, code, RULES)
    services.delete_rule(_rule(request, library, pk))
    messages.success(request, _("Aturan peminjaman sudah dihapus."))
    return redirect("circulation:rules", code=library.code)
