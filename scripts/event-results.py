#!/usr/bin/env python3
"""Event questions and rare events from a sweep directory (scripts/bench-events.sh).

Per cell (method, epsilon, seed): the event questions' scores from the cell's report.json; and rare-event probes,
each an event rate per group (crashes per device by CPU and OS, unexpected-shutdown share by country, hangs per
device by app, crash rate by bug check, error devices by faulting module, Wi-Fi error share by country), on the
real tables and on the cell's synthetic tables, matched by group. A group's size is its real count of devices with
the event; the threshold is the smallest size bucket from which the median relative error of the rate stays
within 25 % in that bucket and every larger one.
"""
import csv, io, json, subprocess, sys
from pathlib import Path
from statistics import median

sweep = Path(sys.argv[1])
T = str(Path(__file__).resolve().parent / "telesynth")
EVENT_QUERIES = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "queries" / "events").glob("*.sql"))

PROBES = """
WITH n AS (SELECT count(*) AS n FROM system_sysinfo_unique_normalized)
SELECT 'crashes per device by cpu and os' AS probe, s.cpuname || ' / ' || s.os AS grp,
       count(DISTINCT c.guid) AS event_devices, coalesce(sum(c.crashes), 0) * 1.0 / count(DISTINCT s.guid) AS rate
FROM system_sysinfo_unique_normalized s LEFT JOIN event_crash_daily c USING (guid) GROUP BY 1, 2
UNION ALL
SELECT 'shutdown share by country', s.countryname_normalized, count(DISTINCT k.guid),
       count(DISTINCT k.guid) * 1.0 / count(DISTINCT s.guid)
FROM system_sysinfo_unique_normalized s LEFT JOIN event_kernel_power_daily k USING (guid) GROUP BY 1, 2
UNION ALL
SELECT 'hangs per device by app', app_name, count(DISTINCT guid), sum(hangs) * 1.0 / any_value(n.n)
FROM event_app_hang_by_app, n GROUP BY 1, 2
UNION ALL
SELECT 'crashes per device by bug check', coalesce(bugcheck_code, 'NULL'), count(DISTINCT guid), sum(crashes) * 1.0 / any_value(n.n)
FROM event_crash_daily, n GROUP BY 1, 2
UNION ALL
SELECT 'error devices by faulting module', faulting_module, count(DISTINCT guid), count(DISTINCT guid) * 1.0 / any_value(n.n)
FROM event_app_error_by_app, n GROUP BY 1, 2
UNION ALL
SELECT 'wifi error share by country', s.countryname_normalized, count(DISTINCT w.guid),
       count(DISTINCT w.guid) * 1.0 / count(DISTINCT s.guid)
FROM system_sysinfo_unique_normalized s LEFT JOIN event_wifi_error_daily w USING (guid) GROUP BY 1, 2
"""
BUCKETS = [1, 10, 30, 100, 300, 1000, 3000, 10000]


def probes(tables):
    out = subprocess.run([T, "sql", "--tables", str(tables), " ".join(PROBES.split())], check=True,
                         capture_output=True, text=True).stdout
    return {(r["probe"], r["grp"]): (int(r["event_devices"]), float(r["rate"])) for r in csv.DictReader(io.StringIO(out))}


def bucket(n):
    return max(b for b in BUCKETS if n >= b)


real = probes(sweep / "real")
cells = sorted(p for p in (sweep / "cells").iterdir() if (p / "result.json").exists())
rows, scores = [], {}
for cell in cells:
    result = json.loads((cell / "result.json").read_text())
    method, eps = result["method"], float(result["epsilon"])
    report = json.loads((cell / "report" / "report.json").read_text())
    by_name = {q["name"]: q for q in report["queries"]}
    scores[(method, eps, cell.name)] = {q: by_name.get(q) for q in EVENT_QUERIES}
    synth = probes(cell / "synth")
    errors = {}
    for key, (n, rate) in real.items():
        if n == 0 or rate == 0:
            continue
        s = synth.get(key, (0, 0.0))[1]
        errors.setdefault(bucket(n), []).append(abs(s - rate) / rate)
    rows.append((method, eps, cell.name, errors))

print("\n## Event questions passed (of %d), per method and epsilon\n" % len(EVENT_QUERIES))
print("| method | epsilon | passed | " + " | ".join(EVENT_QUERIES) + " |")
print("|---|---:|---:|" + "---|" * len(EVENT_QUERIES))
for (method, eps, name), qs in sorted(scores.items()):
    passed = sum(1 for q in qs.values() if q and q.get("passed"))
    cells_text = ["%s %.2f" % ("pass" if q and q.get("passed") else "fail", q["score"]) if q and q.get("score") is not None
                  else "-" for q in qs.values()]
    print("| %s | %g | %d | %s |" % (method, eps, passed, " | ".join(cells_text)))

print("\n## Rare events: median relative error of an event rate, by the group's real devices with the event\n")
print("| method | epsilon | " + " | ".join("%d+" % b for b in BUCKETS) + " | survives within 25 % from |")
print("|---|---:|" + "---:|" * len(BUCKETS) + "---|")
for method, eps, name, errors in sorted(rows):
    med = {b: median(errors[b]) for b in errors}
    threshold = None
    for b in sorted(med, reverse=True):
        if med[b] <= 0.25:
            threshold = b
        else:
            break
    text = ["%.2f (%d)" % (med[b], len(errors[b])) if b in med else "-" for b in BUCKETS]
    print("| %s | %g | %s | %s |" % (method, eps, " | ".join(text), "%d devices" % threshold if threshold else "never"))
