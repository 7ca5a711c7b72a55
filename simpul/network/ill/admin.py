from django.contrib import admin

from simpul.network.ill.models import IllPeer, IllRequest


@admin.register(IllPeer)
class IllPeerAdmin(admin.ModelAdmin):
    list_display = ["name", "agency_id_type", "agency_id_value", "endpoint_url", "active"]


@admin.register(IllRequest)
class IllRequestAdmin(admin.ModelAdmin):
    list_display = ["request_id", "title", "status", "requester_library", "supplier_library"]
    list_filter = ["status"]
    readonly_fields = [field.name for field in IllRequest._meta.fields]
