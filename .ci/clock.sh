#!/usr/bin/env bash
# The clock step of `make test`: the server's unit tests and the API tests (on SQLite; the
# time logic is the same on PostgreSQL, whose own clock faketime cannot move) run again under
# a faked system clock at the moments where time-dependent code breaks, each in another time
# zone of the machine. Bare dates are days in Berlin, deadlines count working days, digests go
# out 07:00–18:00 Berlin time, references count by the Berlin year: none of it may depend on
# when the suite runs or on the machine's zone.
set -euo pipefail
cd "$(dirname "$0")/.."

# Test executables of the server (its unit tests and the API tests), as the unit-test phase
# built them: the same arguments, so nothing is rebuilt.
mapfile -t binaries < <(cargo test --workspace --locked --no-run --message-format=json 2>/dev/null \
  | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") != "compiler-artifact" or not m.get("executable"):
        continue
    target = m["target"]
    if "kiezwerk-server" in m["package_id"] and (target["kind"] == ["lib"] or target["name"] == "api"):
        print(m["executable"])
')
[ "${#binaries[@]}" -eq 2 ] || { echo "!! expected 2 test executables, found ${#binaries[@]}" >&2; exit 1; }

# moment (UTC) | machine zone | why
moments=(
  "2026-11-30T23:30:00Z|UTC|23:30 UTC: already tomorrow in Berlin"
  "2026-07-14T22:30:00Z|America/Los_Angeles|00:30 Berlin summer time, machine still on the day before"
  "2027-03-28T00:59:30Z|Pacific/Kiritimati|clocks go forward in Berlin (last Sunday of March)"
  "2026-10-25T00:59:30Z|Europe/Berlin|clocks go back in Berlin (last Sunday of October)"
  "2026-12-04T16:59:30Z|Asia/Tokyo|Friday 17:59 in Berlin: the digest's last minute before a weekend"
  "2026-12-31T22:59:30Z|America/New_York|New Year's Eve, 23:59:30 in Berlin"
)
for entry in "${moments[@]}"; do
  IFS='|' read -r moment zone why <<<"$entry"
  echo ">> clock at ${moment} (machine zone ${zone}): ${why}"
  faked="${moment%Z}"
  for binary in "${binaries[@]}"; do
    # Only the API tests' SQLite half: the PostgreSQL half would only repeat them.
    filter=()
    [[ "$(basename "$binary")" == api-* ]] && filter=(sqlite)
    log=$(mktemp)
    if ! TZ="$zone" KIEZWERK_FAKED_NOW="$moment" faketime "${faked/T/ } UTC" \
        "$binary" --quiet "${filter[@]}" >"$log" 2>&1; then
      cat "$log"
      echo "!! tests failed at ${moment} (machine zone ${zone})" >&2
      exit 1
    fi
    grep "^test result" "$log"
    rm -f "$log"
  done
done
