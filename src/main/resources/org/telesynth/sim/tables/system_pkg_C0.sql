-- Daily package telemetry around the device's level (pkg_c0), which comes from its CPU and chassis.
WITH d AS (
    SELECT id, guid, r.day, hw_c0 AS lvl FROM dev, range(0, ${days}) r(day) WHERE in_c0 AND active(id, r.day, 4, 0.29)
), v AS (
    SELECT *, least(100, greatest(0.5, lvl + 5 * nz(id, day, 0, 2, 4))) AS a FROM d
)
SELECT guid, ${start} + day::INTEGER AS dt, (17280 * (0.1 + 0.9 * u(id, day, 0, 1, 4)))::BIGINT AS nrs,
       a * 0.2 * u(id, day, 0, 3, 4) AS min_pkg_c0, a AS avg_pkg_c0, least(100, a + 40 * u(id, day, 0, 4, 4)) AS max_pkg_c0, id * 4096 + day AS _ord
FROM v
