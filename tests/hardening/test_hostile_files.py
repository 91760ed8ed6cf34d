"""Hostile files (zip bombs, entity tricks, forged sizes, oversized CSV) are refused cheaply and change nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import openpyxl
import pytest

from tests.hardening import hostile
from tests.hardening.figures import record
from tests.hardening.importers import ATLAS, DATASET, ICE_CSV, ICE_XLSX, OCD, Target, ice_csv, prepare_ocd
from tests.importers.conftest import fingerprint
from tracker.importers.base import ImporterError
from tracker.importers.files import MAX_CSV_BYTES, MAX_CSV_FIELD

LIMIT = 64 * 1024 * 1024


def refused(target: Target, directory: Path, names: str = "") -> tuple[ImporterError, hostile.Measured]:
    """Run the importer on a hostile file; return its refusal and what refusing cost."""
    before = fingerprint()
    with hostile.Measured() as cost, pytest.raises(ImporterError) as caught:
        target.run(directory)
    assert fingerprint() == before, "a refused file must leave every table as it was"
    assert cost.peak_bytes <= LIMIT, f"{cost.peak_bytes:,} bytes allocated while refusing"
    assert cost.rss_growth <= LIMIT, f"peak RSS grew {cost.rss_growth:,} bytes while refusing"
    assert str(caught.value).startswith(names or Path(target.file_name).name), "the refusal must name the file first"
    record("refusal", {"test": os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" ", 1)[0].split("::")[-1],
                       "seconds": round(cost.seconds, 3), "peak_mib": round(cost.peak_bytes / 2**20, 1),
                       "rss_growth_mib": round(cost.rss_growth / 2**20, 1)})
    return caught.value, cost


def test_defusedxml_is_what_openpyxl_parses_with() -> None:
    assert openpyxl.xml.DEFUSEDXML is True


def test_clean_ice_slice_imports_so_the_refusals_below_are_about_the_tricks(tmp_path: Path, loaded, ice_xlsx) -> None:
    ICE_XLSX.place(tmp_path, ice_xlsx)
    report, run = ICE_XLSX.run(tmp_path)
    assert run is not None and report.counts["created"] >= 10


def test_zip_bomb_of_one_gibibyte_is_refused_from_its_directory_without_inflating(
    tmp_path: Path, loaded, bomb, monkeypatch
) -> None:
    assert bomb.stat().st_size < 2 * hostile.MIB
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("the parser saw a zip bomb"))
    error, _cost = refused(ICE_XLSX, bomb.parent)
    assert "unpacks to 1,07" in error.message


def test_workbook_with_more_parts_than_any_real_sheet_is_refused_before_parsing(
    tmp_path: Path, loaded, ice_xlsx, monkeypatch
) -> None:
    hostile.many_parts(tmp_path / hostile.ICE_NAME, ice_xlsx)
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("the parser saw too many parts"))
    error, _cost = refused(ICE_XLSX, tmp_path)
    assert "parts" in error.message


def test_forged_small_declared_size_stops_inflating_at_that_size(tmp_path: Path, loaded, ice_xlsx) -> None:
    hostile.forged_size(tmp_path / hostile.ICE_NAME, ice_xlsx, inflated=32 * hostile.MIB)
    error, _cost = refused(ICE_XLSX, tmp_path)
    assert "CRC" in error.message or "cannot be read" in error.message


@pytest.mark.parametrize("part", ["laughs", "xxe"])
def test_entity_tricks_in_a_workbook_are_refused_and_read_no_local_file(
    tmp_path: Path, loaded, ice_xlsx, part
) -> None:
    secret = tmp_path / "synthetic-secret.txt"
    secret.write_text("SYNTHETIC-SECRET-CONTENT")
    content = hostile.LAUGHS if part == "laughs" else hostile.xxe(secret)
    ICE_XLSX.place(tmp_path, hostile.replace_part(ice_xlsx, hostile.SHEET, content))
    error, _cost = refused(ICE_XLSX, tmp_path)
    assert "declares entities" in error.message
    assert "SYNTHETIC-SECRET" not in str(error)


CSV_TARGETS = [ICE_CSV, ATLAS, OCD]


def _csv_dir(target: Target, directory: Path) -> Path:
    if target is OCD:
        prepare_ocd(directory)
    return directory


@pytest.mark.parametrize("target", CSV_TARGETS, ids=lambda t: t.name)
def test_csv_larger_than_the_limit_is_refused_by_its_size_alone(tmp_path: Path, loaded, target) -> None:
    hostile.sparse(_csv_dir(target, tmp_path) / target.file_name, MAX_CSV_BYTES + 1)
    error, _cost = refused(target, tmp_path)
    assert "the limit is" in error.message


@pytest.mark.parametrize("target", CSV_TARGETS, ids=lambda t: t.name)
def test_csv_field_longer_than_the_limit_is_refused_naming_its_line(tmp_path: Path, loaded, ice_xlsx, target) -> None:
    header = ice_csv(hostile.ice_slice(1)).splitlines()[0] if target is ICE_CSV else b"id,name,census_geoid"
    if target is ATLAS:
        header = (hostile.DATA / "atlas-sample" / "atlas_2026-08_28col_sample.csv").read_bytes().splitlines()[0]
    target.place(_csv_dir(target, tmp_path), header + b"\n\"" + b"A" * (MAX_CSV_FIELD + 10) + b"\",x\n")
    error, _cost = refused(target, tmp_path)
    assert "field larger than field limit" in error.message and error.row == 2


@pytest.mark.parametrize("target", CSV_TARGETS, ids=lambda t: t.name)
def test_csv_in_another_encoding_is_refused_naming_its_line(tmp_path: Path, loaded, target) -> None:
    target.place(_csv_dir(target, tmp_path), "id,name\nSynthetic Caf\u00e9,x\n".encode("utf-16"))
    error, _cost = refused(target, tmp_path)
    assert "not valid utf-8-sig text" in error.message and error.row == 1


@pytest.mark.parametrize("target", CSV_TARGETS, ids=lambda t: t.name)
def test_csv_with_a_nul_character_is_refused_before_any_database_sees_it(tmp_path: Path, loaded, target) -> None:
    # Found by the mutation test on PostgreSQL, which refuses NUL in text columns with a DataError.
    target.place(_csv_dir(target, tmp_path), b"id,name\nSynthetic\x00Agency,x\n")
    error, _cost = refused(target, tmp_path)
    assert "NUL character" in error.message and error.row == 2


def _bundle(directory: Path, tables: object) -> None:
    DATASET.place(directory, json.dumps({"format": "lookout-dataset", "version": 1, "tables": tables}).encode())


def test_dataset_manifest_pointing_outside_its_bundle_is_refused(tmp_path: Path, db) -> None:
    (tmp_path / "outside.csv").write_text("id\n1\n")
    _bundle(tmp_path, {"sources.source": {"file": "../outside.csv", "columns": ["id"], "count": 1, "sha256": ""}})
    error, _cost = refused(DATASET, tmp_path)
    assert "plain name" in error.message


def test_dataset_manifest_nested_beyond_reason_is_refused(tmp_path: Path, db) -> None:
    DATASET.place(tmp_path, b"[" * 200_000 + b"]" * 200_000)
    error, _cost = refused(DATASET, tmp_path)
    assert "not a dataset bundle" in error.message


def test_dataset_table_larger_than_the_limit_is_refused_by_its_size_alone(tmp_path: Path, db) -> None:
    from tracker.importers.dataset import MAX_TABLE_BYTES, dataset_models

    model = dataset_models()[0]
    columns = [f.attname for f in model._meta.concrete_fields]
    _bundle(tmp_path, {model._meta.label_lower: {"file": "big.csv", "columns": columns, "count": 1, "sha256": ""}})
    hostile.sparse(tmp_path / "bundle" / "big.csv", MAX_TABLE_BYTES + 1)
    error, _cost = refused(DATASET, tmp_path, names="big.csv")
    assert "the limit is" in error.message
