"""`manage.py send_digests [--period daily|weekly]`: collect new hits and e-mail the digests."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tracker.alerts.choices import DigestPeriod
from tracker.alerts.services import digest_period, digests_send, hits_collect


class Command(BaseCommand):
    """Collect hits for every watch, then send each user at most one digest for the current period."""

    help = "Record new facts that touch watches and e-mail each user their unsent hits (once per period)."

    def add_arguments(self, parser: CommandParser) -> None:
        """Options."""
        parser.add_argument("--period", choices=DigestPeriod.values, default=None,
                            help="Override settings.ALERTS_DIGEST_PERIOD for this run.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Collect, send, report."""
        hits = hits_collect()
        sent = digests_send(period=options["period"])
        self.stdout.write(f"{hits} new hit(s); {sent} digest(s) sent for {digest_period(period=options['period'])}.")
