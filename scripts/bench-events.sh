#!/usr/bin/env bash
# The event questions and rare events across the four methods: simulate a fleet with its raw event tables, sweep
# pertable, marginal, dpvae and pe at epsilon 1, 4 and 16 (seeded cells on a study ledger), then print per method
# and epsilon the event questions passed and, per question, its score; and the rare-event table: how many devices
# an event group needs before its rate survives within 25 %.
#   DEVICES=100000 SEEDS=1 OUT=/tmp/bench-events scripts/bench-events.sh
# Figures go to docs/results.md ("Event questions" and "Rare events"). Private: it compares with the real answers.
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES=${DEVICES:-100000}
SEEDS=${SEEDS:-1}
EPSILONS=${EPSILONS:-1,4,16}
METHODS=${METHODS:-pertable,marginal,dpvae,pe}
OUT=${OUT:-/tmp/bench-events}
T=scripts/telesynth
mkdir -p "$OUT"
if [ ! -f "$OUT/raw/manifest.json" ]; then
  /usr/bin/time -f "simulate --events: %e s, peak RSS %M KB" $T simulate --out "$OUT/raw" --devices "$DEVICES" --seed 1 --events -q
fi
/usr/bin/time -f "sweep: %e s, peak RSS %M KB" $T sweep --in "$OUT/raw" --devices "$DEVICES" --methods "$METHODS" \
  --epsilons "$EPSILONS" --seeds "$SEEDS" --out "$OUT/sweep" -q
python3 scripts/event-results.py "$OUT/sweep"
