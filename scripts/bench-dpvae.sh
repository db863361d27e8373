#!/usr/bin/env bash
# synthesize-dpvae's benchmarks (issue targets in brackets):
#   1. seconds per DP-SGD step against the same step without privacy, batch 4096 [ratio <= 1.5];
#   2. the whole release on a simulated fleet (default 1 M devices, BENCH_DEVICES overrides) at epsilon 4 with the
#      default 15 epochs: training seconds, release seconds, peak RSS (heap and off-heap) [training < 10 min,
#      RSS < 6 GB]. BENCH_DATA=DIR reuses a folder holding real/ and agg/ (from load and aggregate) instead;
#      BENCH_OUT=DIR keeps the synthetic tables there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/telesynth" --version >/dev/null
cp="$root/target/telesynth.jar:$root/target/lib/*"
java -Xmx4g -cp "$cp" org.telesynth.synth.dpvae.StepBenchmark "${BENCH_BATCH:-4096}" "${BENCH_STEPS:-60}"
n="${BENCH_DEVICES:-1000000}"
heap="${BENCH_HEAP:-4g}"
. "$root/scripts/bench-data.sh"
timed_release dpvae
train=$(sed -n 's/.*trained in \([0-9.]*\) s.*/\1/p' "$work/log")
steps=$(sed -n 's/.*DP-SGD: \([0-9,]*\) steps.*/\1/p' "$work/log" | tr -d ,)
awk -v n="$n" -v t="$train" -v st="$steps" -v s="$secs" -v r="$rss_kb" 'BEGIN {
  printf "devices=%d epochs=15 steps=%d training_seconds=%.1f seconds_per_step=%.4f release_seconds=%.1f peak_rss_MB=%.0f\n", n, st, t, t / st, s, r / 1024 }'
