#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and prints executions and crashes per target.
#   server/fuzz/run.sh            # 60 seconds per target
#   server/fuzz/run.sh 600        # ten minutes each
#   server/fuzz/run.sh 30 photo   # one target
# Needs nightly Rust (`rustup toolchain install nightly`) and cargo-fuzz (installed here when
# missing). The corpus grows in server/fuzz/corpus/ (not committed), starting from seeds/;
# a crash leaves its input in server/fuzz/artifacts/<target>/ — make it a regression test
# (the README says how) before fixing it. Exits non-zero when a target crashed.
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(photo municipality_config open311_post)

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo ">> Installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

declare -A max_len=([photo]=262144 [municipality_config]=65536 [open311_post]=65536)
status=0
summary=()
for target in "${targets[@]}"; do
  mkdir -p "corpus/${target}" "artifacts/${target}"
  echo ">> ${target}: ${seconds} s"
  log="$(mktemp)"
  cargo +nightly fuzz run "${target}" "corpus/${target}" "seeds/${target}" -- \
    -max_total_time="${seconds}" -max_len="${max_len[$target]}" -print_final_stats=1 \
    -rss_limit_mb=4096 >"${log}" 2>&1
  code=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "${log}" | grep -o '[0-9]*$' | tail -1)
  per_second=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "${log}" | grep -o '[0-9]*$' | tail -1)
  crashes=$(find "artifacts/${target}" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) | wc -l)
  if [ "${code}" -ne 0 ]; then
    status=1
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "${log}" | head -20
    [ -n "${execs}" ] || tail -30 "${log}"
  fi
  summary+=("$(printf '%-20s %12s executions %8s/s %4s crashes, inputs in corpus: %s' \
    "${target}" "${execs:-?}" "${per_second:-?}" "${crashes}" "$(ls "corpus/${target}" | wc -l)")")
  rm -f "${log}"
done
echo
printf '%s\n' "${summary[@]}"
exit "${status}"
