#!/usr/bin/env bash
# Open311 fuzzed from its own OpenAPI document: schemathesis (PyPI) generates valid and invalid
# requests for every operation of /open311/openapi.json against the debug server on a fresh
# SQLite demo and fails on any 5xx answer. Bounded in time; prints the number of cases.
# Needs target/debug/kiezwerk (built by the end-to-end phase).
set -euo pipefail
cd "$(dirname "$0")/.."

version=4.32.5
venv=target/schemathesis-venv
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q " $version\$"; then
  echo ">> Installing schemathesis $version from PyPI into $venv"
  if ! python3 -m venv "$venv" 2>/dev/null; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
  fi
  "$venv/bin/pip" install -q "schemathesis==$version"
fi

port=3300
data=$(mktemp -d)
KIEZWERK_DATA_DIR="$data" KIEZWERK_BIND="127.0.0.1:$port" KIEZWERK_PUBLIC_URL="http://localhost:$port" \
  KIEZWERK_SITE_ROOT="$PWD/target/site" KIEZWERK_INTAKE_PER_MINUTE=1000000 \
  KIEZWERK_API_KEY_PER_MINUTE=1000000 target/debug/kiezwerk serve --demo >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT

timeout 20m "$venv/bin/schemathesis" run "http://127.0.0.1:$port/open311/openapi.json" \
  --wait-for-schema 60 --checks not_a_server_error --max-examples 150 --seed 1 \
  --generation-database none --workers 2 --no-color | tail -20

# Every request was answered without a server error; the server logged none either.
if grep -q "ERROR" "$data/server.log"; then
  echo "!! the server logged errors while being fuzzed:" >&2
  grep "ERROR" "$data/server.log" | head -20 >&2
  exit 1
fi
