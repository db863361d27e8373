-- Daily package telemetry around the device's level (psys_rap_watts), which comes from its CPU and chassis.
WITH d AS (
    SELECT id, guid, r.day, hw_watts AS lvl FROM dev, range(0, ${days}) r(day) WHERE in_psys AND active(id, r.day, 5, 0.016)
), v AS (
    SELECT *, lvl * exp(0.1 * nz(id, day, 0, 2, 5)) AS a FROM d
)
SELECT guid, ${start} + day::INTEGER AS dt, (17280 * (0.1 + 0.9 * u(id, day, 0, 1, 5)))::BIGINT AS nrs,
       a * (0.3 + 0.4 * u(id, day, 0, 3, 5)) AS min_psys_rap_watts, a AS avg_psys_rap_watts, a * (1.5 + 3 * u(id, day, 0, 4, 5)) AS max_psys_rap_watts, id * 4096 + day AS _ord
FROM v
