#!/usr/bin/env bash
# Simulator throughput and memory: devices/s, rows/s, output bytes and peak RSS at 100 k and 1 M devices.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/telesynth" --version >/dev/null   # build once, outside the timings
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for n in ${BENCH_DEVICES:-100000 1000000}; do
  rm -rf "$out/t"
  /usr/bin/time -f "%e %M" -o "$out/time" java -Xmx4g -jar "$root/target/telesynth.jar" simulate \
      --out "$out/t" --devices "$n" --seed 1 -q > "$out/stdout"
  read -r secs rss_kb < "$out/time"
  rows=$(grep -o '[0-9,]* rows' "$out/stdout" | tr -d ', rows')
  bytes=$(du -sb "$out/t" | cut -f1)
  awk -v n="$n" -v s="$secs" -v r="$rows" -v b="$bytes" -v m="$rss_kb" 'BEGIN {
    printf "devices=%d seconds=%.1f devices_per_s=%.0f rows=%d rows_per_s=%.0f output_MB=%.1f peak_rss_MB=%.0f\n",
           n, s, n / s, r, r / s, b / 1e6, m / 1024 }'
done
