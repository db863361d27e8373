#!/usr/bin/env bash
# aggregate and synthesize-pertable on a simulated fleet (default 1 M devices, BENCH_DEVICES overrides): seconds,
# rows written per second and peak RSS of each stage (own JVM, /usr/bin/time). Targets: synthesis < 2 min, RSS < 4 GB.
# BENCH_METHOD=marginal (with BENCH_HEAP) benchmarks another synthesizer the same way (scripts/bench-marginal.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/telesynth" --version >/dev/null
n="${BENCH_DEVICES:-1000000}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
heap="${BENCH_HEAP:-4g}"
method="${BENCH_METHOD:-pertable}"
jar() { java -Xmx$heap -jar "$root/target/telesynth.jar" "$@"; }
jar simulate -q --out "$out/raw" --devices "$n" --seed 1 >/dev/null
jar load -q --in "$out/raw" --out "$out/real" >/dev/null
jar budget init --data "$out/real" --epsilon 4 --delta 1e-5 >/dev/null
stage() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$out/time" java -Xmx$heap -jar "$root/target/telesynth.jar" "$@" > "$out/stdout" 2>/dev/null
  read -r secs rss_kb < "$out/time"
  echo "$name $secs $rss_kb"
}
read -r _ agg_s agg_rss < <(stage aggregate aggregate -q --in "$out/real" --out "$out/agg")
read -r _ syn_s syn_rss < <(stage synthesize "synthesize-$method" -q --in "$out/agg" --data "$out/real" --epsilon 4 --delta 1e-5 --out "$out/synth" --seed 1)
rows=$(python3 -c "import json,sys; print(sum(json.load(open(sys.argv[1]))['rows'].values()))" "$out/synth/manifest.json")
awk -v n="$n" -v m="$method" -v a="$agg_s" -v ar="$agg_rss" -v s="$syn_s" -v sr="$syn_rss" -v r="$rows" 'BEGIN {
  printf "devices=%d aggregate_seconds=%.1f aggregate_peak_rss_MB=%.0f\n", n, a, ar / 1024
  printf "devices=%d method=%s synthesize_seconds=%.1f rows=%d rows_per_s=%.0f synthesize_peak_rss_MB=%.0f\n", n, m, s, r, r / s, sr / 1024 }'
