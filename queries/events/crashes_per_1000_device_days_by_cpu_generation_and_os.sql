-- Crashes (blue screens) per 1,000 device-days by CPU generation and OS, over the 30-day window, for groups of at least 50 devices.
SELECT regexp_extract(s.cpuname, '^(\d+\w\w Gen)', 1) AS cpu_generation,
       s.os,
       count(DISTINCT s.guid) AS number_of_systems,
       round(1000.0 * coalesce(sum(c.crashes), 0) / (count(DISTINCT s.guid) * 30), 3) AS crashes_per_1000_device_days
FROM system_sysinfo_unique_normalized s
LEFT JOIN (SELECT guid, sum(crashes) AS crashes FROM event_crash_daily GROUP BY guid) c USING (guid)
WHERE regexp_extract(s.cpuname, '^(\d+\w\w Gen)', 1) <> ''
GROUP BY 1, 2
HAVING count(DISTINCT s.guid) >= 50
ORDER BY 1, 2
