#!/usr/bin/env bash
# synthesize-pe's benchmark (issue 9): the whole release on a simulated fleet (default 1 M devices, BENCH_DEVICES
# overrides) at epsilon 4 with population N = 100,000 (BENCH_POPULATION) and the default T rounds: seconds per vote
# round (first, last, mean), the rounds' total, the release's total and peak RSS [target: release < 10 min on 2
# cores]. BENCH_DATA=DIR reuses a folder holding real/ and agg/ (from load and aggregate); BENCH_OUT=DIR keeps the
# synthetic tables there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/telesynth" --version >/dev/null
n="${BENCH_DEVICES:-1000000}"
population="${BENCH_POPULATION:-100000}"
heap="${BENCH_HEAP:-6g}"
. "$root/scripts/bench-data.sh"
timed_release pe --population "$population"
# progress lines: "  round 3 of 16: ..., 24.3 s"
sed -n 's/.*round \([0-9]*\) of [0-9]*:.*, \([0-9.]*\) s$/\1 \2/p' "$work/log" > "$work/rounds"
awk -v n="$n" -v p="$population" -v s="$secs" -v r="$rss_kb" '
  { t[$1] = $2; sum += $2; last = $1 }
  END {
    printf "devices=%d population=%d rounds=%d first_round_seconds=%.1f last_round_seconds=%.1f mean_round_seconds=%.1f rounds_seconds=%.1f release_seconds=%.1f peak_rss_MB=%.0f\n",
      n, p, last, t[1], t[last], sum / last, sum, s, r / 1024 }' "$work/rounds"
