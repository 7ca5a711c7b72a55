from django.contrib import admin

from simpul.libraries.models import Closure, Library, OpeningHours, StaffRole


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Library)
class LibraryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "lends_to_network", "is_active", "is_demo")
    list_filter = ("kind", "lends_to_network", "is_active", "is_demo")
    search_fields = ("code", "name", "address")
    inlines = [OpeningHoursInline]


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ("date", "name", "kind", "library")
    list_filter = ("kind",)
    date_hierarchy = "date"


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "library")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name")
