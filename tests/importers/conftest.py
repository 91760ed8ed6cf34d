"""Helpers for importer tests: the shared real data, synthetic files, and a database fingerprint."""

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings

from tracker.importers.dataset import dataset_models, table_hash

DATA = Path(settings.BASE_DIR) / "data"


def write_csv(path: Path, header: list[str] | None, rows: list[list[str]], *, quote_all: bool = False) -> Path:
    """Write a small CSV exactly as given (header optional), UTF-8."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\n")
        if header is not None:
            writer.writerow(header)
        writer.writerows(rows)
    return path


def fingerprint() -> dict[str, tuple[int, str]]:
    """Row count and hash of every dataset table: equal fingerprints mean nothing changed."""
    return {model._meta.label_lower: table_hash(model) for model in dataset_models()}


@pytest.fixture
def db_fingerprint() -> Callable[[], dict[str, tuple[int, str]]]:
    """Take a fingerprint of the database on demand."""
    return fingerprint
