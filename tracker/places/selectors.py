"""Cross-app reads of the places app: where the agencies holding a federal agreement are placed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef

from tracker.partnerships.models import Partnership
from tracker.places.models import Agency, AgencyCoverage


@dataclass(frozen=True)
class Unplaced:
    """An agency with an active agreement that no jurisdiction's law can reach yet, and why."""

    state: str
    name: str
    agency_type: str
    county: str
    note: str


@dataclass(frozen=True)
class Placement:
    """How many agencies with an active agreement have a home or a coverage row, and which do not."""

    on: date | None
    total: int
    located: int
    unplaced: list[Unplaced]

    @property
    def share(self) -> float:
        """The located share, in percent (100 when there is nothing to place)."""
        return 100.0 * self.located / self.total if self.total else 100.0


def placement(*, on: date | None = None) -> Placement:
    """Agencies with an agreement active on `on` (today by default): located (home or coverage) or not.

    Two queries: the agencies, and the sheet rows of the unplaced ones (ICE's TYPE and COUNTY).
    """
    active = Partnership.objects.active(on=on).filter(agency=OuterRef("pk"))
    agencies = Agency.objects.filter(Exists(active)).annotate(
        covered=Exists(AgencyCoverage.objects.filter(agency=OuterRef("pk")))
    )
    rows = list(agencies.values("pk", "name", "state__postal_code", "home_id", "covered", "review_note"))
    missing = [row for row in rows if row["home_id"] is None and not row["covered"]]
    sheet_rows: dict[int, dict[str, str]] = {}
    for agency_id, source_row in Partnership.objects.filter(agency__in=[r["pk"] for r in missing]).values_list(
        "agency_id", "source_row"
    ):
        sheet_rows.setdefault(agency_id, source_row or {})
    unplaced = [
        Unplaced(
            state=row["state__postal_code"],
            name=row["name"],
            agency_type=sheet_rows.get(row["pk"], {}).get("TYPE", ""),
            county=sheet_rows.get(row["pk"], {}).get("COUNTY", ""),
            note=row["review_note"],
        )
        for row in missing
    ]
    unplaced.sort(key=lambda u: (u.state, u.name))
    return Placement(on=on, total=len(rows), located=len(rows) - len(missing), unplaced=unplaced)
