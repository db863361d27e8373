-- Daily wait summaries: two TOTAL_* rows, then waits for processes from the device's own portfolio (common
-- processes wait seconds; rare ones, from the published rankings, wait far longer). AC/DC follows the device's
-- time on battery; acdc is always upper(left(ac_dc_event_name, 2)).
WITH d AS (
    SELECT id, guid, r.day, mobile, ac_share, portfolio, intensity
    FROM dev, range(0, ${days}) r(day) WHERE in_uw AND active(id, r.day, 15, 0.3)
), rows AS (
    SELECT d.*, q.j FROM d, range(0, 2 + floor(u(id, day, 0, 1, 15) * (4 + 8 * intensity))::INTEGER) q(j)
), picked AS (
    SELECT rows.*,
           CASE WHEN j = 0 THEN 'TOTAL_NON_WAIT_EVENTS' WHEN j = 1 THEN 'TOTAL_DISCARDED_WAIT_EVENTS'
                WHEN u(id, day, j, 2, 15) < 0.7 THEN 'WAIT' ELSE 'APPSTARTING' END AS event_name,
           CASE WHEN u(id, day, j, 3, 15) < 0.03 THEN (CASE WHEN u(id, day, j, 4, 15) < 0.5 THEN 'NA' ELSE 'unknown' END)
                ELSE (CASE WHEN u(id, day, j, 4, 15) < ac_share THEN 'AC' WHEN mobile THEN 'DC' ELSE 'UN' END)
                     || (CASE WHEN u(id, day, j, 5, 15) < 0.8 THEN '_DISPLAY_ON' WHEN u(id, day, j, 5, 15) < 0.95 THEN '_DISPLAY_OFF' ELSE '_DISPLAY_UN' END)
           END AS ac_dc_event_name,
           floor(u(id, 4000, floor(u(id, day, j, 6, 15) * portfolio)::INTEGER, 7, 15) * 16384)::INTEGER AS pslot
    FROM rows
)
SELECT DISTINCT ON (id, day, event_name, ac_dc_event_name, proc_name)
       guid, ${start} + day::INTEGER AS dt, event_name, ac_dc_event_name, upper(left(ac_dc_event_name, 2)) AS acdc,
       proc_name, number_of_instances,
       round(number_of_instances * sec_per_instance * 1000 * exp(0.5 * nz(id, day, j, 8, 15) - 0.125))::BIGINT AS total_duration_ms,
       (id * 4096 + day) * 1024 + j AS _ord
FROM (SELECT picked.*, CASE WHEN j < 2 THEN 'DUMMY_PROCESS' ELSE p.proc END AS proc_name,
             CASE WHEN j < 2 THEN 0.5 ELSE p.sec_per_instance END AS sec_per_instance,
             (1 + floor(-ln(greatest(u(id, day, j, 9, 15), 1e-12)) * 3))::BIGINT AS number_of_instances
      FROM picked JOIN proc_slots p ON p.slot = picked.pslot)
ORDER BY id, day, event_name, ac_dc_event_name, proc_name, j
