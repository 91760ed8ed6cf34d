"""The importers by name, for the Celery task and the API (dotted paths, imported on use)."""

from django.utils.module_loading import import_string

from tracker.importers.base import Importer

IMPORTERS = {
    "ice_287g": "tracker.importers.ice_287g.Ice287gImporter",
    "divisions": "tracker.importers.ocd_divisions.DivisionsImporter",
    "atlas": "tracker.importers.atlas.AtlasImporter",
}


def importer_class(name: str) -> type[Importer]:
    """The importer class registered under `name`."""
    found: type[Importer] = import_string(IMPORTERS[name])
    return found
