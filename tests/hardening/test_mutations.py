"""Damaged small real files: every importer either imports or refuses with an ImporterError, never half-writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories.laws import ProvisionFactory
from tests.factories.partnerships import PartnershipFactory, TechnologyDeploymentFactory
from tests.factories.sources import SourceFactory
from tests.hardening import hostile, mutations
from tests.hardening.importers import (
    ATLAS,
    ATLAS_SAMPLE,
    DATASET,
    ICE_CSV,
    ICE_XLSX,
    OCD,
    Target,
    ice_csv,
    ocd_places,
    prepare_ocd,
)
from tests.importers.conftest import fingerprint
from tracker.importers.base import ImporterError
from tracker.importers.dataset import dataset_export, dataset_models

#: Examples per importer; bench/soak raises it (HARDENING_EXAMPLES=1000).
EXAMPLES = int(os.environ.get("HARDENING_EXAMPLES", "200"))
TALLY = os.environ.get("HARDENING_TALLY", "")
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


class _Undo(Exception):
    """Rolls an example's savepoint back, so every example starts from the same database."""


def attempt(target: Target, directory: Path, *, xlsx: bool = False) -> str:
    """Run the importer inside a savepoint that is always undone; return 'imported' or 'refused'."""
    outcome = ""
    try:
        with transaction.atomic():
            before = fingerprint()
            try:
                target.run(directory)
                outcome = "imported"
            except ImporterError as error:
                outcome = "refused"
                assert fingerprint() == before, f"partial write after {error}"
                _assert_names_where(error, xlsx=xlsx)
            raise _Undo
    except _Undo:
        pass
    if TALLY:  # bench/soak asks for the split between imported and refused examples
        with Path(TALLY).open("a") as handle:
            handle.write(f"{target.name}\t{outcome}\n")
    return outcome


def _assert_names_where(error: ImporterError, *, xlsx: bool) -> None:
    assert str(error).startswith(Path(error.file).name), str(error)
    if error.column:
        assert error.row is not None, f"a column without its row: {error}"
    if xlsx and error.row is not None:
        assert error.sheet, f"a row without its sheet: {error}"


@settings(parent=PROPERTY)
@given(data=st.data())
def test_damaged_ice_workbooks_import_or_refuse_cleanly(tmp_path: Path, loaded, ice_xlsx, data) -> None:
    rows = data.draw(mutations.sheet_damage(hostile.ice_slice(10)), label="rows")
    try:
        content = hostile.xlsx_bytes(rows)
    except ValueError:  # openpyxl refuses to write some values (e.g. a float NaN cell): nothing to import
        content = ice_xlsx
    if data.draw(st.booleans(), label="byte damage too"):
        content = data.draw(mutations.byte_damage(content), label="bytes")
    ICE_XLSX.place(tmp_path, content)
    assert attempt(ICE_XLSX, tmp_path, xlsx=True) in ("imported", "refused")


@settings(parent=PROPERTY)
@given(data=st.data())
def test_damaged_ice_csv_imports_or_refuses_cleanly(tmp_path: Path, loaded, data) -> None:
    ICE_CSV.place(tmp_path, data.draw(mutations.csv_damage(ice_csv(hostile.ice_slice(10)))))
    assert attempt(ICE_CSV, tmp_path) in ("imported", "refused")


@settings(parent=PROPERTY)
@given(data=st.data())
def test_damaged_atlas_files_import_or_refuse_cleanly(tmp_path: Path, loaded, data) -> None:
    ATLAS.place(tmp_path, data.draw(mutations.csv_damage(ATLAS_SAMPLE.read_bytes())))
    assert attempt(ATLAS, tmp_path) in ("imported", "refused")


@settings(parent=PROPERTY)
@given(data=st.data())
def test_damaged_ocd_registries_import_or_refuse_cleanly(tmp_path: Path, loaded, data) -> None:
    prepare_ocd(tmp_path)
    OCD.place(tmp_path, data.draw(mutations.csv_damage(ocd_places())))
    assert attempt(OCD, tmp_path) in ("imported", "refused")


@pytest.fixture
def bundle(tmp_path_factory: pytest.TempPathFactory, db: None) -> dict[str, bytes]:
    """A small exported dataset (synthetic facts) as file bytes, the database then emptied."""
    source = SourceFactory(quote="Synthetic quote\r\nline two")
    ProvisionFactory().sources.add(source)
    TechnologyDeploymentFactory().sources.add(source)
    PartnershipFactory()
    directory = tmp_path_factory.mktemp("bundle")
    dataset_export(directory=directory)
    with connection.cursor() as cursor:
        for model in reversed(dataset_models()):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
    return {p.name: p.read_bytes() for p in directory.iterdir()}


@settings(parent=PROPERTY)
@given(data=st.data())
def test_damaged_dataset_bundles_restore_whole_or_not_at_all(tmp_path: Path, bundle, data) -> None:
    directory = tmp_path / "bundle"
    directory.mkdir(exist_ok=True)
    names = sorted(name for name in bundle if bundle[name].count(b"\n") > 1 or name == "dataset.json")
    victim = data.draw(st.sampled_from(names), label="file")
    for name, content in bundle.items():
        (directory / name).write_bytes(content)
    damage = mutations.byte_damage if victim == "dataset.json" else mutations.csv_damage
    (directory / victim).write_bytes(data.draw(damage(bundle[victim]), label="content"))
    assert attempt(DATASET, tmp_path) in ("imported", "refused")
