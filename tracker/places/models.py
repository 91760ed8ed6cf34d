"""Jurisdictions (keyed by OCD division id) and the agencies that police them."""

from __future__ import annotations

from django.db import models

from tracker.common.models import Fact
from tracker.places.choices import (
    STATE_LEVEL_KINDS,
    AgencyKind,
    AliasMatch,
    CountyMembership,
    Coverage,
    CoverageBasis,
    JurisdictionKind,
    MembershipBasis,
    OriMatch,
)
from tracker.places.names import agency_name_key
from tracker.places.querysets import AgencyQuerySet, JurisdictionQuerySet

OCD_ID_REGEX = r"^ocd-division/country:us(/[a-z_]+:[^/:\s]+)*$"


class Jurisdiction(Fact):
    """A government with territory: state, county, place, consolidated city-county, territory…"""

    ocd_id = models.CharField(
        max_length=255,
        unique=True,
        help_text="Open Civic Data division id, the public key (e.g. ocd-division/country:us/state:ca/place:oakland).",
    )
    name = models.CharField(max_length=200, help_text="Name as the registry gives it.")
    kind = models.CharField(max_length=20, choices=JurisdictionKind.choices, help_text="What kind of government.")
    state = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="The state (or DC, or territory) it lies in; empty for the country and for states themselves.",
    )
    postal_code = models.CharField(
        max_length=2, blank=True, help_text="USPS code, for states, DC and territories only (e.g. LA)."
    )
    counties: models.ManyToManyField[Jurisdiction, CountyMember] = models.ManyToManyField(
        "self",
        through="CountyMember",
        symmetrical=False,
        related_name="county_members",
        blank=True,
        help_text="The counties this place lies in (a city may span several).",
    )
    county_membership = models.CharField(
        max_length=10,
        choices=CountyMembership.choices,
        default=CountyMembership.UNKNOWN,
        help_text="Whether the county links above are known; unknown is never read as 'in no county'.",
    )
    geoid = models.CharField(max_length=12, blank=True, db_index=True, help_text="Census GEOID (5 county, 7 place).")
    population = models.PositiveIntegerField(null=True, blank=True, help_text="Population, when a source gives it.")
    population_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year of the population figure."
    )

    objects = JurisdictionQuerySet.as_manager()
    NATURAL_KEY = ("ocd_id",)

    class Meta:
        ordering = ["ocd_id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ocd_id__regex=OCD_ID_REGEX), name="jurisdiction_ocd_id_format"),
            models.CheckConstraint(
                condition=models.Q(kind__in=JurisdictionKind.values), name="jurisdiction_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(county_membership__in=CountyMembership.values),
                name="jurisdiction_county_membership_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[JurisdictionKind.COUNTRY, *STATE_LEVEL_KINDS], state__isnull=True)
                | (~models.Q(kind__in=[JurisdictionKind.COUNTRY, *STATE_LEVEL_KINDS]) & models.Q(state__isnull=False)),
                name="jurisdiction_state_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.ocd_id})"

    def natural_key(self) -> tuple[str]:
        """Fixtures refer to a jurisdiction by its OCD id."""
        return (self.ocd_id,)

    @property
    def is_state_level(self) -> bool:
        """True for a state, DC or a territory."""
        return self.kind in STATE_LEVEL_KINDS

    @property
    def state_or_self(self) -> Jurisdiction | None:
        """The state-level jurisdiction this one belongs to (itself for a state)."""
        return self if self.is_state_level else self.state


class JurisdictionAlias(models.Model):
    """A second OCD id of the same government (a consolidated city-county has a place id and a county id)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="aliases")
    ocd_id = models.CharField(max_length=255, unique=True, help_text="The other OCD division id.")
    note = models.CharField(max_length=300, blank=True, help_text="Why they are the same (from the OCD aliases file).")

    class Meta:
        ordering = ["ocd_id"]
        verbose_name_plural = "jurisdiction aliases"

    def __str__(self) -> str:
        return self.ocd_id


class CountyMember(models.Model):
    """A place (or subdivision) lies in a county, and how we know."""

    member = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="county_links")
    county = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="member_links")
    basis = models.CharField(max_length=10, choices=MembershipBasis.choices, help_text="How the link is known.")
    source = models.ForeignKey(
        "sources.Source", on_delete=models.PROTECT, null=True, blank=True, help_text="The source, when basis is source."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "county"], name="county_member_unique"),
            models.CheckConstraint(condition=~models.Q(member=models.F("county")), name="county_member_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.county_id}"


class Agency(Fact):
    """A law-enforcement agency: identified by its state and normalised name, never by name alone."""

    name = models.CharField(max_length=300, help_text="Name as its own government or ICE spells it.")
    name_key = models.CharField(
        max_length=300, editable=False, help_text="Normalised name (case, punctuation, spacing) for matching."
    )
    kind = models.CharField(max_length=20, choices=AgencyKind.choices, help_text="What kind of agency.")
    state = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="state_agencies",
        help_text="The state the agency belongs to; part of its identity.",
    )
    home = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="home_agencies",
        help_text="The government whose laws bind it (a city for its police, a county for its sheriff); "
        "empty until matched.",
    )
    ori = models.CharField(max_length=9, blank=True, db_index=True, help_text="FBI ORI code, when a source gives it.")
    ori_match = models.CharField(
        max_length=10,
        choices=OriMatch.choices,
        blank=True,
        default=OriMatch.UNCHECKED,
        help_text="How the ORI code was found in the national agency list, or why it was not.",
    )
    ori_candidates = models.JSONField(
        default=list,
        blank=True,
        help_text="Agencies of the national list that could be this one (ORI, name, type, county, score), "
        "for a person to choose from.",
    )
    operates_in: models.ManyToManyField[Jurisdiction, AgencyCoverage] = models.ManyToManyField(
        Jurisdiction,
        through="AgencyCoverage",
        related_name="operating_agencies",
        blank=True,
        help_text="Where its officers police.",
    )
    needs_review = models.BooleanField(
        default=False, help_text="Its home or coverage could not be matched with confidence."
    )
    review_note = models.TextField(blank=True, help_text="What a reviewer must check.")

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["state", "name_key"], name="agency_unique_in_state"),
            models.CheckConstraint(condition=models.Q(kind__in=AgencyKind.values), name="agency_kind_valid"),
            models.CheckConstraint(condition=~models.Q(name_key=""), name="agency_name_present"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str, str]:
        """Fixtures refer to an agency by its state's OCD id and its name."""
        return (self.state.ocd_id, self.name)

    natural_key.dependencies = ["places.jurisdiction"]  # type: ignore[attr-defined]

    def save(self, *args: object, **kwargs: object) -> None:
        """Keep the matching key in step with the name."""
        self.name_key = agency_name_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class AgencyAlias(models.Model):
    """A spelling of an agency's name seen on a source, and the sheets it was seen on.

    ICE spells one agency differently from one sheet to the next; each spelling is kept here so the
    next sheet that uses it finds the same agency, agreements, flags and review history.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    state = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The agency's state (a spelling names one agency per state).",
    )
    name = models.CharField(max_length=300, help_text="The name exactly as the source printed it.")
    name_key = models.CharField(max_length=300, db_index=True, help_text="Its normalised form.")
    match = models.CharField(max_length=10, choices=AliasMatch.choices, help_text="How it was tied to the agency.")
    score = models.FloatField(
        null=True, blank=True, help_text="Similarity to the agency's other names (close matches)."
    )
    first_seen_on = models.DateField(null=True, blank=True, help_text="Date of the first sheet that prints it.")
    first_seen_in = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The first sheet that prints it.",
    )
    last_seen_on = models.DateField(null=True, blank=True, help_text="Date of the latest sheet that prints it.")
    last_seen_in = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The latest sheet that prints it.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agency aliases"
        constraints = [
            models.UniqueConstraint(fields=["state", "name"], name="agency_alias_unique_in_state"),
            models.CheckConstraint(condition=models.Q(match__in=AliasMatch.values), name="agency_alias_match_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class AgencyCoverage(models.Model):
    """An agency polices a jurisdiction, with the kind of coverage and how we know it.

    Rows are stored at the level where coverage is defined (a sheriff → its county, a state
    agency → its state); the engine derives a sheriff's presence in each place of the county.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="coverages")
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="coverages")
    coverage = models.CharField(max_length=12, choices=Coverage.choices, help_text="How the agency polices it.")
    basis = models.CharField(max_length=15, choices=CoverageBasis.choices, help_text="How this row was derived.")
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "jurisdiction"], name="agency_coverage_unique"),
            models.CheckConstraint(condition=models.Q(coverage__in=Coverage.values), name="agency_coverage_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.coverage} in {self.jurisdiction_id}"
