#!/usr/bin/env bash
# Issue 25's targets: is a synthetic event log as good as releasing the noisy counts? Simulates the mechanism
# study's event log (USERS users, default 100,000), releases it with each event-log method at each epsilon for
# SEEDS seeds, then runs `mechanisms` with every release as a synthetic arm beside the four direct mechanisms, and
# prints, per arm and epsilon: the median L-infinity error of the error-rate z-scores, the 5th-percentile IOU of
# the top set, and (synthetic arms) the median coverage of the real per-product error-rate range, the hours of
# day's mean TV distance and the events-per-user KS distance.
# SEEDS_<method> overrides SEEDS for one method (SEEDS_dpvae=5: its training takes about a minute a release).
#   USERS=100000 SEEDS=20 EPSILONS="1 4" METHODS="marginal dpvae" OUT=/tmp/bench-eventlog scripts/bench-eventlog.sh
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-100000}
SEEDS=${SEEDS:-20}
EPSILONS=${EPSILONS:-1 4}
METHODS=${METHODS:-marginal dpvae}
OUT=${OUT:-/tmp/bench-eventlog}
scripts/telesynth --version >/dev/null   # builds when needed
ts() { java -Xmx4g -jar target/telesynth.jar "$@"; }
mkdir -p "$OUT"
if [ ! -f "$OUT/real/manifest.json" ]; then
  ts simulate -q --profile eventlog --devices "$USERS" --seed 3 --out "$OUT/real" >/dev/null
  ts budget init -q --data "$OUT/real" --epsilon 100000 --delta 0.5 >/dev/null
fi
arms=()
for method in $METHODS; do
  start=$(date +%s)
  for eps in $EPSILONS; do
    seeds_var="SEEDS_$method"; for seed in $(seq 1 "${!seeds_var:-$SEEDS}"); do
      dir="$OUT/$method/e$eps-s$seed"
      [ -f "$dir/manifest.json" ] || ts "synthesize-$method" -q --eventlog --in "$OUT/real" --data "$OUT/real" --epsilon "$eps" \
        --delta 1e-5 --seed "$seed" --out "$dir" >/dev/null 2>&1
    done
  done
  echo "$method: $(( $(date +%s) - start )) s for its releases"
  arms+=(--synthetic "$method=$OUT/$method")
done
eps_list=$(echo "$EPSILONS" | tr ' ' ',')
ts mechanisms -q --in "$OUT/real" --out "$OUT/study" --runs 100 --epsilons "$eps_list" --seed 1 "${arms[@]}" >/dev/null 2>&1
python3 - "$OUT/study/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print("| arm | epsilon | runs | median Linf | p05 IOU | median rate-range coverage | median hour TV | median events/user KS |")
print("|---|---|---|---|---|---|---|---|")
for r in s["results"]:
    extra = [f"{r[k]['p50']:.3f}" if k in r else "" for k in ("rate_coverage", "hour_tv", "events_per_user_ks")]
    print(f"| {r['mechanism']} | {r['epsilon']:g} | {r['runs']} | {r['linf']['p50']:.4f} | {r['iou']['p05']:.2f} | " + " | ".join(extra) + " |")
PY
