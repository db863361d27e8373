-- Modern-standby blockers: a device's blockers come from its own portfolio, weighted by how often each blocker
-- occurs in the real fleet; days lie in the window, so each falls in one OS-history interval of the device.
WITH d AS (
    SELECT id, guid, r.day, portfolio
    FROM dev, range(0, ${days}) r(day) WHERE in_blk AND active(id, r.day, 17, 0.35)
), rows AS (
    SELECT d.*, q.j, floor(u(id, day, q.j, 2, 17) * (portfolio + 10))::INTEGER AS p
    FROM d, range(0, 1 + floor(u(id, day, 0, 1, 17) * 20)::INTEGER) q(j)
)
SELECT guid,
       (${start} + day::INTEGER)::TIMESTAMP + to_seconds(floor(u(id, day, j, 3, 17) * 86400)::BIGINT) AS ts_utc,
       ${start} + day::INTEGER AS dt_utc, ${start} + day::INTEGER AS dt,
       b.name AS blocker_name, b.type AS blocker_type, b.level AS activity_level,
       CASE WHEN u(id, day, j, 4, 17) < b.p_zero THEN 0.0
            ELSE round(b.active_s * 1000 * exp(0.6 * nz(id, day, j, 5, 17) - 0.18), 1) END AS active_time_ms,
       substr(md5(b.name), 1, 12) AS blocker_id,
       (id * 4096 + day) * 1024 + j AS _ord
FROM rows JOIN blk_slots b ON b.slot = floor(u(id, 4000, p, 6, 17) * 16384)
