#!/usr/bin/env bash
# Hardening soak: the CI tests of tests/hardening at full size, on SQLite and PostgreSQL, with every
# figure collected as JSON lines and summarised by figures.py. Loopback only; bounded in count and time.
#   bash bench/soak/run.sh            # full sizes (about 30-40 minutes on 2 cores)
#   SOAK_DB=sqlite bash bench/soak/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${SOAK_OUT:-var/soak}
mkdir -p "$OUT"
export HARDENING_EXAMPLES=${HARDENING_EXAMPLES:-1000}
export HARDENING_SWEEP_ROUNDS=${HARDENING_SWEEP_ROUNDS:-50}
export HARDENING_RMW=${HARDENING_RMW:-500}
export HARDENING_RACES=${HARDENING_RACES:-100}
export HARDENING_KILLS=${HARDENING_KILLS:-20}
PG_URL=${SOAK_PG_URL:-postgres://postgres@127.0.0.1:5432/lookout_soak}

run() {  # run NAME [env...]: the whole hardening suite on one database
  local name=$1; shift
  rm -f "$OUT/$name.jsonl" "$OUT/$name.tally"
  env "$@" HARDENING_FIGURES="$OUT/$name.jsonl" HARDENING_TALLY="$OUT/$name.tally" \
    timeout 5400 .venv/bin/pytest tests/hardening -q -p no:cacheprovider | tee "$OUT/$name.log" | tail -3
  .venv/bin/python bench/soak/figures.py "$OUT/$name.jsonl" "$OUT/$name.tally"
}

case ${SOAK_DB:-both} in
  sqlite) run sqlite DATABASE_URL= ;;
  postgresql) run postgresql DATABASE_URL="$PG_URL" ;;
  *) run sqlite DATABASE_URL=; run postgresql DATABASE_URL="$PG_URL" ;;
esac
