-- The cross-table relations of docs/simulator.md, one boolean column each (true: the relation holds on this
-- table set), with the thresholds of CalibrationAndRelationsTest. Run: telesynth sql --tables DIR "$(cat scripts/relations.sql)"
WITH net AS (
    SELECT guid, sum(avg_bytes_sec * nrs * 5) FILTER (WHERE input_desc LIKE '%RECEIVED%') AS r,
           sum(avg_bytes_sec * nrs * 5) FILTER (WHERE input_desc LIKE '%SENT%') AS s
    FROM system_network_consumption GROUP BY guid),
browser AS (
    SELECT countryname_normalized AS country, count(DISTINCT guid) FILTER (WHERE browser = 'edge') * 1.0 / count(DISTINCT guid) AS edge,
           count(DISTINCT guid) FILTER (WHERE browser = 'chrome') * 1.0 / count(DISTINCT guid) AS chrome
    FROM system_web_cat_usage JOIN system_sysinfo_unique_normalized USING (guid) GROUP BY 1),
c0 AS (
    SELECT avg(avg_pkg_c0) FILTER (WHERE m.cpugen IN ('12th Gen i5', '12th Gen i7', '13th Gen i7')) AS newer,
           avg(avg_pkg_c0) FILTER (WHERE m.cpugen IN ('8th Gen i5', '8th Gen i7')) AS older
    FROM system_pkg_C0 JOIN system_cpu_metadata m USING (guid) JOIN system_sysinfo_unique_normalized s USING (guid) WHERE s.chassistype = 'Notebook'),
mods AS (
    SELECT avg(mods_time * 100.0 / (on_time + off_time + mods_time + sleep_time)) FILTER (WHERE m.marketcodename = 'Tiger Lake') AS tiger,
           avg(mods_time * 100.0 / (on_time + off_time + mods_time + sleep_time)) FILTER (WHERE m.marketcodename = 'Coffee Lake') AS coffee
    FROM system_on_off_suspend_time_day JOIN system_cpu_metadata m USING (guid)),
gaming AS (
    SELECT count(*) FILTER (WHERE app_type = 'Gaming' AND persona = 'Gamer') * 1.0 / count(*) FILTER (WHERE persona = 'Gamer') AS gamer,
           count(*) FILTER (WHERE app_type = 'Gaming' AND persona = 'Office/Productivity') * 1.0 / count(*) FILTER (WHERE persona = 'Office/Productivity') AS office
    FROM system_frgnd_apps_types JOIN system_sysinfo_unique_normalized USING (guid)),
games AS (
    SELECT sum(games_video_games) FILTER (WHERE persona = 'Gamer') * 1.0 / sum(unclassified) FILTER (WHERE persona = 'Gamer') AS gamer,
           sum(games_video_games) FILTER (WHERE persona = 'Web User') * 1.0 / sum(unclassified) FILTER (WHERE persona = 'Web User') AS web
    FROM system_web_cat_pivot_duration JOIN system_sysinfo_unique_normalized USING (guid))
SELECT
    coalesce((SELECT avg(duration_mins) FILTER (WHERE m.marketcodename = 'Tiger Lake') / avg(duration_mins) FILTER (WHERE m.marketcodename = 'Coffee Lake')
              FROM system_batt_dc_events JOIN system_cpu_metadata m USING (guid)) BETWEEN 2.2 AND 4.0
             AND (SELECT count(*) FROM system_batt_dc_events JOIN system_sysinfo_unique_normalized s USING (guid) WHERE s.chassistype = 'Desktop') = 0, false) AS battery_by_cpu,
    coalesce((SELECT tiger > 10 AND coffee < 2 FROM mods), false) AS modern_standby_by_cpu,
    coalesce((SELECT newer - older > 2 FROM c0), false) AS c0_by_cpu_generation,
    coalesce((SELECT median(r) FILTER (WHERE cpuname = 'Xeon') / median(r) FILTER (WHERE cpuname <> 'Xeon') > 20
                 AND median(s / r) FILTER (WHERE cpuname = 'Xeon') / median(s / r) FILTER (WHERE cpuname <> 'Xeon') > 2
              FROM net JOIN system_sysinfo_unique_normalized USING (guid)), false) AS xeon_network,
    coalesce((SELECT bool_and(CASE country WHEN 'Korea, Republic of' THEN edge > chrome ELSE chrome > edge + 0.2 END) FROM browser
              WHERE country IN ('Korea, Republic of', 'United States of America')), false) AS browser_by_country,
    coalesce((SELECT avg(avg_percentage_used) FILTER (WHERE sysinfo_ram = 4096) - avg(avg_percentage_used) FILTER (WHERE sysinfo_ram = 32768) > 25
              FROM system_memory_utilization), false) AS memory_by_ram,
    coalesce((SELECT gaming.gamer > 5 * gaming.office AND games.gamer > 1.5 * games.web FROM gaming, games), false) AS persona_apps_and_web,
    coalesce((SELECT count(*) > 0 AND count(*) = (SELECT count(*) FROM system_mods_top_blocker_hist a JOIN system_os_codename_history b
                                                ON a.guid = b.guid AND a.dt BETWEEN b.min_ts AND b.max_ts) FROM system_mods_top_blocker_hist), false) AS blockers_in_os_intervals
