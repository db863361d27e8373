#!/usr/bin/env bash
# The real-volume run (issue 24, item 6): the reporting tables at the real sample's rows per device (about 450, so
# about 450 M rows at 1 M devices: simulate --days 330), then load -> aggregate -> synthesize-marginal -> benchmark,
# with load, aggregate and the release's measurements on DuckDB and on Spark (local mode); wall time and peak RSS
# per stage, and the totals.
# Run with nothing else on the machine (it needs about 40 GB of disk at 1 M devices).
#   DEVICES=1000000 DAYS=330 OUT=/tmp/bench-scale scripts/bench-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES=${DEVICES:-1000000}
DAYS=${DAYS:-330}
OUT=${OUT:-/tmp/bench-scale}
ENGINES=${ENGINES:-duckdb spark}
T=scripts/telesynth
mkdir -p "$OUT"
case " $ENGINES " in *" spark "*) $T aggregate --engine spark --help >/dev/null ;; esac   # builds the Spark engine first
config="$OUT/window.yaml"
printf 'window:\n  days: %s\n' "$DAYS" > "$config"
step() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/time.$name" "$@" >/dev/null
  read -r secs kb < "$OUT/time.$name"
  printf '%-28s %9.1f s  peak RSS %6.2f GB\n' "$name" "$secs" "$(echo "$kb / 1048576" | bc -l)"
  echo "$secs" >> "$OUT/total.$engine"
}
for engine in $ENGINES; do
  rm -f "$OUT/total.$engine"
  echo "== $engine"
  if [ ! -f "$OUT/raw/manifest.json" ]; then step simulate $T simulate --out "$OUT/raw" --devices "$DEVICES" --days "$DAYS" --seed 1 -q
  else echo "simulate                      (kept from the first engine's run)"; cat "$OUT/time.simulate" | awk '{print $1}' >> "$OUT/total.$engine"; fi
  rm -rf "$OUT/real-$engine" "$OUT/agg-$engine" "$OUT/synth-$engine" "$OUT/answers-$engine"
  step "load ($engine)" $T load --in "$OUT/raw" --out "$OUT/real-$engine" --engine "$engine" -q
  $T budget init --data "$OUT/real-$engine" --study -q >/dev/null
  step "aggregate ($engine)" $T aggregate --in "$OUT/real-$engine" --out "$OUT/agg-$engine" --config "$config" --engine "$engine" -q
  step synthesize-marginal $T synthesize-marginal --in "$OUT/agg-$engine" --data "$OUT/real-$engine" --out "$OUT/synth-$engine" \
    --config "$config" --epsilon 4 --seed 1 --engine "$engine" -q
  step benchmark $T benchmark --tables "$OUT/synth-$engine" --out "$OUT/answers-$engine" -q
  rows=$(python3 -c "import json;m=json.load(open('$OUT/real-$engine/manifest.json'));print(sum(t['rows'] for t in m['tables'].values()))")
  printf '%-28s %9.1f s  (%s rows loaded)\n' "total ($engine)" "$(paste -sd+ "$OUT/total.$engine" | bc -l)" "$rows"
done
