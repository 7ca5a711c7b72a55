"""Members in the network administrators' admin site. Day-to-day work happens in the staff
screens, which go through services.py and write the history; here numbers, statuses and the
history are read-only so the admin cannot bypass them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from simpul.members.models import Member, MemberCategory, MemberEvent, MemberNumberSequence


@admin.register(MemberCategory)
class MemberCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "validity_months", "needs_guardian", "max_age", "self_service")
    list_editable = ("validity_months",)
    ordering = ("sort", "name")


class MemberEventInline(admin.TabularInline):
    model = MemberEvent
    extra = 0
    can_delete = False
    fields = ("at", "kind", "by", "library", "note")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("full_name", "number", "category", "home_library", "status", "expires_on")
    list_filter = ("status", "category", "home_library")
    search_fields = ("full_name", "number", "email", "nik")
    list_select_related = ("category", "home_library")
    readonly_fields = ("number", "status", "approved_by", "approved_at", "created_at", "updated_at")
    raw_id_fields = ("user",)
    inlines = [MemberEventInline]


@admin.register(MemberNumberSequence)
class MemberNumberSequenceAdmin(admin.ModelAdmin):
    list_display = ("year", "last")
    readonly_fields = ("year", "last")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
