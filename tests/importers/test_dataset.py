"""Dataset export and restore: a lossless round trip into an empty database."""

import csv
from pathlib import Path

import pytest
from django.db import connection

from tests.factories.laws import ProvisionFactory
from tests.factories.partnerships import PartnershipFactory, TechnologyDeploymentFactory
from tests.factories.sources import SourceFactory
from tests.importers.conftest import fingerprint
from tracker.importers.base import ImporterError
from tracker.importers.dataset import dataset_export, dataset_models, dataset_restore
from tracker.partnerships.models import TechnologyDeployment

pytestmark = pytest.mark.django_db


def _empty_every_table() -> None:
    with connection.cursor() as cursor:
        for model in reversed(dataset_models()):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def _rows() -> dict[str, list[tuple]]:
    return {m._meta.label_lower: list(m._default_manager.order_by("pk").values_list()) for m in dataset_models()}


@pytest.fixture
def facts() -> None:
    """Synthetic facts of every kind, with awkward texts a lossy backup would change."""
    source = SourceFactory(quote="=HYPERLINK(\"https://example.org\")\r\nline two", archive_url="")
    awkward = SourceFactory(quote="\\N", title="\\ synthetic backslash", published_on=None)
    provision = ProvisionFactory(acts=["use", "acquire"], retention_days=None)
    provision.sources.add(source, awkward)
    deployment = TechnologyDeploymentFactory(summary="", reported_on=None, atlas_id=None)
    deployment.sources.add(source)
    PartnershipFactory(source_row={"STATE": "ZZ", "SIGNED": None})


def test_round_trip_restores_every_table_identically(tmp_path: Path, facts) -> None:
    before_rows, before_hashes = _rows(), fingerprint()
    dataset_export(directory=tmp_path)
    _empty_every_table()
    counts = dataset_restore(directory=tmp_path)
    assert _rows() == before_rows
    assert fingerprint() == before_hashes
    assert counts["partnerships.technologydeployment_sources"] == 1


def test_export_writes_one_csv_per_table_without_escaping(tmp_path: Path, facts) -> None:
    dataset_export(directory=tmp_path)
    with (tmp_path / "sources.source.csv").open(encoding="utf-8", newline="") as handle:
        quotes = [row["quote"] for row in csv.DictReader(handle)]
    assert '=HYPERLINK("https://example.org")\r\nline two' in quotes
    assert "\\\\N" in quotes  # a text that looks like the NULL marker keeps one more backslash
    assert (tmp_path / "places.jurisdiction_sources.csv").is_file()
    assert (tmp_path / "dataset.json").is_file()


def test_restore_refuses_a_database_that_is_not_empty(tmp_path: Path, facts) -> None:
    dataset_export(directory=tmp_path)
    before = fingerprint()
    with pytest.raises(ImporterError, match="the database is not empty"):
        dataset_restore(directory=tmp_path)
    assert fingerprint() == before


def test_broken_table_file_restores_nothing(tmp_path: Path, facts) -> None:
    dataset_export(directory=tmp_path)
    path = tmp_path / "partnerships.technologydeployment.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], lines[1].replace(",", ";", 1)]) + "\n", encoding="utf-8")
    _empty_every_table()
    with pytest.raises(ImporterError, match=r"partnerships.technologydeployment.csv, row 2: \d+ fields, expected"):
        dataset_restore(directory=tmp_path)
    assert not TechnologyDeployment.objects.exists()
    assert all(count == 0 for count, _hash in fingerprint().values())
