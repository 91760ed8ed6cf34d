"""Regenerate fixtures/places.json (country, states, DC, territories) and its sources.

Reads the OCD registry and the Census files in data/; prints nothing, writes JSON.
Run: .venv/bin/python scripts/build_state_fixtures.py
"""

import csv
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
OUT = Path(__file__).resolve().parent.parent / "fixtures"
OCD_SOURCE = "ocd-division-ids-2026-03-19"
GAZ_SOURCE = "census-gazetteer-2025-counties"
PEP_SOURCE = "census-pep-v2024-counties"


def main() -> None:
    """Write the state-level jurisdictions with GEOIDs and 2024 population estimates."""
    fips = {}
    with (DATA / "census" / "2025_Gaz_counties_national.txt").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="|"):
            fips[row["USPS"].strip().lower()] = row["GEOID"][:2]
    population = {}
    with (DATA / "census" / "co-est2024-alldata.csv").open(encoding="latin-1") as handle:
        for row in csv.DictReader(handle):
            if row["SUMLEV"] == "040":
                population[row["STATE"]] = int(row["POPESTIMATE2024"])
    rows = [("ocd-division/country:us", "United States", "country", "")]
    with (DATA / "ocd" / "states.csv").open(encoding="utf-8") as handle:
        for ocd_id, name in csv.reader(handle):
            if ocd_id == "ocd-division/country:us":
                continue
            code = ocd_id.rsplit(":", 1)[1]
            rows.append((ocd_id, name, "district" if "district:" in ocd_id else "state", code))
    with (DATA / "ocd" / "us_territories.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["validThrough"]:
                rows.append((row["id"], row["name"], "territory", row["id"].rsplit(":", 1)[1]))
    records = []
    for ocd_id, name, kind, code in rows:
        geoid = fips.get(code, "")
        fields = {
            "ocd_id": ocd_id,
            "name": name,
            "kind": kind,
            "state": None,
            "postal_code": code.upper(),
            "county_membership": "n/a",
            "geoid": geoid,
            "population": population.get(geoid),
            "population_year": 2024 if geoid in population else None,
            "sources": [[OCD_SOURCE]] + ([[PEP_SOURCE]] if geoid in population else []),
            "locked_fields": [],
        }
        if geoid and geoid not in population:
            fields["sources"].append([GAZ_SOURCE])
        records.append({"model": "places.jurisdiction", "fields": fields})
    (OUT / "places.json").write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
