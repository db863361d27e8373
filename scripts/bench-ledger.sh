#!/usr/bin/env bash
# The shared ledger under contention, on a real PostgreSQL server started here (scripts/pg-test-server.sh):
#  1. 16 JVMs, 8 on each of two "hosts" (separate working directories, each with its own copy of one loaded
#     dataset), make 400 charges of epsilon 0.01 against a cap of 1.0 that admits exactly 100 of them;
#  2. the same with 6 random clients killed (kill -9) mid-flight.
# Prints the outcome counts, the audit log's rows, spent against the sum of the entries, charges per second and
# the p50 / p99 latency of one charge, and fails (exit 1) when a count or a sum is off.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
pg="$(mktemp -d)"   # apart from $work: as root the server runs as postgres, which must reach its directory
trap '"$root/scripts/pg-test-server.sh" stop "$pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
url="$("$root/scripts/pg-test-server.sh" start "$pg")"
port="$(echo "$url" | sed -E 's#.*:([0-9]+)/.*#\1#')"
sql() { psql -h 127.0.0.1 -p "$port" -U telesynth -d telesynth_test -At -c "$1"; }
ts() { "$root/scripts/telesynth" "$@"; }
export TELESYNTH_LEDGER="$url"
ts simulate -q --out "$work/raw" --devices 300 --seed "$RANDOM" >/dev/null
ts load -q --in "$work/raw" --out "$work/hostA/real" >/dev/null 2>&1
mkdir -p "$work/hostB" && cp -r "$work/hostA/real" "$work/hostB/real"   # a copy: the same dataset, the same budget row
jar_cp="$root/target/telesynth.jar:$root/target/lib/*"

round() {  # round NAME KILLS: a fresh cap of 1.0, 16 clients of 25 attempts each, KILLS of them killed at random
  local name="$1" kills="$2"
  local id; id="$(python3 -c "import json,sys; print(json.load(open('$work/hostA/real/manifest.json'))['dataset_id'])")"
  # each round in an organisation of its own, so it starts from a fresh budget row for the same dataset
  export TELESYNTH_ORG="bench-$name-$RANDOM"
  ts budget init --data "$work/hostA/real" --epsilon 1.0 --delta 1e-5 >/dev/null
  local pids=() outs=()
  exec 3>&2 2>/dev/null   # quiet: the shell's own "Killed" notices of the clients killed on purpose
  local t0; t0="$(date +%s.%N)"
  for host in hostA hostB; do
    for i in 1 2 3 4 5 6 7 8; do
      out="$work/$name-$host-$i.json"; outs+=("$out")
      (cd "$work/$host" && TELESYNTH_HOST="$host" OMP_NUM_THREADS=1 exec java -Xmx96m -Xlog:disable -Xlog:all=error:stderr -XX:TieredStopAtLevel=1 -cp "$jar_cp" org.telesynth.cli.Main \
        budget charge --data real --epsilon 0.01 --delta 0 --method "bench-$host-$i" --attempts 25 >"$out" 2>/dev/null) &
      pids+=($!)
    done
  done
  if [ "$kills" -gt 0 ]; then
    sleep 1.5
    for p in $(printf '%s\n' "${pids[@]}" | shuf -n "$kills"); do
      sleep "0.$((RANDOM % 5))"; pkill -9 -P "$p" 2>/dev/null || kill -9 "$p" 2>/dev/null || true
    done
  fi
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  exec 2>&3 3>&-
  local t1; t1="$(date +%s.%N)"
  local entries charged refused rolled rows spent sum orphans
  entries="$(sql "SELECT count(*) FROM privacy_entries WHERE org_id = '$TELESYNTH_ORG' AND dataset_id = '$id'")"
  charged="$(sql "SELECT count(*) FROM privacy_audit_log WHERE org_id = '$TELESYNTH_ORG' AND dataset_id = '$id' AND outcome = 'charged'")"
  refused="$(sql "SELECT count(*) FROM privacy_audit_log WHERE org_id = '$TELESYNTH_ORG' AND dataset_id = '$id' AND outcome = 'refused'")"
  rolled="$(sql "SELECT count(*) FROM privacy_audit_log WHERE org_id = '$TELESYNTH_ORG' AND dataset_id = '$id' AND outcome = 'rolled_back'")"
  rows="$(sql "SELECT count(*) FROM privacy_audit_log WHERE org_id = '$TELESYNTH_ORG' AND dataset_id = '$id'")"
  spent="$(sql "SELECT spent_epsilon FROM privacy_budgets WHERE org_id = '$TELESYNTH_ORG' AND dataset_id = '$id'")"
  sum="$(sql "SELECT coalesce(sum(epsilon), 0) FROM privacy_entries WHERE org_id = '$TELESYNTH_ORG' AND dataset_id = '$id'")"
  orphans="$(sql "SELECT count(*) FROM privacy_entries e WHERE org_id = '$TELESYNTH_ORG' AND dataset_id = '$id' AND NOT EXISTS (SELECT 1 FROM
    privacy_audit_log a WHERE a.org_id = e.org_id AND a.dataset_id = e.dataset_id AND a.run_id = e.run_id AND a.outcome = 'charged')")"
  python3 - "$name" "$kills" "$entries" "$charged" "$refused" "$rolled" "$rows" "$spent" "$sum" "$orphans" "$t0" "$t1" "${outs[@]}" <<'PY'
import json, sys
name, kills, entries, charged, refused, rolled, rows, spent, total, orphans, t0, t1 = sys.argv[1:13]
kills, entries, charged, refused, rolled, rows, orphans = map(int, (kills, entries, charged, refused, rolled, rows, orphans))
spent, total = float(spent), float(total)
millis, starts, ends, reported = [], [], [], 0
for f in sys.argv[13:]:
    try:
        t = open(f).read()
        d = json.loads(t[t.index("{"):])  # past any line the JVM itself printed first
    except (ValueError, OSError):  # includes a file without a document
        continue  # a killed client printed nothing
    reported += 1
    millis += d["millis"]; starts.append(d["started_ms"]); ends.append(d["ended_ms"])
millis.sort()
pct = lambda q: millis[min(len(millis) - 1, int(q * len(millis)))] if millis else float("nan")
window = (max(ends) - min(starts)) / 1000 if starts else float("nan")
print(f"{name}: 16 clients ({kills} killed, {reported} finished), 400 attempts planned")
print(f"  charged {charged}, refused {refused}, rolled back {rolled}; audit log {rows} rows; entries {entries}; entries without a log row {orphans}")
print(f"  spent epsilon {spent:.15f}, sum of the entries {total:.15f}, |difference| {abs(spent - total):.2e}, cap 1.0")
print(f"  {len(millis)} timed attempts in {window:.2f} s of contention: {len(millis) / window:.0f} charges/s; latency p50 {pct(0.5):.1f} ms,"
      f" p99 {pct(0.99):.1f} ms (wall with JVM starts {float(t1) - float(t0):.1f} s)")
ok = abs(spent - total) <= 1e-12 and entries == charged and orphans == 0 and spent <= 1.0 + 1e-9
if kills == 0:
    ok = ok and charged == 100 and refused == 300 and rows == 400
else:
    ok = ok and charged <= 100 and rows <= 400
print(f"  {'OK' if ok else 'FAILED'}")
sys.exit(0 if ok else 1)
PY
}
round contention 0
round killed 6
