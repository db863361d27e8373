-- Share of devices with at least one unexpected shutdown (Kernel-Power, event 41) in the window, and shutdowns per 1,000 device-days, by chassis.
SELECT s.chassistype,
       count(DISTINCT s.guid) AS number_of_systems,
       round(100.0 * count(DISTINCT k.guid) / count(DISTINCT s.guid), 2) AS percent_with_unexpected_shutdown,
       round(1000.0 * coalesce(sum(k.shutdowns), 0) / (count(DISTINCT s.guid) * 30), 3) AS shutdowns_per_1000_device_days
FROM system_sysinfo_unique_normalized s
LEFT JOIN event_kernel_power_daily k USING (guid)
GROUP BY s.chassistype
ORDER BY s.chassistype
