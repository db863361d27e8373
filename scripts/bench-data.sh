# Sourced by the bench-*.sh scripts that time one release on a fleet: expects root, n (devices) and heap; makes
# work (a temporary folder, removed on exit) and sets data to BENCH_DATA (a folder holding real/ and agg/) or to a
# fleet of n devices it simulates, loads and aggregates under work, with a budget ledger on real/ for one
# epsilon-4 release. timed_release then runs one.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jar() { java -Xmx$heap -jar "$root/target/telesynth.jar" "$@"; }
data="${BENCH_DATA:-}"
if [ -z "$data" ]; then
  data="$work"
  jar simulate -q --out "$data/raw" --devices "$n" --seed 1 >/dev/null
  jar load -q --in "$data/raw" --out "$data/real" >/dev/null
  jar aggregate -q --in "$data/real" --out "$data/agg" >/dev/null
fi
[ -f "$data/real/.telesynth/ledger.json" ] || jar budget init --data "$data/real" --epsilon 4 --delta 1e-5 >/dev/null

# timed_release METHOD [OPTION ...]: synthesize-METHOD at epsilon 4, delta 1e-5, seed 1 into BENCH_OUT (default a
# folder under work), its output in work/log; sets secs (wall) and rss_kb (peak RSS) from /usr/bin/time
timed_release() {
  local method="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time" java -Xmx$heap -jar "$root/target/telesynth.jar" "synthesize-$method" --in "$data/agg" \
    --data "$data/real" --epsilon 4 --delta 1e-5 --seed 1 --out "${BENCH_OUT:-$work/synth}" "$@" > "$work/log" 2>&1
  read -r secs rss_kb < "$work/time"
}
