#!/usr/bin/env bash
# The DP-VAE on the mechanism study's event log: simulate --profile eventlog (EVENTLOG_USERS users, default
# 100,000), synthesize-dpvae --eventlog at total epsilon E (default 4) and delta 1e-5, then the error rate
# (share of events of type 'error') by product type, real against synthetic, as one Markdown table.
#   scripts/eventlog-dpvae.sh [E]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/telesynth" --version >/dev/null
ts() { java -Xmx4g -jar "$root/target/telesynth.jar" "$@"; }
eps="${1:-4}"
work="${EVENTLOG_DIR:-$(mktemp -d)}"
[ -f "$work/real/manifest.json" ] || ts simulate -q --profile eventlog --devices "${EVENTLOG_USERS:-100000}" --seed 1 --out "$work/real" >/dev/null
[ -f "$work/real/.telesynth/ledger.json" ] || ts budget init --data "$work/real" --epsilon 100 --delta 1e-3 >/dev/null
rm -rf "$work/synth-e$eps"
ts synthesize-dpvae -q --eventlog --in "$work/real" --data "$work/real" --epsilon "$eps" --delta 1e-5 --seed 1 --out "$work/synth-e$eps" >/dev/null
rates() { echo 'SELECT "Product Type" AS product, count(*) AS events, avg(("Event Type" = '"'error'"')::INTEGER) AS error_rate FROM read_parquet('"'$1/eventlog.parquet'"') GROUP BY 1 ORDER BY 1'; }
python3 - "$eps" <(ts sql --tables "$work/real" "$(rates "$work/real")") <(ts sql --tables "$work/real" "$(rates "$work/synth-e$eps")") <<'PY'
import csv, sys
eps, real, synth = sys.argv[1], list(csv.DictReader(open(sys.argv[2]))), {r["product"]: r for r in csv.DictReader(open(sys.argv[3]))}
print(f"| product | real events | real error rate | synthetic events (epsilon {eps}) | synthetic error rate | absolute difference |")
print("|---|---|---|---|---|---|")
for r in real:
    s = synth.get(r["product"], {"events": "0", "error_rate": "nan"})
    print(f"| {r['product']} | {int(r['events']):,} | {float(r['error_rate']):.4f} | {int(s['events']):,} | {float(s['error_rate']):.4f} | {abs(float(r['error_rate']) - float(s['error_rate'])):.4f} |")
PY
