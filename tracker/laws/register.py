"""The health of the law register: marks, official sources, last checks, and what needs attention.

Read by `manage.py laws_report` and the admin's register page. Every figure is computed from the
stored facts in a fixed number of queries, whatever the size of the register.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from tracker.laws.choices import InstrumentStatus, ProvisionType, SurveyFinding, SurveyTopic
from tracker.laws.models import Instrument, Provision, Survey
from tracker.partnerships.models import Partnership
from tracker.places.choices import JurisdictionKind
from tracker.places.models import Jurisdiction
from tracker.sources.choices import OFFICIAL_KINDS
from tracker.sources.models import Source

#: A secondary-only (◐) fact older than this is due for another look.
STALE_UNVERIFIED = timedelta(days=365)
#: The 287(g) position of a state, from the provisions in force there, in the words the report uses.
POSITION_WORDS = {
    ProvisionType.PROHIBITS_287G: "ban",
    ProvisionType.CONDITIONS_287G: "conditions",
    ProvisionType.MANDATES_287G: "mandate",
}


@dataclass(frozen=True)
class InstrumentHealth:
    """One instrument's line in the report."""

    key: str
    citation: str
    jurisdiction: str
    verified: bool
    official_sources: tuple[str, ...]
    checked_on: date | None
    attention: tuple[str, ...]

    @property
    def mark(self) -> str:
        """✅ verified against an official text, ◐ secondary sources only."""
        return "✅" if self.verified else "◐"


@dataclass(frozen=True)
class StatePosition:
    """A state's stated 287(g) position: from the provisions in force, or a survey that found none."""

    state: str
    postal_code: str
    position: str
    basis: str
    active_agreements: int


@dataclass
class RegisterReport:
    """The register's health on a date."""

    on: date
    instruments: list[InstrumentHealth] = field(default_factory=list)
    states: list[StatePosition] = field(default_factory=list)

    @property
    def with_official_source(self) -> int:
        """Instruments carrying at least one official source."""
        return sum(1 for i in self.instruments if i.official_sources)

    @property
    def official_share(self) -> float:
        """Share of instruments with an official source, in per cent."""
        return 100 * self.with_official_source / len(self.instruments) if self.instruments else 0.0

    @property
    def unstated_states(self) -> list[StatePosition]:
        """States with active agreements and no stated 287(g) position."""
        return [s for s in self.states if s.position == "not stated" and s.active_agreements]

    def summary(self) -> str:
        """The one line the README quotes."""
        verified = sum(1 for i in self.instruments if i.verified)
        attention = sum(1 for i in self.instruments if i.attention)
        stated = sum(1 for s in self.states if s.position != "not stated")
        return (
            f"{len(self.instruments)} instruments, {self.with_official_source} with an official source "
            f"({self.official_share:.0f} %), {verified} verified; {attention} need attention; "
            f"287(g) position stated for {stated} of {len(self.states)} states (DC included), "
            f"{len(self.unstated_states)} with agreements and none stated"
        )


def _attention(inst: Instrument, official: list[Source], on: date) -> list[str]:
    notes = []
    if not official:
        notes.append("no official source: shown as unverified")
    if (
        inst.sunset_on
        and inst.sunset_on <= on
        and inst.status not in (InstrumentStatus.EXPIRED, InstrumentStatus.REPEALED)
    ):
        notes.append(f"sunset {inst.sunset_on} has passed but status is {inst.get_status_display().lower()}")
    if inst.status == InstrumentStatus.ENACTED and inst.effective_on and inst.effective_on <= on:
        notes.append(f"effective {inst.effective_on} has passed but status is still enacted")
    for provision in inst.provisions.all():
        if provision.ends_on and provision.ends_on <= on and inst.status == InstrumentStatus.IN_FORCE:
            notes.append(f"provision {provision.key} ended {provision.ends_on}: check what replaced it")
        if not provision.quote and provision.type != ProvisionType.DEFINITION:
            notes.append(f"provision {provision.key} has no quoted text")
    if not inst.verified:
        seen = inst.checked_on or inst.created_at.date()
        if on - seen > STALE_UNVERIFIED:
            notes.append(f"unverified (◐) since {seen}: look again for an official text")
    return notes


def instrument_health(on: date) -> list[InstrumentHealth]:
    """Every instrument with its official sources (its own and its provisions') and what needs attention."""
    instruments = (
        Instrument.objects.select_related("jurisdiction")
        .prefetch_related(
            Prefetch("sources", queryset=Source.objects.only("key", "kind")),
            Prefetch("provisions", queryset=Provision.objects.only("key", "type", "quote", "ends_on", "instrument_id")),
            Prefetch("provisions__sources", queryset=Source.objects.only("key", "kind")),
        )
        .order_by("jurisdiction__ocd_id", "citation")
    )
    rows = []
    for inst in instruments:
        cited = [*inst.sources.all(), *(s for p in inst.provisions.all() for s in p.sources.all())]
        official = list({s.key: s for s in cited if s.kind in OFFICIAL_KINDS}.values())
        rows.append(
            InstrumentHealth(
                key=inst.key,
                citation=inst.citation,
                jurisdiction=inst.jurisdiction.name,
                verified=inst.verified,
                official_sources=tuple(s.key for s in official),
                checked_on=inst.checked_on,
                attention=tuple(_attention(inst, official, on)),
            )
        )
    return rows


def state_positions(on: date) -> list[StatePosition]:
    """Each state's and DC's 287(g) position on a date, with its basis and its active agreements."""
    states = list(Jurisdiction.objects.filter(kind__in=[JurisdictionKind.STATE, JurisdictionKind.DISTRICT]))
    by_state: dict[int, list[Provision]] = defaultdict(list)
    for provision in (
        Provision.objects.in_force(on)
        .of_type(*POSITION_WORDS)
        .select_related("instrument")
        .filter(instrument__jurisdiction__in=states)
    ):
        by_state[provision.instrument.jurisdiction_id].append(provision)
    surveys = {
        s.jurisdiction_id: s for s in Survey.objects.filter(topic=SurveyTopic.AGREEMENTS_287G, jurisdiction__in=states)
    }
    agreements: dict[int, int] = defaultdict(int)
    for state_id in Partnership.objects.active(on).values_list("agency__state_id", flat=True):
        agreements[state_id] += 1
    positions = []
    for state in sorted(states, key=lambda s: s.name):
        provisions = by_state.get(state.id, [])
        if provisions:
            words = sorted({POSITION_WORDS[ProvisionType(p.type)] for p in provisions})
            position = " and ".join(words)
            basis = "; ".join(sorted({p.instrument.citation for p in provisions}))
        elif state.id in surveys:
            survey = surveys[state.id]
            position = {SurveyFinding.NONE_FOUND: "none", SurveyFinding.UNRESOLVED: "unresolved"}.get(
                SurveyFinding(survey.finding), "see survey"
            )
            basis = f"researched {survey.checked_on}: {survey.note}".strip()
        else:
            position, basis = "not stated", ""
        positions.append(StatePosition(state.name, state.postal_code, position, basis, agreements.get(state.id, 0)))
    return positions


def register_report(on: date | None = None) -> RegisterReport:
    """The register's health on a date (today by default)."""
    on = on or timezone.localdate()
    return RegisterReport(on=on, instruments=instrument_health(on), states=state_positions(on))
