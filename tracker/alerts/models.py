"""Watches (stored intent), the hits they collect, and the digests that send them."""

from django.conf import settings
from django.db import models

from tracker.alerts.choices import HitKind, WatchKind


class Watch(models.Model):
    """A user follows a jurisdiction or a rule: the intent, so it covers facts added later."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches")
    kind = models.CharField(max_length=20, choices=WatchKind.choices, help_text="What is followed.")
    jurisdiction = models.ForeignKey(
        "places.Jurisdiction", on_delete=models.CASCADE, null=True, blank=True, related_name="watches",
        help_text="The jurisdiction followed (with what lies inside it).",
    )
    rule_id = models.CharField(max_length=40, blank=True, help_text="The rule followed (e.g. FR-FED-001).")
    created_at = models.DateTimeField(auto_now_add=True, help_text="Facts that appear from then on are reported.")

    class Meta:
        ordering = ["user", "kind", "rule_id", "jurisdiction__ocd_id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=WatchKind.JURISDICTION, jurisdiction__isnull=False, rule_id="")
                | models.Q(kind=WatchKind.RULE, jurisdiction__isnull=True) & ~models.Q(rule_id=""),
                name="watch_target_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["user", "jurisdiction"], condition=models.Q(kind=WatchKind.JURISDICTION),
                name="watch_unique_jurisdiction",
            ),
            models.UniqueConstraint(
                fields=["user", "rule_id"], condition=models.Q(kind=WatchKind.RULE), name="watch_unique_rule"
            ),
        ]

    def __str__(self) -> str:
        target = self.rule_id if self.kind == WatchKind.RULE else self.jurisdiction_id
        return f"{self.user_id} watches {self.kind} {target}"


class Digest(models.Model):
    """One digest per user and period, claimed before sending so a second run sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests")
    period = models.CharField(max_length=12, help_text='The period it covers: "2026-11-24" or "2026-W48".')
    claimed_at = models.DateTimeField(auto_now_add=True)
    hit_count = models.PositiveIntegerField(default=0, help_text="How many hits it reported.")

    class Meta:
        ordering = ["-claimed_at"]
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="digest_unique_user_period")]

    def __str__(self) -> str:
        return f"Digest {self.period} for {self.user_id}"


class WatchHit(models.Model):
    """A new fact that touches a watch; unsent until a digest carries it."""

    watch = models.ForeignKey(Watch, on_delete=models.CASCADE, related_name="hits")
    kind = models.CharField(max_length=10, choices=HitKind.choices, help_text="What kind of fact.")
    object_id = models.PositiveBigIntegerField(help_text="The flag, partnership or instrument id.")
    title = models.CharField(max_length=500, help_text="A one-line description, as of when it was found.")
    found_at = models.DateTimeField(auto_now_add=True)
    digest = models.ForeignKey(
        Digest, on_delete=models.SET_NULL, null=True, blank=True, related_name="hits",
        help_text="The digest that carried it; empty while unsent.",
    )

    class Meta:
        ordering = ["watch", "kind", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["watch", "kind", "object_id"], name="watch_hit_unique_fact"),
            models.CheckConstraint(condition=models.Q(kind__in=HitKind.values), name="watch_hit_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} for watch {self.watch_id}"
