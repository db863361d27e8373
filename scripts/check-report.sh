#!/usr/bin/env bash
# Renders a real report.html, audit.html and sweep.html in headless Chromium and fails on a blank page or any console message.
# Makes its own report: benchmark answers of two small simulated fleets (different seeds), compared.
# Without Chromium it skips (exit 0) unless CHECK_REPORT_REQUIRE_BROWSER=1 (CI sets it and installs Chromium).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  if [ "${CHECK_REPORT_REQUIRE_BROWSER:-0}" = 1 ]; then
    echo "check-report: FAILED: no chromium on PATH (apt-get install chromium)" >&2; exit 1
  fi
  echo "check-report: skipped (no chromium on PATH; apt-get install chromium to run it)" >&2; exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ts() { "$root/scripts/telesynth" "$@"; }
ts simulate -q --out "$work/a" --devices 20000 --seed 1 >/dev/null
ts simulate -q --out "$work/b" --devices 20000 --seed 2 >/dev/null
ts benchmark -q --tables "$work/a" --out "$work/ans-a" >/dev/null
ts benchmark -q --tables "$work/b" --out "$work/ans-b" >/dev/null
ts compare -q --real "$work/ans-a" --synth "$work/ans-b" --out "$work/report" --noise-floor "$work/a" \
  --real-tables "$work/a" --synth-tables "$work/b" >/dev/null

render() {  # render PAGE PNG HEIGHT: Chromium must exit cleanly, log no console message and ink the page
"$browser" --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 --hide-scrollbars \
  --window-size=1280,"$3" --screenshot="$2" "file://$1" > "$work/browser.log" 2>&1 || {
  cat "$work/browser.log" >&2; echo "check-report: FAILED: chromium exited with an error" >&2; exit 1; }
if grep -q ':CONSOLE' "$work/browser.log"; then
  grep ':CONSOLE' "$work/browser.log" >&2
  echo "check-report: FAILED: console messages on $(basename "$1") (it has no script, so any message is an error)" >&2; exit 1
fi
# Blank-page check: decode the PNG (stdlib only) and count pixels that are not near-white.
python3 - "$2" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, width, height, channels = 8, b'', 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b'IHDR':
        width, height, depth, color = struct.unpack('>IIBB', body[:10])
        channels = {2: 3, 6: 4}[color]
    elif kind == b'IDAT':
        idat += body
    pos += 12 + length
raw = zlib.decompress(idat)
stride, prev, inked, rows = width * channels, bytearray(width * channels), 0, []
for y in range(height):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - channels] if i >= channels else 0
        b, c = prev[i], prev[i - channels] if i >= channels else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    inked += sum(1 for x in range(0, stride, channels) if min(line[x:x + 3]) < 200)
    prev = line
share = inked / (width * height)
print(f"check-report: {width}x{height} screenshot, {share:.1%} of pixels inked")
sys.exit(0 if share > 0.02 else "check-report: FAILED: the rendered page is (nearly) blank")
PY
}
shots="${CHECK_REPORT_SHOTS:-$root/target/check-report}"   # the screenshots stay here for a person to look at
mkdir -p "$shots"
fail() { echo "check-report: FAILED: $*" >&2; exit 1; }
render "$work/report/report.html" "$shots/report-simulated.png" 4000
grep -q 'queries passed' "$work/report/report.html" || fail "no summary in report.html"
grep -q '(published)</th>' "$work/report/report.html" || fail "the simulated fleet's report lacks the published peers' columns"
# the user's own data: the simulator's files without its manifest (so not public data), loaded, released seeded,
# answered and compared with its tables: privacy section, verdict, banners, and no published peers' figures
mkdir -p "$work/user" && cp "$work/a"/*.parquet "$work/user/"
ts load -q --in "$work/user" --out "$work/u-real" >/dev/null 2>&1
ts aggregate -q --in "$work/u-real" --out "$work/u-agg" >/dev/null
ts synthesize-pertable -q --in "$work/u-agg" --data "$work/u-real" --out "$work/u-synth" --seed 3 >/dev/null 2>&1
ts benchmark -q --tables "$work/u-real" --out "$work/u-ans-real" >/dev/null
ts benchmark -q --tables "$work/u-synth" --out "$work/u-ans-synth" >/dev/null
ts compare -q --real "$work/u-ans-real" --synth "$work/u-ans-synth" --out "$work/u-report" --noise-floor "$work/u-real" \
  --real-tables "$work/u-real" --synth-tables "$work/u-synth" --shareable >/dev/null
page="$work/u-report/report.html"
render "$page" "$shots/report-user-data.png" 1800
for want in 'id="privacy"' 'id="verdict"' 'INTERNAL: contains real data' 'SEEDED — not for release' 'id="quality"' \
    'queries meet their thresholds' 'No published figures are shown' '<summary>SQL</summary>'; do
  grep -q "$want" "$page" || fail "report.html of the user's data lacks: $want"
done
for unwanted in '(published)' "of the peers'" 'best published peer'; do
  if grep -q "$unwanted" "$page"; then fail "report.html of the user's data shows the peers' figures: $unwanted"; fi
done
# the peers' headline "6 of 21", not a count such as "1986 of 2172 real groups" that happens to contain it
if grep -qE '(^|[^0-9])6 of 21($|[^0-9])' "$page"; then fail "report.html of the user's data shows the peers' headline: 6 of 21"; fi
render "$work/u-report/shareable.html" "$shots/report-shareable.png" 1400
if grep -q 'INTERNAL: contains real data\|meet their thresholds' "$work/u-report/shareable.html"; then fail "shareable.html holds real-data results"; fi
# the audit page too (private reports of the real data; here two simulated fleets stand in)
ts audit -q --real "$work/a" --synth "$work/b" --out "$work/audit" --tier standard >/dev/null || [ $? -eq 4 ]
render "$work/audit/audit.html" "$shots/audit.png" 1400
grep -q 'INTERNAL: contains real data' "$work/audit/audit.html" || { echo "check-report: FAILED: audit.html lacks its private banner" >&2; exit 1; }
# the sweep page: a one-cell sweep on a tiny fleet (its curves, heat map and recommendation are inline SVG and tables)
ts sweep -q --out "$work/sweep" --devices 2000 --methods pertable --epsilons 1,4 --seeds 1 >/dev/null
render "$work/sweep/sweep.html" "$shots/sweep.png" 2000
grep -q 'internal: contains real data' "$work/sweep/sweep.html" || { echo "check-report: FAILED: sweep.html lacks its private banner" >&2; exit 1; }
grep -q '<svg' "$work/sweep/sweep.html" || { echo "check-report: FAILED: sweep.html has no curves" >&2; exit 1; }
echo "check-report: screenshots in $shots"
echo "check-report: OK (report.html on simulated and user data, shareable.html, audit.html and sweep.html render in $("$browser" --version 2>/dev/null | head -1))"
