#!/usr/bin/env bash
# `make test`: every test. Installs what is missing, then
#   1. formatting, lints, and the architecture's rules (no import cycles, layers point down),
#   2. unit tests and API tests (the real router on SQLite and on PostgreSQL),
#   3. the server's unit and API tests again under a faked clock at awkward moments (.ci/clock.sh),
#   4. end-to-end tests in Chromium (phone screen, JavaScript on and off, SQLite and PostgreSQL,
#      axe-core on every step),
#   5. the page-weight budgets of the report flow.
# PostgreSQL is expected at 127.0.0.1:5432 (user postgres, trust). Without one the PostgreSQL
# half is skipped with a loud message, unless KIEZWERK_REQUIRE_POSTGRES=1 (CI) makes it fatal.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/tools.sh
# tools.sh installed s3s-fs: the object-storage tests must not skip.
export KIEZWERK_REQUIRE_S3=1

# Debian packages: chromium for the end-to-end tests, faketime for the clock step.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v faketime >/dev/null || missing+=(faketime)
if [ "${#missing[@]}" -gt 0 ]; then
  echo ">> Installing Debian's ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

postgres_admin="${KIEZWERK_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export KIEZWERK_E2E_POSTGRES_URL="${postgres_admin%/*}/kiezwerk_e2e_$(date +%s)"
else
  if [ "${KIEZWERK_REQUIRE_POSTGRES:-0}" = "1" ]; then
    echo "!! PostgreSQL is required (KIEZWERK_REQUIRE_POSTGRES=1) but nothing listens on 127.0.0.1:5432" >&2
    exit 1
  fi
  echo
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!! No PostgreSQL on 127.0.0.1:5432: the PostgreSQL half of the tests is SKIPPED.      !!"
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo
fi

phase() { echo ">> $1 (after ${SECONDS}s)"; }

phase "1. Formatting, lints and the architecture's rules"
# No import cycles between files, and every module imports only from the layers below it.
python3 .ci/module-cycles.py server/src app/src
python3 .ci/layers.py
cargo fmt --all --check
cargo clippy --workspace --locked --all-targets -- -D warnings
cargo clippy -p kiezwerk-app --locked --features hydrate --target wasm32-unknown-unknown -- -D warnings

phase "2. Unit and API tests"
timeout 30m cargo test --workspace --locked

phase "3. The server's tests again at awkward moments of a faked clock"
.ci/clock.sh

phase "4. End-to-end tests"
cargo leptos build --release --frontend-only
cargo build -p kiezwerk-server --locked
(cd end2end && timeout 20m npx playwright test)
if [ -n "${KIEZWERK_E2E_POSTGRES_URL:-}" ] && command -v psql >/dev/null; then
  psql "$postgres_admin" -qc "drop database if exists ${KIEZWERK_E2E_POSTGRES_URL##*/} with (force)" || true
fi

phase "5. Open311 fuzzed from its OpenAPI document (schemathesis)"
.ci/schemathesis.sh

phase "6. Page weight of the report flow"
node end2end/scripts/page-bytes.mjs
phase "done"
