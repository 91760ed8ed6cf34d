"""The agreements table: ICE 287(g) agreements and applications, one row each, dated by ICE's own sheets.

Dates say what the sheets show: first and last listed (the dates of the sheets), and the sheet the
agreement was first absent from — never the day a sheet happened to be imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from tracker.common.tables import Column
from tracker.conflicts.choices import OPEN_STATUSES
from tracker.partnerships.choices import PartnershipStatus
from tracker.partnerships.models import Partnership
from tracker.partnerships.querysets import PartnershipQuerySet
from tracker.places.choices import STATE_LEVEL_KINDS, AgencyKind
from tracker.places.index import COUNTY_KINDS
from tracker.places.models import Agency, CountyMember, Jurisdiction

MAX_ROWS = 10000
#: The status filter's value that selects every status.
ANY_STATUS = "all"


@dataclass(frozen=True)
class AgreementFilter:
    """Where, which program, which status; `active_on` judges "active" on that date."""

    state: str = ""
    place: Jurisdiction | None = None
    model: str = ""
    status: str = PartnershipStatus.ACTIVE
    active_on: date | None = None


@dataclass(frozen=True)
class AgreementRow:
    """One agreement or application as the table shows it."""

    partnership_id: int
    agency: str
    agency_kind: str
    state: str
    home: str
    home_ocd_id: str
    county: str
    model: str
    status: str
    signed_on: date | None
    signed_raw: str
    first_listed: date | None
    last_listed: date | None
    absent_from: date | None
    moa_url: str
    open_flags: int

    @property
    def listed(self) -> str:
        """'last listed 2026-05-18; absent from 2026-06-01' in the sheets' own dates."""
        text = f"last listed {self.last_listed}" if self.last_listed else "listing dates unknown"
        return text + (f"; absent from the sheet of {self.absent_from}" if self.absent_from else "")


COLUMNS: list[Column[AgreementRow]] = [
    Column("agency", "Agency", lambda r: r.agency),
    Column("kind", "Kind of agency", lambda r: AgencyKind(r.agency_kind).label if r.agency_kind in AgencyKind.values
           else r.agency_kind),
    Column("state", "State", lambda r: r.state),
    Column("home", "Home jurisdiction", lambda r: r.home),
    Column("county", "County", lambda r: r.county),
    Column("model", "Program", lambda r: r.model),
    Column("status", "Status", lambda r: PartnershipStatus(r.status).label),
    Column("signed", "Signed", lambda r: r.signed_on or r.signed_raw),
    Column("first_listed", "First listed", lambda r: r.first_listed),
    Column("last_listed", "Last listed", lambda r: r.last_listed),
    Column("absent_from", "Absent from sheet of", lambda r: r.absent_from),
    Column("moa", "MOA", lambda r: r.moa_url),
    Column("flags", "Open flags", lambda r: r.open_flags),
]


def _selected(flt: AgreementFilter) -> PartnershipQuerySet:
    rows = Partnership.objects.all()
    if flt.status == PartnershipStatus.ACTIVE:
        rows = Partnership.objects.active(flt.active_on)
    elif flt.status == PartnershipStatus.PENDING:
        rows = rows.pending()
    elif flt.status == PartnershipStatus.ENDED:
        rows = rows.filter(status=PartnershipStatus.ENDED)
    if flt.state:
        rows = rows.filter(agency__state__postal_code__iexact=flt.state)
    if flt.place is not None:
        if flt.place.kind in STATE_LEVEL_KINDS:
            rows = rows.filter(agency__state=flt.place)
        else:
            rows = rows.filter(agency__in=Agency.objects.present_in([flt.place.pk]).values("pk"))
    if flt.model:
        rows = rows.filter(program__code=flt.model)
    return rows


def agreement_table(flt: AgreementFilter) -> list[AgreementRow]:
    """The agreements the filter selects, by state and agency, with their open flags counted; two queries."""
    rows = list(
        _selected(flt).annotate(open_flags=Count("flags", filter=Q(flags__status__in=OPEN_STATUSES)))
        .values_list("pk", "agency__name", "agency__kind", "agency__state__postal_code", "agency__home__name",
                     "agency__home__ocd_id", "agency__home_id", "agency__home__kind", "program__name", "status",
                     "signed_on", "signed_raw", "first_seen_on", "last_seen_on", "ended_in__published_on", "moa_url",
                     "open_flags")
        .order_by("agency__state__postal_code", "agency__name", "program__name")[:MAX_ROWS]
    )
    counties: dict[int, list[str]] = {}
    homes = {r[6] for r in rows if r[6]}
    for member, name in CountyMember.objects.filter(member_id__in=homes).values_list("member_id", "county__name"):
        counties.setdefault(member, []).append(name)
    return [
        AgreementRow(
            partnership_id=r[0], agency=r[1], agency_kind=r[2], state=r[3] or "", home=r[4] or "",
            home_ocd_id=r[5] or "", county=r[4] if r[7] in COUNTY_KINDS else "; ".join(
                sorted(counties.get(r[6] or 0, []))),
            model=r[8], status=r[9], signed_on=r[10], signed_raw=r[11], first_listed=r[12], last_listed=r[13],
            absent_from=r[14], moa_url=r[15], open_flags=r[16],
        )
        for r in rows
    ]
