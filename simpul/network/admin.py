"""Partners and agreements in the network administrators' admin site. Day-to-day work happens
in the staff screens, which go through services.py; here agreement numbers, parties, statuses
and reminders are read-only so the admin cannot bypass the checks and the history."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from simpul.network.models import (
    Agreement,
    AgreementReminder,
    AgreementStatusChange,
    Contact,
    Partner,
)


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "city", "country", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "city")
    filter_horizontal = ("libraries",)
    readonly_fields = ("slug",)
    inlines = [ContactInline]


class StatusChangeInline(admin.TabularInline):
    model = AgreementStatusChange
    extra = 0
    can_delete = False
    fields = ("at", "old", "new", "by", "note")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "kind", "status", "starts_on", "ends_on")
    list_filter = ("kind", "status")
    search_fields = ("number", "title", "partners__name")
    readonly_fields = ("number", "status", "document", "document_name")
    inlines = [StatusChangeInline]


@admin.register(AgreementReminder)
class AgreementReminderAdmin(admin.ModelAdmin):
    list_display = ("key", "address", "outcome", "sent_at")
    list_filter = ("outcome",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
