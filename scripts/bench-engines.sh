#!/usr/bin/env bash
# aggregate on DuckDB and on Spark (local mode, all cores) over the same loaded fleet with its raw event tables,
# then one seeded synthesize-marginal with its measurements on each engine over the same AGG (the synthetic tables
# must be byte-identical): wall time and peak RSS of each, and their ratios. Run with nothing else on the machine.
#   DEVICES=100000 OUT=/tmp/bench-engines scripts/bench-engines.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES=${DEVICES:-100000}
DAYS=${DAYS:-30}
OUT=${OUT:-/tmp/bench-engines}
T=scripts/telesynth
mkdir -p "$OUT"
$T aggregate --engine spark --help >/dev/null   # builds the Spark engine on first use
if [ ! -f "$OUT/real/manifest.json" ]; then
  $T simulate --out "$OUT/raw" --devices "$DEVICES" --days "$DAYS" --seed 1 --events -q
  $T load --in "$OUT/raw" --out "$OUT/real" -q
  $T budget init --data "$OUT/real" --study -q >/dev/null
fi
config="$OUT/window.yaml"
printf 'window:\n  days: %s\n' "$DAYS" > "$config"
rows=$(python3 -c "import json;m=json.load(open('$OUT/real/manifest.json'));print(sum(t['rows'] for t in m['tables'].values()))")
echo "fleet: $DEVICES devices, $DAYS days, $rows rows in $(ls "$OUT"/real/*.parquet | wc -l) tables"
for engine in duckdb spark; do
  rm -rf "$OUT/agg-$engine"
  /usr/bin/time -f "%e %M" -o "$OUT/time-$engine" $T aggregate --in "$OUT/real" --out "$OUT/agg-$engine" --config "$config" --engine "$engine" -q >/dev/null
  read -r secs kb < "$OUT/time-$engine"
  printf '%-7s aggregate: %8.1f s, peak RSS %6.2f GB\n' "$engine" "$secs" "$(echo "$kb / 1048576" | bc -l)"
done
d=$(cut -d' ' -f1 "$OUT/time-duckdb"); s=$(cut -d' ' -f1 "$OUT/time-spark")
printf 'spark / duckdb: %.2fx\n' "$(echo "$s / $d" | bc -l)"
for engine in duckdb spark; do
  rm -rf "$OUT/synth-$engine"
  /usr/bin/time -f "%e %M" -o "$OUT/time-synth-$engine" $T synthesize-marginal --in "$OUT/agg-duckdb" --data "$OUT/real" \
    --out "$OUT/synth-$engine" --config "$config" --epsilon 4 --seed 1 --engine "$engine" -q >/dev/null
  read -r secs kb < "$OUT/time-synth-$engine"
  printf '%-7s synthesize-marginal (measured there): %8.1f s, peak RSS %6.2f GB\n' "$engine" "$secs" "$(echo "$kb / 1048576" | bc -l)"
done
d=$(cut -d' ' -f1 "$OUT/time-synth-duckdb"); s=$(cut -d' ' -f1 "$OUT/time-synth-spark")
printf 'spark / duckdb: %.2fx\n' "$(echo "$s / $d" | bc -l)"
if diff <(cd "$OUT/synth-duckdb" && sha256sum *.parquet) <(cd "$OUT/synth-spark" && sha256sum *.parquet) >/dev/null; then
  echo "synthetic tables: byte-identical on both engines"
else
  echo "synthetic tables: DIFFER between the engines"; exit 1
fi
