"""Admin for watches, hits and digests (read-mostly: the services write them)."""

from django.contrib import admin

from tracker.alerts.models import Digest, Watch, WatchHit


@admin.register(Watch)
class WatchAdmin(admin.ModelAdmin):
    """Who follows what."""

    list_display = ["user", "kind", "jurisdiction", "rule_id", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "jurisdiction"]


@admin.register(WatchHit)
class WatchHitAdmin(admin.ModelAdmin):
    """New facts found for watches, sent or not."""

    list_display = ["watch", "kind", "object_id", "title", "found_at", "digest"]
    list_filter = ["kind"]
    raw_id_fields = ["watch", "digest"]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    """Digests claimed and sent, one per user and period."""

    list_display = ["user", "period", "claimed_at", "hit_count"]
    raw_id_fields = ["user"]
