-- Share of powered-on time spent on battery (DC) by persona, over the devices that report power-source time.
SELECT s.persona,
       count(DISTINCT s.guid) AS number_of_systems,
       round(100.0 * coalesce(sum(p.duration_s) FILTER (WHERE p.power_source = 'DC'), 0) / sum(p.duration_s), 2) AS percent_time_on_dc
FROM event_acdc_daily p
JOIN system_sysinfo_unique_normalized s USING (guid)
GROUP BY s.persona
HAVING sum(p.duration_s) > 0
ORDER BY s.persona
