-- The interval current at the window start (it began before the window), and the upgrade interval when the
-- device upgraded inside the window. Boundaries sit at midnight, so every day of the window lies in exactly one
-- interval of the device: blocker rows always find their OS.
SELECT guid, os_name1 AS os_name, os_code1 AS os_codename,
       ${start}::TIMESTAMP + to_days(os_start1) + to_seconds(floor(u(id, 4093, 0, 1, 1) * 86400)::BIGINT) AS min_ts,
       ${start}::TIMESTAMP + to_days(CASE WHEN os_switch_day > 0 THEN os_switch_day ELSE ${days} END) - INTERVAL 1 SECOND AS max_ts,
       id * 2 AS _ord
FROM dev WHERE in_os
UNION ALL
SELECT guid, os_name2, os_code2, ${start}::TIMESTAMP + to_days(os_switch_day),
       ${start}::TIMESTAMP + to_days(${days}) - INTERVAL 1 SECOND, id * 2 + 1
FROM dev WHERE in_os AND os_switch_day > 0
