"""Vocabularies of the places app.

Add a value only with a migration and a line in docs/data-model.md; never rename a stored value.
"""

from django.db import models


class JurisdictionKind(models.TextChoices):
    """What kind of government a jurisdiction is."""

    COUNTRY = "country", "Country"
    STATE = "state", "State"
    DISTRICT = "district", "Federal district (DC)"
    TERRITORY = "territory", "Territory"
    COUNTY = "county", "County or county equivalent"
    CONSOLIDATED = "consolidated", "Consolidated city-county"
    PLACE = "place", "Place (city, town, village, CDP)"
    COUNTY_SUBDIVISION = "county_subdivision", "County subdivision (town, township)"
    SPECIAL_DISTRICT = "special_district", "Special district"
    TRIBAL = "tribal", "Tribal nation"


#: Kinds that stand at the state level: their `state` is empty.
STATE_LEVEL_KINDS = (JurisdictionKind.STATE, JurisdictionKind.DISTRICT, JurisdictionKind.TERRITORY)


class CountyMembership(models.TextChoices):
    """Whether the counties a place lies in are known: unknown is never stored as "none"."""

    KNOWN = "known", "Known from a source"
    UNKNOWN = "unknown", "Unknown"
    NOT_APPLICABLE = "n/a", "Not applicable"


class MembershipBasis(models.TextChoices):
    """How a place→county link was established."""

    OCD_ID = "ocd_id", "Implied by the OCD division id"
    SOURCE = "source", "Stated by a cited source"
    CENSUS = "census", "Census relationship file"


class AgencyKind(models.TextChoices):
    """What kind of law-enforcement agency."""

    POLICE = "police", "Municipal police"
    SHERIFF = "sheriff", "Sheriff"
    COUNTY_POLICE = "county_police", "County police"
    STATE_POLICE = "state_police", "State police or highway patrol"
    STATE_AGENCY = "state_agency", "Other state agency"
    CORRECTIONS = "corrections", "Corrections or jail"
    CAMPUS = "campus", "Campus police"
    PORT = "port", "Port, airport or transit police"
    TRIBAL = "tribal", "Tribal police"
    CONSTABLE = "constable", "Constable or marshal"
    PROSECUTOR = "prosecutor", "Prosecutor or district attorney"
    OTHER = "other", "Other"


class Coverage(models.TextChoices):
    """How an agency polices a jurisdiction (legal-domain §6.3)."""

    PRIMARY = "primary", "Primary (its own jurisdiction)"
    CONCURRENT = "concurrent", "Concurrent (countywide, incl. cities)"
    CONTRACT = "contract", "Contract (policing under contract)"
    JAIL_ONLY = "jail_only", "Jail only"
    STATEWIDE = "statewide", "Statewide"
    FACILITY = "facility", "Facility (campus, port, airport)"
    PART = "part", "Part of it (a constable's precinct or township, a regional department's members)"


#: Coverage of a county that polices every place inside it (a sheriff's concurrent jurisdiction, a contract).
COUNTYWIDE_POLICING = (Coverage.CONCURRENT, Coverage.CONTRACT)
#: Coverage of a state that polices every place inside it.
STATEWIDE_POLICING = (Coverage.STATEWIDE,)
#: Coverage that serves without policing: a jail of a county or a state serves the places inside it, polices none.
JAIL_SERVICE = (Coverage.JAIL_ONLY,)


class CoverageBasis(models.TextChoices):
    """How a coverage row was derived."""

    HOME = "home", "The agency's own jurisdiction"
    COUNTY_AGENCY = "county_agency", "A county agency covers its county"
    STATE_AGENCY = "state_agency", "A state agency covers its state"
    CONSTABLE = "constable", "A constable or marshal covers the county or municipality it is elected in"
    REGIONAL = "regional", "A regional body covers the counties its name or the sheet gives"
    FACILITY = "facility", "An airport, port or campus covers where the sheet or its name places it"
    SOURCE = "source", "Stated by a cited source"
    MANUAL = "manual", "Entered by a reviewer"


class AliasMatch(models.TextChoices):
    """How a spelling on a sheet was tied to an agency."""

    SAME_KEY = "same_key", "Same name once case, punctuation and abbreviations are folded"
    CLOSE = "close", "A close spelling of the agency's name, in the same state, of the same kind"
    PERSON = "person", "Tied by a person"


class OriMatch(models.TextChoices):
    """How an agency's FBI ORI code was found, or why it was not."""

    UNCHECKED = "", "Not checked"
    MATCHED = "matched", "One agency of the national list has its state, name and type"
    DOUBTFUL = "doubtful", "Close candidates only: a person must choose"
    NONE = "none", "No candidate in the national list"
    PERSON = "person", "Set by a person"


#: An OCD division id as it appears in a URL path (pages and API alike).
OCD_ID_IN_PATH = r"ocd-division(?:/[a-z_]+:[^/:\s\x00]+)+"
