#!/usr/bin/env bash
# Where the agencies holding a 287(g) agreement are placed, measured on the shipped files from an empty
# database: migrate, seed, the OCD registry, ICE's sheets in publication order (as `manage.py demo_data`
# imports them), then `manage.py placement_report`. Uses a throwaway SQLite file (kept when VAR_DIR is given).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
if [ -z "${VAR_DIR:-}" ]; then
  VAR_DIR=$(mktemp -d)
  trap 'rm -rf "$VAR_DIR"' EXIT
fi
export VAR_DIR
unset DATABASE_URL
$PY manage.py migrate -v0
$PY manage.py seed >/dev/null
$PY manage.py import_divisions data/ocd >/dev/null
for sheet in ice-287g/pendingAgencies05152025am.xlsx:--pending ice-287g/participatingAgencies05162025am.xlsx: \
    ice-287g/pendingAgencies07182025pm.xlsx:--pending ice-287g/participatingAgencies07182025pm.xlsx: \
    ice-287g-more/TOTAL-participatingAgencies05182026am.xlsx:; do
  $PY manage.py import_287g "data/${sheet%%:*}" ${sheet##*:} >"$VAR_DIR/$(basename "${sheet%%:*}").log" 2>&1
done
$PY manage.py placement_report "$@"
