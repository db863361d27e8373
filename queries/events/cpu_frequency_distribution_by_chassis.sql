-- The distribution of daily average CPU frequency by chassis: each (chassis, 500 MHz band) cell's share of all device-days.
SELECT s.chassistype,
       least(6000, floor(f.avg_freq_mhz / 500) * 500)::INTEGER AS freq_band_mhz,
       count(DISTINCT f.guid) AS number_of_systems,
       round(100.0 * count(*) / sum(count(*)) OVER (), 3) AS percent_of_device_days
FROM event_cpu_frequency_daily f
JOIN system_sysinfo_unique_normalized s USING (guid)
WHERE f.avg_freq_mhz IS NOT NULL
GROUP BY 1, 2
ORDER BY 1, 2
