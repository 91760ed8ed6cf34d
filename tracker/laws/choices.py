"""Vocabularies of the laws app (legal-domain.md §7).

Add a value only with a migration, a line in docs/data-model.md and, where a rule reads it,
a test of that rule; never rename a stored value: flags and exports refer to it.
"""

from django.db import models


class InstrumentKind(models.TextChoices):
    """What kind of legal text."""

    ORDINANCE = "ordinance", "Ordinance"
    RESOLUTION = "resolution", "Resolution"
    STATUTE = "statute", "State statute"
    SESSION_LAW = "session_law", "Session law (act)"
    FEDERAL_STATUTE = "federal_statute", "Federal statute"
    EXECUTIVE_ORDER = "executive_order", "Executive order"
    AG_DIRECTIVE = "ag_directive", "Attorney General directive"
    BALLOT_MEASURE = "ballot_measure", "Ballot measure"
    AGENCY_POLICY = "agency_policy", "Agency policy"
    COURT_DECISION = "court_decision", "Court decision"


class InstrumentStatus(models.TextChoices):
    """Where the text stands; dates on the instrument say when each stage happened."""

    PROPOSED = "proposed", "Proposed"
    ENACTED = "enacted", "Enacted, not yet effective"
    IN_FORCE = "in_force", "In force"
    SUSPENDED = "suspended", "Suspended"
    ENJOINED = "enjoined", "Enjoined by a court"
    REPEALED = "repealed", "Repealed"
    EXPIRED = "expired", "Expired (sunset)"


class EventKind(models.TextChoices):
    """Events in an instrument's life; narrowings and repeals are events, never deletions."""

    INTRODUCED = "introduced", "Introduced"
    PASSED = "passed", "Passed"
    SIGNED = "signed", "Signed"
    ENACTED = "enacted", "Enacted"
    EFFECTIVE = "effective", "Took effect"
    AMENDED = "amended", "Amended"
    NARROWED = "narrowed", "Narrowed"
    REPEALED = "repealed", "Repealed"
    ENJOINED = "enjoined", "Enjoined"
    UPHELD = "upheld", "Upheld by a court"
    SUNSET = "sunset", "Sunset"
    SUPERSEDED = "superseded", "Superseded"


class ProvisionType(models.TextChoices):
    """What one operative rule does. Rules in tracker/conflicts read these values."""

    FR_BAN = "fr_ban", "Face-recognition use ban"
    FR_ACQUISITION_BAN = "fr_acquisition_ban", "Face-recognition acquisition ban"
    FR_THIRD_PARTY_BAN = "fr_third_party_ban", "Ban on using face-recognition results from third parties"
    FR_MORATORIUM = "fr_moratorium", "Face-recognition moratorium"
    FR_CONDITIONS = "fr_conditions", "Conditions on face-recognition use (channel, warrant, crimes, reporting)"
    CCOPS_APPROVAL = "ccops_approval", "Governing-body approval before acquiring or using surveillance technology"
    IMPACT_REPORT = "impact_report", "Surveillance impact report required"
    USE_POLICY = "use_policy", "Use policy required"
    ANNUAL_REPORT = "annual_report", "Annual report required"
    RETENTION_LIMIT = "retention_limit", "Retention limit"
    DATA_SHARING_LIMIT = "data_sharing_limit", "Limit on sharing data"
    TASK_FORCE_RULE = "task_force_rule", "Rule on federal task-force participation"
    IMMIGRATION_LIMIT = "immigration_limit", "Limit on immigration cooperation (sanctuary / trust)"
    PROHIBITS_287G = "prohibits_287g", "Prohibition of 287(g) agreements"
    MANDATES_287G = "mandates_287g", "Mandate of 287(g) or ICE cooperation"
    CONDITIONS_287G = "conditions_287g", "Conditions on 287(g) agreements (terms an agreement must contain)"
    PREEMPTS_LOCAL_FR = "preempts_local_fr", "Preemption of local face-recognition rules"
    PREEMPTS_LOCAL_IMMIGRATION = "preempts_local_immigration", "Preemption of local immigration limits"
    PRIVATE_BAN = "private_ban", "Ban on private face recognition"
    FEDERAL_DEFERENCE = "federal_deference", "Federal statute deferring to state and local law"
    DEFINITION = "definition", "Definition (scope of the other provisions)"


#: Provision types that restrict law-enforcement face recognition outright.
FR_BAN_TYPES = (
    ProvisionType.FR_BAN,
    ProvisionType.FR_ACQUISITION_BAN,
    ProvisionType.FR_THIRD_PARTY_BAN,
    ProvisionType.FR_MORATORIUM,
)


class Binds(models.TextChoices):
    """Whom a provision binds."""

    OWN_GOVERNMENT = "own_government", "Agencies of the enacting government"
    NAMED_AGENCIES = "named_agencies", "Only the agencies it names"
    ALL_LAW_ENFORCEMENT = "all_law_enforcement", "All state and local law enforcement in its territory"
    LOCAL_GOVERNMENTS = "local_governments", "Local governments in its territory (not their agencies' acts directly)"
    PRIVATE_ENTITIES = "private_entities", "Private entities"
    FEDERAL_OFFICERS = "federal_officers", "Federal officers"
    LOCAL_ENFORCEMENT = "local_enforcement", "Local (not state) law enforcement in its territory"
    JAIL_OPERATORS = "jail_operators", "Sheriffs and other operators of county jails in its territory"


class Governs(models.TextChoices):
    """Which systems a face-recognition provision governs.

    A statute that regulates searches of the databases its own government keeps (Utah Code 77-23e's
    "image database") says nothing about a local officer's use of a federal app; the rules read this
    field so that such a provision never raises a condition flag against a federal system.
    """

    ANY_SYSTEM = "any_system", "Any system the bound agencies use, whoever runs it"
    OWN_SYSTEMS = "own_systems", "Only systems or databases kept by the enacting government's entities"
    NAMED_SYSTEMS = "named_systems", "Only the systems it names"


class SurveyTopic(models.TextChoices):
    """Areas of law the register researches for a jurisdiction."""

    FACE_RECOGNITION = "face_recognition", "Face recognition"
    SURVEILLANCE_TECHNOLOGY = "surveillance_technology", "Surveillance technology oversight (CCOPS)"
    IMMIGRATION = "immigration", "Immigration cooperation (sanctuary, trust, detainers)"
    AGREEMENTS_287G = "agreements_287g", "287(g) agreements (ban, conditions, mandate)"
    DATA_SHARING = "data_sharing", "ALPR and data sharing"


class SurveyFinding(models.TextChoices):
    """What the research of one topic found."""

    RECORDED = "recorded", "Law found and recorded in the register"
    NONE_FOUND = "none_found", "Researched: no law found"
    UNRESOLVED = "unresolved", "Researched: the sources conflict or could not be confirmed"


class FederalReach(models.TextChoices):
    """Whether a provision reaches federal partnerships, task forces and federal tools."""

    EXPRESS = "express", "Expressly reaches them"
    ARGUABLY = "arguably", "Arguably (general language covers them)"
    SILENT = "silent", "Silent"
    EXCLUDED = "excluded", "Expressly excluded (carve-out)"
    UNASSESSED = "unassessed", "Not yet assessed"


class Act(models.TextChoices):
    """Acts a provision bars or conditions."""

    ACQUIRE = "acquire", "Acquire"
    POSSESS = "possess", "Possess"
    ACCESS = "access", "Access"
    USE = "use", "Use"
    USE_DERIVED_INFO = "use_derived_info", "Use information derived from it"
    REQUEST_THIRD_PARTY = "request_third_party", "Request it from others"
    AGREE_THIRD_PARTY = "agree_third_party", "Agree with third parties"
    PERMIT_THIRD_PARTY = "permit_third_party", "Permit third parties"
    FUND = "fund", "Fund"
    SHARE = "share", "Share"
    RETAIN = "retain", "Retain"
    ENTER_AGREEMENT = "enter_agreement", "Enter an agreement"
    PERFORM_IMMIGRATION_FUNCTIONS = "perform_immigration_functions", "Perform immigration-officer functions"


class Technology(models.TextChoices):
    """Surveillance technologies (Atlas of Surveillance categories, condensed)."""

    FACE_RECOGNITION = "face_recognition", "Face recognition"
    ALPR = "alpr", "Automated license plate readers"
    DRONES = "drones", "Drones"
    BODY_CAMERAS = "body_cameras", "Body-worn cameras"
    CAMERA_REGISTRY = "camera_registry", "Camera registry"
    CELL_SITE_SIMULATOR = "cell_site_simulator", "Cell-site simulator"
    GUNSHOT_DETECTION = "gunshot_detection", "Gunshot detection"
    REAL_TIME_CRIME_CENTER = "real_time_crime_center", "Real-time crime center"
    FUSION_CENTER = "fusion_center", "Fusion center"
    PREDICTIVE_POLICING = "predictive_policing", "Predictive policing"
    VIDEO_ANALYTICS = "video_analytics", "Video analytics"
    SOCIAL_MEDIA_MONITORING = "social_media_monitoring", "Social media monitoring"
    BIOMETRICS = "biometrics", "Other biometrics"
    SURVEILLANCE_TECHNOLOGY = "surveillance_technology", "Any surveillance technology"
    OTHER = "other", "Other"


class Condition(models.TextChoices):
    """Conditions a face-recognition statute puts on use (typology C10)."""

    NAMED_CHANNEL = "named_channel", "Only through a named state channel"
    WARRANT = "warrant", "Warrant or court order required"
    CRIME_LIST = "crime_list", "Only for listed crimes"
    APPROVED_SYSTEM = "approved_system", "Only approved or tested systems"
    REPORTING = "reporting", "Reporting or accountability report"
    NOTICE = "notice", "Notice of intent"
    NOT_SOLE_BASIS = "not_sole_basis", "A match is not sole basis for arrest"
    WRITTEN_REQUEST = "written_request", "Written, case-numbered request"
    NO_IMMIGRATION_STATUS = "no_immigration_status", "No use based on immigration status"
    FEDERAL_IMMIGRATION_WARRANT = "federal_immigration_warrant", "Warrant before searches for federal immigration enforcement"
    CRIMINAL_INVESTIGATION_ONLY = "criminal_investigation_only", "Only in criminal investigations"
    LISTED_CIRCUMSTANCES = (
        "listed_circumstances",
        "Only in the circumstances it lists (e.g. consent, suspicion of another crime, incapacity)",
    )


class ExceptionKind(models.TextChoices):
    """Exceptions to a provision (typology C9)."""

    UNSOLICITED = "unsolicited", "Unsolicited receipt"
    SPECIFIC_CRIME = "specific_crime", "Evidence of a specific crime"
    MISSING_CHILDREN = "missing_children", "Missing or exploited children"
    DEVICE_UNLOCK = "device_unlock", "Unlocking a device"
    REDACTION = "redaction", "Redaction"
    STATE_SYSTEM = "state_system", "A named state system"
    AIRPORT_PORT = "airport_port", "Federally regulated airport or port"
    FEDERAL_PARTNERSHIP = "federal_partnership", "Federal mandate or partnership"
    OTHER = "other", "Other"
