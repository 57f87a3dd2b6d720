#!/usr/bin/env bash
# `make run`: builds Kiezwerk and starts it on http://127.0.0.1:3000 with the embedded
# defaults (SQLite and photos under ./data) and the Berlin/Potsdam demo configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/tools.sh

# The browser bundle is always built size-optimised; the server in the dev profile, which
# compiles much faster and shares its build with the tests.
cargo leptos build --release --frontend-only
cargo build -p kiezwerk-server --locked
# Without an SMTP server, mails (confirmation and recovery links) are shown at
# http://localhost:3000/entwicklung/postausgang.
export KIEZWERK_DEV_OUTBOX="${KIEZWERK_DEV_OUTBOX:-true}"
exec ./target/debug/kiezwerk serve --demo
