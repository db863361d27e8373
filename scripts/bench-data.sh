# Sourced by the bench-*.sh scripts that run one release on a fleet: expects root, n (devices), heap and work (a
# temporary folder); sets data to BENCH_DATA (a folder holding real/ and agg/) or to a fleet of n devices it
# simulates, loads and aggregates under work, with a budget ledger on real/ for one epsilon-4 release.
jar() { java -Xmx$heap -jar "$root/target/telesynth.jar" "$@"; }
data="${BENCH_DATA:-}"
if [ -z "$data" ]; then
  data="$work"
  jar simulate -q --out "$data/raw" --devices "$n" --seed 1 >/dev/null
  jar load -q --in "$data/raw" --out "$data/real" >/dev/null
  jar aggregate -q --in "$data/real" --out "$data/agg" >/dev/null
fi
[ -f "$data/real/.telesynth/ledger.json" ] || jar budget init --data "$data/real" --epsilon 4 --delta 1e-5 >/dev/null
