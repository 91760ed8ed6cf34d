"""A few divisions of the national registry, written before the whole registry is imported.

Seeding runs before `import_divisions` (see `manage.py demo_data`), yet a fixture may name an agency's
home that no fixture holds. Such ids are read from the same registry files with the same parser and
written by the same writer as the full import, so the later import finds them unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

from tracker.importers.base import ImportReport, UnresolvedReferenceError
from tracker.importers.ocd_divisions import DivisionsImporter, DivisionWriter
from tracker.importers.ocd_divisions_files import Division, Parsed
from tracker.places.choices import JurisdictionKind
from tracker.places.models import Jurisdiction, JurisdictionAlias

REGISTRY = Path(settings.BASE_DIR) / "data" / "ocd"


def canonical_ids(ocd_ids: Iterable[str]) -> dict[str, str]:
    """Ids stored as aliases of another jurisdiction, mapped to that jurisdiction's id."""
    return dict(JurisdictionAlias.objects.filter(ocd_id__in=set(ocd_ids)).values_list("ocd_id", "jurisdiction__ocd_id"))


def divisions_ensure(*, ocd_ids: Iterable[str], reason: str, registry: Path = REGISTRY) -> dict[str, str]:
    """Write the divisions (and the counties they lie in) that are not stored yet; return alias → canonical id.

    An id the registry calls an alias of another is answered with that other id (written if needed);
    an id the registry does not hold raises UnresolvedReferenceError.
    """
    wanted = set(ocd_ids)
    renamed = canonical_ids(wanted)
    missing = (
        wanted - set(renamed) - set(Jurisdiction.objects.filter(ocd_id__in=wanted).values_list("ocd_id", flat=True))
    )
    if not missing:
        return renamed
    importer = DivisionsImporter(registry)
    parsed = importer.parse(importer.path)
    alias_of = {a.ocd_id: a.canonical for a in parsed.aliases}
    for ocd_id in sorted(missing):
        if ocd_id in alias_of:
            renamed[ocd_id] = alias_of[ocd_id]
        elif ocd_id not in parsed.divisions:
            raise UnresolvedReferenceError(f"{ocd_id} is not in the OCD registry", file=importer.path)
    needed = {renamed.get(ocd_id, ocd_id) for ocd_id in missing}
    aliases = [a for a in parsed.aliases if a.ocd_id in missing]  # stored as the full import would store them
    subset = Parsed(_with_counties(parsed, needed), aliases, [], parsed.population, parsed.population_year)
    DivisionWriter(subset, ImportReport(), reason=reason).run()
    return renamed


def _with_counties(parsed: Parsed, ocd_ids: set[str]) -> dict[str, Division]:
    """These divisions and the counties they lie in, as the registry gives them."""
    by_geoid = {d.geoid: d.ocd_id for d in parsed.divisions.values() if d.kind == JurisdictionKind.COUNTY and d.geoid}
    chosen = {}
    for ocd_id in ocd_ids:
        division = parsed.divisions[ocd_id]
        chosen[ocd_id] = division
        county = division.county_ocd_id or by_geoid.get(division.county_geoid, "")
        if county in parsed.divisions:
            chosen[county] = parsed.divisions[county]
    return chosen
